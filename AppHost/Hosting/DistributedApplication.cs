using System.Runtime.InteropServices;
using Sia.AppHost.Telemetry;
using Sia.Hosting.Local;

namespace Sia.AppHost.Hosting;

/// <summary>
/// The running stack: the telemetry collector, then every resource, each started once what it waits for is healthy;
/// stopped in reverse dependency order (projects first, PostgreSQL last). Made by <see cref="DistributedApplicationBuilder.Build"/>.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly ResourceOutput _output;
    private readonly ResourceOutput.ResourceLog _appHostLog;
    private readonly Dictionary<string, ResourceRunner> _runners = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _stopGate = new();
    private TelemetryCollector? _collector;
    private readonly CancellationTokenSource _shutdownRequested = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private Task? _stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        _output = new ResourceOutput(builder.Resources.Where(r => r is ProjectResource or PostgresServerResource).Select(r => r.Name), builder.Options.WriteToConsole);
        _appHostLog = _output.For(ResourceOutput.AppHostName);
        AllocatePorts();
    }

    /// <summary>Starts describing an application: <c>var builder = DistributedApplication.CreateBuilder(args);</c></summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args, DistributedApplicationTestingHook.Current);

    public DistributedApplicationOptions Options => _builder.Options;

    /// <summary>Spans, logs and metrics the resources exported (once started).</summary>
    public TelemetryStore Telemetry => Collector.Store;

    /// <summary>The collector's OTLP/HTTP address, which also serves the query API under <c>/api</c>.</summary>
    public Uri TelemetryEndpoint => Collector.OtlpHttpEndpoint;

    private TelemetryCollector Collector => _collector ?? throw new InvalidOperationException("The application has not been started.");

    /// <summary>Starts the collector and every resource; returns once all are healthy. Ctrl+C or SIGTERM meanwhile stops what started.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_collector is not null) throw new InvalidOperationException("The application has already been started.");
        if (Options.HandleSignals) HandleSignals();
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdownRequested.Token);
        try
        {
            _collector = await StartCollectorAsync(starting.Token);
            _appHostLog.Write($"telemetry: OTLP/gRPC {_collector.OtlpGrpcEndpoint}, OTLP/HTTP and query API {_collector.OtlpHttpEndpoint}");
            var environment = ProjectEnvironment(_collector.OtlpGrpcEndpoint);
            foreach (var resource in _builder.Resources)
            {
                var log = _output.For(resource.Name);
                ResourceRunner? runner = resource switch
                {
                    ProjectResource project => new ProjectRunner(project, log, _appHostLog, Options, environment),
                    PostgresServerResource server => new PostgresRunner(server, log, _appHostLog, Options, _builder.Configuration.GetConnectionString(server.Name)),
                    _ => null,
                };
                if (runner is not null) _runners[resource.Name] = runner;
            }
            await Task.WhenAll(_runners.Values.Select(runner => StartWhenReadyAsync(runner, starting.Token)));
            _appHostLog.Write("every resource is healthy");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Starts, calls <paramref name="whenStarted"/>, and runs until Ctrl+C or SIGTERM; then stops everything.
    /// A signal during start-up stops what started and returns; so does a resource that cannot start, with exit code 1.</summary>
    public async Task RunAsync(Action<DistributedApplication>? whenStarted = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (_shutdownRequested.IsCancellationRequested)
        {
            return;
        }
        catch (DistributedApplicationException error)
        {
            _appHostLog.Write($"the stack did not start: {error.Message}");
            Environment.ExitCode = 1;
            return;
        }
        whenStarted?.Invoke(this);
        await WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Waits for Ctrl+C or SIGTERM, then stops everything.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        if (!Options.HandleSignals) throw new InvalidOperationException("This application does not handle signals (Options.HandleSignals is off).");
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (_shutdownRequested.Token.Register(() => signalled.TrySetResult()))
        {
            await signalled.Task.WaitAsync(cancellationToken);
        }
        await StopAsync();
    }

    /// <summary>The first Ctrl+C or SIGTERM asks for a graceful stop; a second ends the AppHost at once (its watchdogs still stop the rest).</summary>
    private void HandleSignals()
    {
        void OnSignal(PosixSignalContext context)
        {
            if (_shutdownRequested.IsCancellationRequested) return;
            context.Cancel = true;
            _appHostLog.Write($"{context.Signal}: stopping (again to quit at once)");
            _shutdownRequested.Cancel();
        }
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    private async Task StartWhenReadyAsync(ResourceRunner runner, CancellationToken cancellationToken)
    {
        if (runner.Resource.WaitsFor.Count > 0)
        {
            runner.Log.Write($"[apphost] waiting for {string.Join(", ", runner.Resource.WaitsFor)}");
            try
            {
                await Task.WhenAll(runner.Resource.WaitsFor.Select(HealthyTask)).WaitAsync(cancellationToken);
            }
            catch (DistributedApplicationException error)
            {
                runner.DependencyFailed(error); // the dependency's failure is the one reported; this one's dependents fail too
                return;
            }
        }
        await runner.StartAsync(cancellationToken);
    }

    private Task HealthyTask(Resource resource) => resource switch
    {
        IResourceWithParent child => HealthyTask(child.Parent),
        _ when _runners.TryGetValue(resource.Name, out var runner) => runner.Healthy,
        _ => Task.CompletedTask,
    };

    /// <summary>Stops every resource, those that depend on others first; then the collector. Safe to call more than once.</summary>
    public Task StopAsync()
    {
        lock (_stopGate) return _stopped ??= StopCoreAsync();
    }

    private async Task StopCoreAsync()
    {
        foreach (var runner in StopOrder())
        {
            try
            {
                await runner.StopAsync();
            }
            catch (Exception error)
            {
                _appHostLog.Write($"{runner.Resource.Name} did not stop cleanly: {error.Message}");
            }
        }
        if (_collector is not null) await _collector.DisposeAsync();
        foreach (var signal in _signals) signal.Dispose();
        if (Options.DeleteStateOnStop && Directory.Exists(Options.StateDirectory)) Directory.Delete(Options.StateDirectory, recursive: true);
    }

    /// <summary>Dependents before what they depend on (a reverse topological order of references and waits).</summary>
    private IEnumerable<ResourceRunner> StopOrder()
    {
        var order = new List<Resource>();
        var visited = new HashSet<Resource>();
        void Visit(Resource resource)
        {
            if (!visited.Add(resource)) return;
            foreach (var dependency in resource.DependsOn) Visit(dependency is IResourceWithParent child ? child.Parent : dependency);
            order.Add(resource);
        }
        foreach (var resource in _builder.Resources) Visit(resource);
        order.Reverse();
        return order.Where(r => _runners.ContainsKey(r.Name)).Select(r => _runners[r.Name]);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>The URL of a project's endpoint, e.g. <c>GetEndpoint("gateway")</c>.</summary>
    public Uri GetEndpoint(string resourceName, string endpointName = ProjectResource.DefaultEndpointName) =>
        (_builder.FindResource<ProjectResource>(resourceName) ?? throw new ArgumentException($"There is no project '{resourceName}'.", nameof(resourceName)))
            .Endpoints.TryGetValue(endpointName, out var endpoint) ? endpoint.Url
            : throw new ArgumentException($"'{resourceName}' has no endpoint '{endpointName}'.", nameof(endpointName));

    public Task<string> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        _builder.FindResource<IResourceWithConnectionString>(resourceName) is { } resource
            ? resource.GetConnectionStringAsync(cancellationToken)
            : throw new ArgumentException($"There is no resource '{resourceName}' with a connection string.", nameof(resourceName));

    public ResourceSnapshot GetResourceState(string resourceName) => Runner(resourceName).Snapshot;

    /// <summary>Waits until the resource's state satisfies <paramref name="predicate"/>, e.g. healthy again after a restart.</summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string resourceName, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default) =>
        Runner(resourceName).WaitForAsync(predicate, cancellationToken);

    /// <summary>The resource's recent output lines (the AppHost's own under "apphost").</summary>
    public IReadOnlyList<string> GetLogs(string resourceName) => _output.For(resourceName).Lines();

    private ResourceRunner Runner(string name) =>
        _runners.TryGetValue(name, out var runner) ? runner : throw new ArgumentException($"There is no running resource '{name}'.", nameof(name));

    private void AllocatePorts()
    {
        var taken = new HashSet<int>();
        foreach (var endpoint in _builder.Resources.OfType<ProjectResource>().SelectMany(p => p.Endpoints.Values))
        {
            var port = Options.RandomizePorts || endpoint.Port is null ? LoopbackPorts.Free() : endpoint.Port.Value;
            while (!taken.Add(port)) port = LoopbackPorts.Free();
            endpoint.AllocatedPort = port;
        }
    }

    /// <summary>The collector on its usual ports, or on free ones when those are taken (a second stack, a dashboard already running).</summary>
    private async Task<TelemetryCollector> StartCollectorAsync(CancellationToken cancellationToken)
    {
        if ((Options.OtlpGrpcPort == 0 || LoopbackPorts.IsFree(Options.OtlpGrpcPort)) && (Options.OtlpHttpPort == 0 || LoopbackPorts.IsFree(Options.OtlpHttpPort)))
            return await TelemetryCollector.StartAsync(Options.OtlpGrpcPort, Options.OtlpHttpPort, cancellationToken);
        _appHostLog.Write($"port {Options.OtlpGrpcPort} or {Options.OtlpHttpPort} is taken; the collector listens on free ports");
        return await TelemetryCollector.StartAsync(0, 0, cancellationToken);
    }

    /// <summary>What every project's environment has, as an Aspire AppHost sets it in Development.</summary>
    private Dictionary<string, string> ProjectEnvironment(Uri otlpEndpoint)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = Options.EnvironmentName,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace_based",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["LOGGING__CONSOLE__FORMATTERNAME"] = "simple",
            ["LOGGING__CONSOLE__FORMATTEROPTIONS__TIMESTAMPFORMAT"] = "HH:mm:ss ",
        };
        if (_output.Colour) environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true";
        return environment;
    }
}
