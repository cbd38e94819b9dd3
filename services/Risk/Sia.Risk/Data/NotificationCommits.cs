using Sia.ServiceKit.Data;

namespace Sia.Risk.Data;

/// <summary>The notifications as WatchNotifications follows them: every writer NOTIFYs the channel (ScrutinyNotifications).</summary>
internal static class NotificationCommits
{
    public const string OptionsSection = "Risk:NotificationListener";

    /// <summary>Also the key of the log's <see cref="Sia.ServiceKit.Domain.LogHead"/>.</summary>
    public const string Channel = "sia_risk_notifications";

    /// <summary>Writers of notifications take this transaction lock, so ids commit in order and a watcher never skips one.</summary>
    public const long LockId = 0x5141_0103;

    public static readonly CommittedLog Log = new(Channel, "SELECT coalesce(max(id), 0) FROM notifications", "Sia.Risk notification listener");
}
