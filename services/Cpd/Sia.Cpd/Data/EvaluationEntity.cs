namespace Sia.Cpd.Data;

/// <summary>One delegate's evaluation of a session, keyed by its booking (row id) and the delegate's id there.</summary>
internal sealed class EvaluationEntity
{
    public long Id { get; init; }

    /// <summary>The booking's row (<see cref="BookingEntity.Id"/>).</summary>
    public long BookingRowId { get; init; }
    public required string DelegateId { get; init; }
    public int Rating { get; init; }

    /// <summary>Free text that may name people: personal data.</summary>
    public required string Comments { get; init; }
    public DateTime CreateTime { get; init; }
}
