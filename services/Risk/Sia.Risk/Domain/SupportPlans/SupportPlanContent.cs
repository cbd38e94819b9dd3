namespace Sia.Risk.Domain.SupportPlans;

/// <summary>What a support plan holds and its editors change: the API's fields but its name, times and etag.</summary>
internal sealed record SupportPlanContent(
    string Summary,
    IReadOnlyList<Intervention> Interventions,
    IReadOnlyList<string> IntendedOutcomes,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<ImpactReview> ImpactReviews)
{
    public static readonly SupportPlanContent Empty = new("", [], [], [], []);

    public long EstimatedCostPence => Interventions.Sum(i => i.EstimatedCostPence);
}

/// <summary>Support commissioned from a provider: "alliances/{id}" or "systemLeaders/{id}", as the registry names them.</summary>
internal sealed record Intervention(
    InterventionKind Kind,
    string Provider,
    string Description,
    DateOnly? StartDate,
    DateOnly? EndDate,
    long EstimatedCostPence,
    string FundingCommitment);

internal sealed record Milestone(string Title, DateOnly? DueDate, MilestoneStatus Status);

internal sealed record ImpactReview(Term Term, DateOnly? ReviewDate, Rag Rag, string Narrative);

/// <summary>The API's numbers (sia.risk.v1.Intervention.Kind); stored by name.</summary>
internal enum InterventionKind
{
    Unspecified = 0,
    PartnerHeadteacher = 1,
    GovernanceReview = 2,
    AdditionalCapacity = 3,
    SleSupport = 4,
    TargetedCpd = 5,
    PupilPremiumReview = 6,
}

internal enum MilestoneStatus
{
    Unspecified = 0,
    NotStarted = 1,
    OnTrack = 2,
    AtRisk = 3,
    Done = 4,
    Missed = 5,
}

internal enum Term
{
    Unspecified = 0,
    Autumn = 1,
    Spring = 2,
    Summer = 3,
}

internal enum Rag
{
    Unspecified = 0,
    Red = 1,
    Amber = 2,
    Green = 3,
}
