using Sia.Contracts.DomainErrors;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.SupportPlans;

/// <summary>What makes a support plan's content valid on its own. Field paths are the API's, under <c>prefix</c>.</summary>
internal static class SupportPlanRules
{
    public const int Summary = 4000, Description = 2000, Outcome = 1000, Title = 500, Narrative = 4000, FundingCommitment = 200;
    public const int MaxInterventions = 30, MaxOutcomes = 20, MaxMilestones = 50;

    /// <summary>£1,000,000,000: more than any plan, and 30 of them still sum well inside a long.</summary>
    public const long MaxCostPence = 100_000_000_000;

    public static void Validate(SupportPlanContent plan, int academicYear, string prefix, Violations violations)
    {
        violations.CheckText(plan.Summary, Summary, $"{prefix}.summary");
        if (CheckCount(plan.Interventions.Count, MaxInterventions, "interventions", $"{prefix}.interventions", violations))
            for (var i = 0; i < plan.Interventions.Count; i++) ValidateIntervention(plan.Interventions[i], $"{prefix}.interventions[{i}]", violations);
        if (CheckCount(plan.IntendedOutcomes.Count, MaxOutcomes, "intended outcomes", $"{prefix}.intended_outcomes", violations))
        {
            for (var i = 0; i < plan.IntendedOutcomes.Count; i++)
            {
                var field = $"{prefix}.intended_outcomes[{i}]";
                if (string.IsNullOrWhiteSpace(plan.IntendedOutcomes[i])) violations.Add(field, "An intended outcome says what the support is meant to achieve; this one is blank.");
                else violations.CheckText(plan.IntendedOutcomes[i], Outcome, field);
            }
        }
        if (CheckCount(plan.Milestones.Count, MaxMilestones, "milestones", $"{prefix}.milestones", violations))
            for (var i = 0; i < plan.Milestones.Count; i++) ValidateMilestone(plan.Milestones[i], $"{prefix}.milestones[{i}]", violations);
        if (CheckCount(plan.ImpactReviews.Count, 3, "impact reviews (one per term)", $"{prefix}.impact_reviews", violations))
        {
            var terms = new HashSet<Term>();
            for (var i = 0; i < plan.ImpactReviews.Count; i++)
            {
                var review = plan.ImpactReviews[i];
                ValidateReview(review, academicYear, $"{prefix}.impact_reviews[{i}]", violations);
                if (review.Term != Term.Unspecified && !terms.Add(review.Term))
                    violations.Add($"{prefix}.impact_reviews[{i}].term", $"The {review.Term.ToString().ToLowerInvariant()} term is reviewed twice; a plan has one review per term.");
            }
        }
    }

    private static bool CheckCount(int count, int max, string what, string field, Violations violations)
    {
        if (count <= max) return true;
        violations.Add(field, $"A plan has at most {max} {what}; this one has {count}.");
        return false;
    }

    private static void ValidateIntervention(Intervention intervention, string field, Violations violations)
    {
        if (intervention.Kind == InterventionKind.Unspecified || !Enum.IsDefined(intervention.Kind))
            violations.Add($"{field}.kind", "Say what kind of intervention this is: partner headteacher, governance review, additional capacity, SLE support, targeted CPD or Pupil Premium review.");
        if (intervention.Provider.Length == 0)
            violations.Add($"{field}.provider", "Name the provider, as the registry names it: alliances/{alliance id} or systemLeaders/{id}.");
        else if (!ResourceNames.IsProvider(intervention.Provider))
            violations.Add($"{field}.provider", $"{TextChecks.Quote(intervention.Provider)} is not a provider; expected alliances/{{alliance id}} or systemLeaders/{{id}}, for example alliances/ebor.");
        violations.CheckText(intervention.Description, Description, $"{field}.description");
        if (intervention.StartDate is null) violations.Add($"{field}.start_date", "Give the day the intervention starts.");
        else if (intervention.EndDate is { } end && end < intervention.StartDate)
            violations.Add($"{field}.end_date", $"{end:yyyy-MM-dd} is before the start date, {intervention.StartDate:yyyy-MM-dd}.");
        if (intervention.EstimatedCostPence is < 0 or > MaxCostPence)
            violations.Add($"{field}.estimated_cost_pence", $"An estimated cost is 0-{MaxCostPence} pence; this one is {intervention.EstimatedCostPence}.");
        violations.CheckText(intervention.FundingCommitment, FundingCommitment, $"{field}.funding_commitment");
    }

    private static void ValidateMilestone(Milestone milestone, string field, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(milestone.Title)) violations.Add($"{field}.title", "Give the milestone a title.");
        else violations.CheckText(milestone.Title, Title, $"{field}.title");
        if (milestone.DueDate is null) violations.Add($"{field}.due_date", "Give the day the milestone is due.");
        if (milestone.Status == MilestoneStatus.Unspecified || !Enum.IsDefined(milestone.Status))
            violations.Add($"{field}.status", "Say where the milestone is: not started, on track, at risk, done or missed.");
    }

    private static void ValidateReview(ImpactReview review, int academicYear, string field, Violations violations)
    {
        if (review.Term == Term.Unspecified || !Enum.IsDefined(review.Term)) violations.Add($"{field}.term", "Say which term is reviewed: autumn, spring or summer.");
        if (review.ReviewDate is not { } date) violations.Add($"{field}.review_date", "Give the day of the review.");
        else if (AcademicYear.Of(date) != academicYear)
            violations.Add($"{field}.review_date", $"{date:yyyy-MM-dd} is not in {AcademicYear.Label(academicYear)} (1 September {academicYear} to 31 August {academicYear + 1}), the plan's year.");
        if (review.Rag == Rag.Unspecified || !Enum.IsDefined(review.Rag)) violations.Add($"{field}.rag", "Rate the impact red, amber or green.");
        if (string.IsNullOrWhiteSpace(review.Narrative)) violations.Add($"{field}.narrative", "Say what the review found.");
        else violations.CheckText(review.Narrative, Narrative, $"{field}.narrative");
    }
}
