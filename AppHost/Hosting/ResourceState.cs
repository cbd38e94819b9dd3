namespace Sia.AppHost.Hosting;

public enum ResourceState
{
    NotStarted,
    /// <summary>Waiting for the resources it depends on to be healthy.</summary>
    Waiting,
    /// <summary>Its process runs; its health endpoint has not answered yet.</summary>
    Starting,
    Healthy,
    /// <summary>It was healthy and its health endpoint has stopped answering 200; it may recover.</summary>
    Unhealthy,
    /// <summary>Its process ended on its own; a project is restarted after a back-off.</summary>
    Exited,
    /// <summary>It could not start (or kept crashing before it was ever healthy); see its output.</summary>
    FailedToStart,
    Stopping,
    Stopped,
}

/// <summary>A resource's state at one moment. <see cref="Restarts"/> counts starts after crashes.</summary>
public sealed record ResourceSnapshot(string Name, ResourceState State, int? ProcessId = null, int Restarts = 0, int? ExitCode = null);
