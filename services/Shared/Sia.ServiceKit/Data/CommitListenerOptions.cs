using System.ComponentModel.DataAnnotations;

namespace Sia.ServiceKit.Data;

/// <summary>How a <see cref="CommitListener{TContext}"/> keeps up when notifications do not reach it (the registry's: Registry:ChangeListener).</summary>
public sealed class CommitListenerOptions
{
    /// <summary>
    /// How long the listener waits for a notification before it reads the log's head anyway: for writers that do not
    /// notify (an older version during a rolling upgrade, a change made by hand).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "01:00:00")]
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long it waits to connect again after losing its connection, or failing to make one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "00:05:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}
