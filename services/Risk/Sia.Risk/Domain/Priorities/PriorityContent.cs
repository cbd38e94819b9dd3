namespace Sia.Risk.Domain.Priorities;

/// <summary>What a priority says, all of which an update may change (its owner, id and academic year it may not).</summary>
internal sealed record PriorityContent(string Title, string Description, PriorityPlan Plan, PriorityState State);

/// <summary>A priority's targets, milestones and impact measures: stored as one jsonb document.</summary>
internal sealed record PriorityPlan(IReadOnlyList<PriorityTarget> Targets, IReadOnlyList<PriorityMilestone> Milestones, IReadOnlyList<ImpactMeasure> ImpactMeasures)
{
    public static readonly PriorityPlan Empty = new([], [], []);
}

/// <summary>A measurable target: what is measured, from what baseline (if any), to what value (required: null only in a request), by when (if said).</summary>
internal sealed record PriorityTarget(string Description, string Measure, TargetValue? Baseline, TargetValue? TargetValue, DateOnly? DueDate);

/// <summary>A whole number with its unit, or a value in words (Text, without a unit).</summary>
internal sealed record TargetValue(long? Number, string? Text, string Unit);

internal sealed record PriorityMilestone(string Title, DateOnly? DueDate, MilestoneStatus Status);

internal sealed record ImpactMeasure(string Description, string Evidence);

/// <summary>As the API numbers them.</summary>
internal enum MilestoneStatus
{
    NotStarted = 1,
    InProgress = 2,
    Completed = 3,
    Missed = 4,
}

/// <summary>As the API numbers them.</summary>
internal enum PriorityState
{
    Active = 1,
    Archived = 2,
}
