using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Sia.Testing;

namespace Sia.Risk.Tests;

/// <summary>
/// The risk service as its own process (<c>dotnet Sia.Risk.dll</c> from its build output, as deployed), for what only a
/// process can show: being killed with SIGKILL. Its output is kept for a failing test to show.
/// </summary>
public sealed class RiskProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RiskProcess(Process process) => _process = process;

    public string Output => string.Join(Environment.NewLine, _output);

    public static RiskProcess Start(string database, Uri registry)
    {
        var configuration = typeof(RiskProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = RepoPaths.Combine("services", "Risk", "Sia.Risk", "bin", configuration, "net10.0", "Sia.Risk.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__riskdb"] = database,
                ["Risk__Registry__Address"] = registry.ToString(),
                ["Risk__Registry__ReconnectDelay"] = "00:00:00.1",
                ["Urls"] = "http://127.0.0.1:0",
            },
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var started = new RiskProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) started._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) started._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Until it has written a line containing <paramref name="text"/>.</summary>
    public Task OutputAsync(string text) =>
        Until.TrueAsync(() => _process.HasExited ? throw new InvalidOperationException($"The risk service ended:{Environment.NewLine}{Output}") : _output.Any(line => line.Contains(text, StringComparison.Ordinal)),
            $"the risk service to write '{text}'");

    /// <summary>SIGKILL: no shutdown, no rollback by the client, connections cut mid-transaction.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
