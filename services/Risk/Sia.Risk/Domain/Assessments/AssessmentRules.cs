using Sia.Contracts.DomainErrors;
using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Domain.Assessments;

/// <summary>What makes an assessment's judgements valid against its framework. Field paths are the API's, under <c>prefix</c>.</summary>
internal static class AssessmentRules
{
    public const int Evidence = 4000, Comment = 2000, Reason = 2000;

    public static void ValidateJudgements(IReadOnlyList<CriterionJudgement> judgements, FrameworkDefinition framework, string prefix, Violations violations)
    {
        var criteria = framework.Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);
        if (judgements.Count > FrameworkRules.MaxCriteria)
            violations.Add($"{prefix}.judgements", $"An assessment has at most one judgement per criterion ({FrameworkRules.MaxCriteria}); this one has {judgements.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(judgements.Count, FrameworkRules.MaxCriteria); i++)
        {
            var (judgement, field) = (judgements[i], $"{prefix}.judgements[{i}]");
            if (!criteria.TryGetValue(judgement.Criterion, out var criterion))
                violations.Add($"{field}.criterion", $"{TextChecks.Quote(judgement.Criterion)} is not a criterion of the framework.");
            else if (criterion.IndicatorTest is not null)
                violations.Add($"{field}.criterion", $"'{criterion.Id}' is decided by the indicator {criterion.IndicatorTest.Indicator}, not by an officer's judgement.");
            else if (!seen.Add(judgement.Criterion))
                violations.Add($"{field}.criterion", $"'{criterion.Id}' is judged twice; give one judgement per criterion.");
            if (judgement.Judgement is not (CriterionOutcome.Met or CriterionOutcome.NotMet or CriterionOutcome.NotAssessed))
                violations.Add($"{field}.judgement", "Say whether the criterion is met, not met or not assessed.");
            else if (judgement.Judgement != CriterionOutcome.NotAssessed && string.IsNullOrWhiteSpace(judgement.Evidence))
                violations.Add($"{field}.evidence", "A criterion judged met or not met needs the evidence for it.");
            else
                violations.CheckText(judgement.Evidence, Evidence, $"{field}.evidence");
        }
    }
}
