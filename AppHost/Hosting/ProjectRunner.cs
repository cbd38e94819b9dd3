using System.Diagnostics;
using System.Net;
using Sia.Hosting.Local;

namespace Sia.AppHost.Hosting;

/// <summary>
/// Runs a project's built assembly with <c>dotnet</c>, in a session of its own (the AppHost decides the stopping
/// order, not the terminal's Ctrl+C), watches <c>GET /health</c> until it answers 200 over HTTP/2 (and then every few
/// seconds: Unhealthy while it does not answer), and restarts the
/// process with a growing back-off (1 s doubling to 30 s) when it exits on its own. A project that exits three times
/// before it was ever healthy has failed to start. A watchdog stops the process if the AppHost itself is killed.
/// </summary>
internal sealed class ProjectRunner(ProjectResource project, ResourceOutput.ResourceLog log, ResourceOutput.ResourceLog appHostLog,
    DistributedApplicationOptions options, IReadOnlyDictionary<string, string> baseEnvironment)
    : ResourceRunner(project, log, appHostLog)
{
    private const int FailuresBeforeGivingUp = 3;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private static readonly HttpClient HealthClient = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(3),
    };

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _processGate = new();
    private Process? _process;
    private Process? _watchdog;
    private Task _supervisor = Task.CompletedTask;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(project.Project.TargetPath))
        {
            var error = new DistributedApplicationException($"{project.Name}: {project.Project.TargetPath} does not exist. Build the solution first " +
                "(`dotnet build SIA.sln`; `dotnet run --project AppHost` builds it).");
            FailStart(error);
            return Task.FromException(error);
        }
        _supervisor = Task.Run(SuperviseAsync, CancellationToken.None);
        return Healthy.WaitAsync(cancellationToken);
    }

    private async Task SuperviseAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        var everHealthy = false;
        var failures = 0;
        for (var restarts = 0; !_stopping.IsCancellationRequested; restarts++)
        {
            Process process;
            try
            {
                process = await LaunchAsync(restarts).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                FailStart(new DistributedApplicationException($"{project.Name} could not be started: {error.Message}", error));
                return;
            }
            var running = Stopwatch.StartNew();
            using (var watching = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                var monitoring = Task.CompletedTask;
                if (await WaitUntilHealthyAsync(process, restarts).ConfigureAwait(false))
                {
                    everHealthy = true;
                    monitoring = MonitorHealthAsync(process, watching.Token);
                }
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                await watching.CancelAsync().ConfigureAwait(false);
                await monitoring.ConfigureAwait(false);
            }
            if (_stopping.IsCancellationRequested) return;

            var exitCode = process.ExitCode;
            if (!everHealthy && ++failures >= FailuresBeforeGivingUp)
            {
                FailStart(new DistributedApplicationException($"{project.Name} exited {failures} times before it was ever healthy " +
                    $"(last exit code {exitCode}). Its last output:\n{Log.Tail(30)}"));
                return;
            }
            if (running.Elapsed > MaxBackoff) backoff = TimeSpan.FromSeconds(1);
            Publish(Snapshot with { State = ResourceState.Exited, ExitCode = exitCode, ProcessId = null },
                $"exit code {exitCode}; restarting in {backoff.TotalSeconds:0} s");
            if (!await DelayAsync(backoff, _stopping.Token).ConfigureAwait(false)) return;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task<Process> LaunchAsync(int restarts)
    {
        var environment = new Dictionary<string, string>(baseEnvironment, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = string.Join(';', project.Endpoints.Values.Select(e => e.Url.ToString().TrimEnd('/'))),
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={InstanceId}",
        };
        foreach (var callback in project.EnvironmentCallbacks) await callback(environment, _stopping.Token).ConfigureAwait(false);

        lock (_processGate)
        {
            _stopping.Token.ThrowIfCancellationRequested();
            _process = ChildProcess.Start(DotnetHost, [project.Project.TargetPath], Path.GetDirectoryName(project.Project.ProjectPath)!,
                asServerUser: false, Log.Write, newSession: true, environment);
            _watchdog?.Dispose();
            _watchdog = OwnerWatchdog.StartForProcess(Environment.ProcessId, _process.Id);
        }
        Publish(new ResourceSnapshot(project.Name, ResourceState.Starting, _process.Id, restarts), $"pid {_process.Id}");
        return _process;
    }

    /// <summary>True once <c>/health</c> answers 200; false when the process exits first, or is stopped for taking too long.</summary>
    private async Task<bool> WaitUntilHealthyAsync(Process process, int restarts)
    {
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !_stopping.IsCancellationRequested)
        {
            if (clock.Elapsed > options.StartupTimeout)
            {
                Log.Write($"[apphost] {HealthUrl} did not answer 200 within {options.StartupTimeout.TotalSeconds:0} s; stopping the process.");
                await StopProcessAsync(process).ConfigureAwait(false);
                return false;
            }
            if (await IsHealthyAsync(_stopping.Token).ConfigureAwait(false))
            {
                Publish(new ResourceSnapshot(project.Name, ResourceState.Healthy, process.Id, restarts),
                    restarts == 0 ? $"{clock.Elapsed.TotalSeconds:0.0} s" : $"restart {restarts}, {clock.Elapsed.TotalSeconds:0.0} s");
                return true;
            }
            if (!await DelayAsync(TimeSpan.FromMilliseconds(100), _stopping.Token).ConfigureAwait(false)) break;
        }
        return false;
    }

    /// <summary>Keeps probing a running project, so that one that hangs shows as Unhealthy (and Healthy again when it answers).</summary>
    private async Task MonitorHealthAsync(Process process, CancellationToken cancellationToken)
    {
        while (await DelayAsync(options.HealthCheckInterval, cancellationToken).ConfigureAwait(false))
        {
            var healthy = await IsHealthyAsync(cancellationToken).ConfigureAwait(false);
            if (process.HasExited || cancellationToken.IsCancellationRequested) return;
            var state = Snapshot.State;
            if (!healthy && state == ResourceState.Healthy) Publish(Snapshot with { State = ResourceState.Unhealthy }, $"{HealthUrl} did not answer 200");
            else if (healthy && state == ResourceState.Unhealthy) Publish(Snapshot with { State = ResourceState.Healthy });
        }
    }

    private Uri HealthUrl => new(project.Endpoints[ProjectResource.DefaultEndpointName].Url, project.HealthCheckPath);

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HealthClient.GetAsync(HealthUrl, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) // the client's timeout, or stopping
        {
            return false;
        }
    }

    /// <summary>False when cancelled instead of waiting the whole delay.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public override async Task StopAsync()
    {
        Process? process;
        lock (_processGate)
        {
            if (_stopping.IsCancellationRequested) return;
            _stopping.Cancel();
            process = _process;
        }
        if (process is not null && !process.HasExited)
        {
            Publish(Snapshot with { State = ResourceState.Stopping });
            await StopProcessAsync(process).ConfigureAwait(false);
        }
        await _supervisor.ConfigureAwait(false);
        _watchdog?.Kill();
        _watchdog?.Dispose();
        var exitCode = process is { HasExited: true } ? process.ExitCode : (int?)null;
        process?.Dispose();
        PublishStopped(exitCode);
    }

    /// <summary>SIGTERM (a graceful ASP.NET Core shutdown), then the whole process tree is killed after <see cref="StopGrace"/>.</summary>
    private static async Task StopProcessAsync(Process process)
    {
        try
        {
            Posix.Signal(process.Id, Posix.SigTerm);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException) { }
    }

    private string InstanceId { get; } = $"{project.Name}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8]}";

    /// <summary>The dotnet host: the one running us when the AppHost was started with <c>dotnet</c>, else <c>dotnet</c> on PATH.</summary>
    private static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
