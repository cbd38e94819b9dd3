namespace Sia.Risk.Data.ReadModel;

/// <summary>
/// "The registry recorded an inspection of school {Urn}": the read model's hook for recomputing that school's results, with
/// what a recompute needs (the school, the inspection, its date). A row is added in the transaction that first copies the
/// inspection (so once per inspection, and never without it), and waits here until the assessments take it
/// (Domain/Assessments/InspectionRecompute): in Id order, setting <see cref="RecomputeTime"/> in the transaction that acts
/// on it, so that none is lost to a restart of either, and the row stays as the record of what was done.
/// </summary>
internal sealed class InspectionRecordedEntity
{
    public long Id { get; init; }
    public int Urn { get; init; }

    /// <summary>The registry's id of the inspection (<see cref="RegistryInspectionEntity.Id"/>).</summary>
    public long InspectionId { get; init; }
    public DateOnly InspectionDate { get; init; }
    public DateTime RecordTime { get; init; }

    /// <summary>When the school's assessments were recomputed for it; null until then.</summary>
    public DateTime? RecomputeTime { get; set; }
}
