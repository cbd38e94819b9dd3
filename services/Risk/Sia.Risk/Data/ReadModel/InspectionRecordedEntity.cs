namespace Sia.Risk.Data.ReadModel;

/// <summary>
/// "The registry recorded an inspection of school {Urn}": the read model's hook for recomputing that school's results, with
/// what a recompute needs (the school, the inspection, its date). A row is added in the transaction that first copies the
/// inspection (so once per inspection, and never without it), and waits here until a consumer takes it: in Id order,
/// deleting each row in the transaction that acts on it, so that none is lost to a restart of either.
/// </summary>
internal sealed class InspectionRecordedEntity
{
    public long Id { get; init; }
    public int Urn { get; init; }

    /// <summary>The registry's id of the inspection (<see cref="RegistryInspectionEntity.Id"/>).</summary>
    public long InspectionId { get; init; }
    public DateOnly InspectionDate { get; init; }
    public DateTime RecordTime { get; init; }
}
