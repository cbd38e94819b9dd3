namespace Sia.Risk.Domain.Assessments;

/// <summary>
/// What an assessment is computed from: its academic year and date, the school's latest inspection on or before that date
/// (null for none), the officer's judgements, whether the LA issued a warning notice, and the school's indicators.
/// </summary>
internal sealed record AssessmentFacts(
    int AcademicYear,
    DateOnly AssessmentDate,
    InspectionFacts? LatestInspection,
    IReadOnlyList<CriterionJudgement> Judgements,
    bool WarningNoticeIssued,
    IndicatorValues Indicators);
