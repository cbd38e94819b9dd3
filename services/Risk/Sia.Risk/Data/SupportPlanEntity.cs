using Sia.Risk.Domain.SupportPlans;

namespace Sia.Risk.Data;

/// <summary>A school's support plan for an academic year; its lists are jsonb documents, its estimated cost a column for reports.</summary>
internal sealed class SupportPlanEntity
{
    public long Id { get; init; }
    public int Urn { get; init; }
    public required string LaCode { get; init; }
    public int AcademicYear { get; init; }
    public required string Summary { get; set; }
    public required IReadOnlyList<Intervention> Interventions { get; set; }
    public required IReadOnlyList<string> IntendedOutcomes { get; set; }
    public required IReadOnlyList<Milestone> Milestones { get; set; }
    public required IReadOnlyList<ImpactReview> ImpactReviews { get; set; }
    public long EstimatedCostPence { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }
    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}
