namespace Sia.Risk.Domain.Assessments;

/// <summary>What an officer gives an assessment and may change while it is a draft.</summary>
internal sealed record AssessmentInput(IReadOnlyList<CriterionJudgement> Judgements, bool WarningNoticeIssued, DateOnly? AssessmentDate);
