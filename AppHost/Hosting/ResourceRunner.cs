namespace Sia.AppHost.Hosting;

/// <summary>Runs one resource: starts it, tells when it is healthy, stops it; publishes its state as it changes.</summary>
internal abstract class ResourceRunner(Resource resource, ResourceOutput.ResourceLog log, ResourceOutput.ResourceLog appHostLog)
{
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ResourceSnapshot _snapshot = new(resource.Name, ResourceState.NotStarted);

    public Resource Resource { get; } = resource;
    public ResourceOutput.ResourceLog Log { get; } = log;
    public ResourceSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Completes the first time the resource is healthy; faults if it fails to start.</summary>
    public Task Healthy => _healthy.Task;

    /// <summary>Starts the resource and returns once it is healthy, or throws <see cref="DistributedApplicationException"/>.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync();

    public async Task<ResourceSnapshot> WaitForAsync(Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var snapshot = Snapshot;
            if (predicate(snapshot)) return snapshot;
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected void Publish(ResourceSnapshot snapshot, string? detail = null)
    {
        var previous = Interlocked.Exchange(ref _snapshot, snapshot);
        if (previous.State != snapshot.State || detail is not null)
        {
            appHostLog.Write($"{Resource.Name}: {snapshot.State}{(detail is null ? "" : $" ({detail})")}");
        }
        if (snapshot.State == ResourceState.Healthy) _healthy.TrySetResult();
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Marks the resource stopped, unless it never started: that state says more.</summary>
    protected void PublishStopped(int? exitCode = null)
    {
        if (Snapshot.State is ResourceState.NotStarted or ResourceState.FailedToStart) return;
        Publish(Snapshot with { State = ResourceState.Stopped, ProcessId = null, ExitCode = exitCode });
    }

    /// <summary>Gives up on starting because something this resource waits for failed to start.</summary>
    public void DependencyFailed(DistributedApplicationException cause)
    {
        Publish(Snapshot with { State = ResourceState.FailedToStart }, "what it waits for failed to start");
        _healthy.TrySetException(cause);
    }

    protected void FailStart(Exception error)
    {
        Publish(Snapshot with { State = ResourceState.FailedToStart }, error.Message);
        _healthy.TrySetException(error);
    }
}
