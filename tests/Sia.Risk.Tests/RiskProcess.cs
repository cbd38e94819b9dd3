using Sia.Testing;

namespace Sia.Risk.Tests;

/// <summary>The risk service as its own process, over <paramref name="database"/>, following the registry at <paramref name="registry"/>.</summary>
public static class RiskProcess
{
    public static ServiceProcess Start(string database, Uri registry) => ServiceProcess.Start("Risk", "Sia.Risk", new Dictionary<string, string>
    {
        ["ConnectionStrings__riskdb"] = database,
        ["Risk__Registry__Address"] = registry.ToString(),
        ["Risk__Registry__ReconnectDelay"] = "00:00:00.1",
        ["Urls"] = "http://127.0.0.1:0",
    });
}
