using Sia.ServiceKit.Data;

namespace Sia.Registry.Data;

/// <summary>The change log as WatchChanges follows it: every writer NOTIFYs the channel (RegistryDbContext.SaveChangesAsync).</summary>
internal static class ChangeLogCommits
{
    public const string OptionsSection = "Registry:ChangeListener";

    /// <summary>Also the key of the log's <see cref="Sia.ServiceKit.Domain.LogHead"/>.</summary>
    public const string Channel = "sia_registry_changes";

    public static readonly CommittedLog Log = new(Channel, "SELECT coalesce(max(sequence), 0) FROM changes", "Sia.Registry change listener");
}
