namespace Sia.Registry.Data;

/// <summary>One committed change, numbered in commit order (see RegistryDbContext.SaveChangesAsync).</summary>
public sealed class ChangeEntity
{
    public long Sequence { get; init; }
    public required string ResourceName { get; init; }
    public required string ChangeType { get; init; }
    public DateTime ChangeTime { get; init; }

    public const string Created = "created";
    public const string Updated = "updated";
}
