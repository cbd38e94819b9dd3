namespace Sia.Risk.Data.ReadModel;

/// <summary>
/// How far the read model has followed the registry's change stream: one row, written in the transaction that applies each
/// batch of changes, so the copy and the token that resumes after it never disagree.
/// </summary>
internal sealed class RegistryFollowStateEntity
{
    public const int OnlyId = 1;

    public int Id { get; init; } = OnlyId;

    /// <summary>The resume token of the last change applied, as the registry gave it.</summary>
    public required string ResumeToken { get; set; }

    /// <summary>Every change applied since the copy began, of every kind.</summary>
    public long AppliedChanges { get; set; }

    /// <summary>When the registry committed the last change applied, and when this service applied it.</summary>
    public DateTime LastChangeTime { get; set; }
    public DateTime AdvanceTime { get; set; }
}
