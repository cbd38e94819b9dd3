using System.Diagnostics;

namespace Sia.Stack.Tests;

/// <summary>An AppHost that cannot have a PostgreSQL says why, and how to fix it, in one line, and starts nothing.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task Asking_for_a_container_where_no_container_runtime_answers_stops_the_AppHost_with_one_line_naming_the_fix()
    {
        // The AppHost's build, which the reference copies beside the tests.
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Sia.AppHost.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Postgres__UseContainer"] = "true";
        start.Environment["ASPIRE_CONTAINER_RUNTIME"] = "no-such-container-runtime";
        using var process = Process.Start(start)!;

        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Postgres__UseContainer=true needs a container runtime, and 'no-such-container-runtime info' does not answer here.", line);
        Assert.Contains("apt-get install -y postgresql", line);
        Assert.Equal("", output);
    }
}
