using System.Diagnostics;
using Sia.Testing;

namespace Sia.Stack.Tests;

/// <summary>
/// The AppHost run as a developer runs it, a process of its own: stopped with SIGTERM (what Ctrl+C sends through dotnet
/// run) or killed outright, it leaves no process of its stack behind.
/// </summary>
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120), GoneWithin = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task After_SIG_the_AppHost_and_every_process_it_started_are_gone_within_20_s(string signal)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var state = Path.Combine(Path.GetTempPath(), $"sia-stack-{Guid.NewGuid():N}");
        using var appHost = Start(state);
        try
        {
            await WaitForLineAsync(appHost, "SIA is running.", cancellation);
            var stack = ProcessInfo.OfTestApp(state);
            Assert.Contains(stack, p => p.CommandLine.EndsWith("/Sia.Gateway", StringComparison.Ordinal));

            using (var kill = Process.Start("kill", [$"-{signal}", appHost.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(cancellation);

            var clock = Stopwatch.StartNew();
            while ((!appHost.HasExited || stack.Any(p => p.IsAlive)) && clock.Elapsed < GoneWithin) await Task.Delay(100, cancellation);
            Assert.True(appHost.HasExited, "the AppHost is still running");
            Assert.DoesNotContain(stack, p => p.IsAlive);
        }
        finally
        {
            if (!appHost.HasExited) appHost.Kill(entireProcessTree: true);
            StackFixture.DeleteState(state);
        }
    }

    /// <summary>The AppHost's build (copied beside the tests) with its launch profile's settings, on free ports.</summary>
    private static Process Start(string state)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Sia.AppHost.dll"), .. StackFixture.Arguments(state)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://localhost:{LoopbackPorts.Free()}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{LoopbackPorts.Free()}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{LoopbackPorts.Free()}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["DcpPublisher__RandomizePorts"] = "true",
            },
        };
        return Process.Start(start) ?? throw new InvalidOperationException("The AppHost did not start.");
    }

    private static async Task WaitForLineAsync(Process process, string text, CancellationToken cancellation)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(Startup);
        var errors = process.StandardError.ReadToEndAsync(limit.Token);
        while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal)) return;
        }
        throw new InvalidOperationException($"The AppHost ended before '{text}': {await errors}");
    }
}
