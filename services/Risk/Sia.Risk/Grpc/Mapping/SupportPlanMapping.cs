using Google.Protobuf.WellKnownTypes;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.Domain;
using Sia.Risk.Domain.SupportPlans;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using Date = Google.Type.Date;
using ImpactReview = Sia.Risk.Domain.SupportPlans.ImpactReview;
using Intervention = Sia.Risk.Domain.SupportPlans.Intervention;
using Milestone = Sia.Risk.Domain.SupportPlans.Milestone;
using SupportPlan = Sia.Risk.V1.SupportPlan;

namespace Sia.Risk.Grpc.Mapping;

/// <summary>Support plans between the API's messages and the domain's records.</summary>
internal static class SupportPlanMapping
{
    public static readonly UpdateMask<SupportPlanContent> UpdatableFields = new(new Dictionary<string, Func<SupportPlanContent, SupportPlanContent, SupportPlanContent>>
    {
        ["summary"] = (requested, current) => current with { Summary = requested.Summary },
        ["interventions"] = (requested, current) => current with { Interventions = requested.Interventions },
        ["intended_outcomes"] = (requested, current) => current with { IntendedOutcomes = requested.IntendedOutcomes },
        ["milestones"] = (requested, current) => current with { Milestones = requested.Milestones },
        ["impact_reviews"] = (requested, current) => current with { ImpactReviews = requested.ImpactReviews },
    });

    public static SupportPlanName NameOf(this SupportPlanEntity entity) => new(entity.Urn, entity.AcademicYear);

    public static SupportPlan ToMessage(this SupportPlanEntity entity) => new()
    {
        Name = entity.NameOf().ToString(),
        School = ResourceNames.School(entity.Urn),
        LocalAuthority = ResourceNames.LocalAuthority(entity.LaCode),
        AcademicYear = entity.AcademicYear,
        Summary = entity.Summary,
        Interventions = { entity.Interventions.Select(ToMessage) },
        IntendedOutcomes = { entity.IntendedOutcomes },
        Milestones = { entity.Milestones.Select(m => new V1.Milestone { Title = m.Title, DueDate = ToDate(m.DueDate), Status = (V1.Milestone.Types.Status)m.Status }) },
        ImpactReviews =
        {
            entity.ImpactReviews.Select(r => new V1.ImpactReview
            {
                Term = (V1.ImpactReview.Types.Term)r.Term, ReviewDate = ToDate(r.ReviewDate), Rag = (V1.ImpactReview.Types.Rag)r.Rag, Narrative = r.Narrative,
            }),
        },
        EstimatedCostPence = entity.EstimatedCostPence,
        CreateTime = Time(entity.CreateTime),
        UpdateTime = Time(entity.UpdateTime),
        Etag = Etag.From(entity.Version),
    };

    private static V1.Intervention ToMessage(Intervention intervention) => new()
    {
        Kind = (V1.Intervention.Types.Kind)intervention.Kind,
        Provider = intervention.Provider,
        Description = intervention.Description,
        StartDate = ToDate(intervention.StartDate),
        EndDate = ToDate(intervention.EndDate),
        EstimatedCostPence = intervention.EstimatedCostPence,
        FundingCommitment = intervention.FundingCommitment,
    };

    /// <summary>What a request gives a plan, with what its shape gets wrong (dates that are no dates) added to <paramref name="violations"/>.</summary>
    public static SupportPlanContent ToContent(this SupportPlan message, string prefix, Violations violations) => new(
        message.Summary,
        [.. message.Interventions.Select((i, n) => new Intervention(
            (InterventionKind)i.Kind, i.Provider, i.Description,
            AssessmentMapping.ToDateOnly(i.StartDate, $"{prefix}.interventions[{n}].start_date", violations),
            AssessmentMapping.ToDateOnly(i.EndDate, $"{prefix}.interventions[{n}].end_date", violations),
            i.EstimatedCostPence, i.FundingCommitment))],
        [.. message.IntendedOutcomes],
        [.. message.Milestones.Select((m, n) => new Milestone(
            m.Title, AssessmentMapping.ToDateOnly(m.DueDate, $"{prefix}.milestones[{n}].due_date", violations), (MilestoneStatus)m.Status))],
        [.. message.ImpactReviews.Select((r, n) => new ImpactReview(
            (Term)r.Term, AssessmentMapping.ToDateOnly(r.ReviewDate, $"{prefix}.impact_reviews[{n}].review_date", violations), (Rag)r.Rag, r.Narrative))]);

    private static Date? ToDate(DateOnly? date) => date is { } d ? new Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    private static Timestamp Time(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
