using Sia.Risk.Domain.Assessments;

namespace Sia.Risk.Data;

/// <summary>A finished RunAssessmentRound's answer, kept under its request id so that a retry gets it and runs nothing.</summary>
internal sealed class RoundRequestEntity
{
    public Guid RequestId { get; init; }
    public required RoundOutcome Outcome { get; init; }
    public DateTime CreateTime { get; init; }
}
