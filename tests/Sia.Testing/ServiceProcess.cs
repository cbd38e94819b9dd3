using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Sia.Testing;

/// <summary>
/// A service as its own process (<c>dotnet Sia.X.dll</c> from its build output, as deployed), for what only a process can
/// show: being killed with SIGKILL. Its output is kept for a failing test to show.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _service;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, string service) => (_process, _service) = (process, service);

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts services/{folder}/{project}/bin/{configuration}/net10.0/{project}.dll with the given environment, built as the tests are.</summary>
    public static ServiceProcess Start(string folder, string project, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = RepoPaths.Combine("services", folder, project, "bin", configuration, "net10.0", $"{project}.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var started = new ServiceProcess(process, project);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) started._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) started._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Until it has written a line containing <paramref name="text"/>.</summary>
    public Task OutputAsync(string text) =>
        Until.TrueAsync(() => _process.HasExited ? throw new InvalidOperationException($"{_service} ended:{Environment.NewLine}{Output}") : _output.Any(line => line.Contains(text, StringComparison.Ordinal)),
            $"{_service} to write '{text}'");

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
