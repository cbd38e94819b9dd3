using System.Collections.Concurrent;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>
/// The real registry, as its Program.cs runs it (ServiceDefaults' /health included, and the demo data), on Kestrel h2c over
/// its own test database, with the gateway's signing key: it refuses partner headers that do not verify. It records what
/// reaches it, to check what the gateway forwards.
/// </summary>
public sealed class BackendHost : IAsyncLifetime
{
    public const string CallIdHeader = "x-test-call-id";

    private readonly RegistryHost _registry;

    public BackendHost(PostgresServer postgres, IReadOnlyDictionary<string, string?>? settings = null) => _registry = new RegistryHost(postgres)
    {
        LoadDemoData = true,
        Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            [PartnerHeaders.SigningKeyConfigKey] = TestPartners.SigningKey,
        },
        ConfigureServices = Logs.AddTo,
        BeforeEndpoints = app => app.Use(async (context, next) =>
        {
            if (context.Request.Headers[CallIdHeader] is [{ } id]) Calls[id] = ReceivedCall.From(context.Request);
            await next(context);
            if (context.Request.Path == "/health") HealthProbes.Enqueue($"{context.Request.Protocol} {context.Response.StatusCode}");
        }),
    };

    public Uri Address => _registry.Address;
    /// <summary>What the registry logs, at the levels its configuration enables.</summary>
    public CapturedLogs Logs { get; } = new();
    public ConcurrentDictionary<string, ReceivedCall> Calls { get; } = new();
    /// <summary>Each GET /health: its protocol and the status answered, e.g. "HTTP/2 200".</summary>
    public ConcurrentQueue<string> HealthProbes { get; } = new();

    public ValueTask InitializeAsync() => _registry.InitializeAsync();

    public ValueTask DisposeAsync() => _registry.DisposeAsync();
}
