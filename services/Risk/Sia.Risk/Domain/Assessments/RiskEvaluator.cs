using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Domain.Assessments;

/// <summary>
/// Computes an assessment's result from a framework and the facts: first every criterion (the officer's judgement, or the
/// indicator test), then every rule in order. The category is the worst any fired rule gives, or the framework's default
/// when none gives one; at risk holds when a fired rule says so; causing concern is the most serious a fired rule gives.
/// </summary>
internal static class RiskEvaluator
{
    public static AssessmentResult Evaluate(FrameworkDefinition framework, AssessmentFacts facts)
    {
        var criteria = framework.Criteria.Select(criterion => EvaluateCriterion(criterion, facts)).ToList();
        var context = new ConditionContext(facts, criteria.ToDictionary(c => c.Criterion, StringComparer.Ordinal));

        var fired = new List<FiredRule>();
        foreach (var rule in framework.Rules)
        {
            var results = rule.Conditions.Select(condition => condition.Evaluate(context)).ToList();
            if (results.All(r => r.Holds)) fired.Add(new FiredRule(rule.Id, rule.Description, rule.Outcome, [.. results.Select(r => r.Fact)]));
        }

        var category = fired.Select(f => f.Outcome.Category).OfType<string>().MaxBy(framework.RankOf) ?? framework.DefaultCategory;
        return new AssessmentResult(
            category,
            framework.Category(category).Label,
            fired.Any(f => f.Outcome.AtRisk),
            fired.Select(f => f.Outcome.CausingConcern).Append(CausingConcern.None).Max(),
            InspectionDue.For(facts.LatestInspection, facts.AssessmentDate),
            criteria,
            fired,
            facts.LatestInspection?.Name);
    }

    private static CriterionResult EvaluateCriterion(CriterionDefinition criterion, AssessmentFacts facts)
    {
        if (criterion.IndicatorTest is { } test) return test.Evaluate(criterion.Id, facts.Indicators, facts.AcademicYear);
        var judgement = facts.Judgements.FirstOrDefault(j => j.Criterion == criterion.Id);
        return judgement is { Judgement: CriterionOutcome.Met or CriterionOutcome.NotMet }
            ? new CriterionResult(criterion.Id, judgement.Judgement, "the officer's judgement")
            : new CriterionResult(criterion.Id, CriterionOutcome.NotAssessed, "not assessed");
    }
}
