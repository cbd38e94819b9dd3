namespace Sia.Risk.Domain.Assessments;

/// <summary>Numbered as sia.risk.v1.CriterionJudgement.Judgement.</summary>
internal enum CriterionOutcome
{
    Unspecified = 0,
    Met = 1,
    NotMet = 2,
    NotAssessed = 3,
}

/// <summary>A criterion's outcome for a school, and how it was decided.</summary>
internal sealed record CriterionResult(string Criterion, CriterionOutcome Outcome, string Basis);

/// <summary>An officer's judgement of a professional-judgement criterion.</summary>
internal sealed record CriterionJudgement(string Criterion, CriterionOutcome Judgement, string Evidence);
