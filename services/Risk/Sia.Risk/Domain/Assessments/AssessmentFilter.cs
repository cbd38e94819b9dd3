namespace Sia.Risk.Domain.Assessments;

/// <summary>What an officer's list asks for; an empty or null part asks nothing. <paramref name="Urn"/> for one school's.</summary>
internal sealed record AssessmentFilter(
    int? Urn,
    string? LaCode,
    int? AcademicYear,
    AssessmentRound? Round,
    IReadOnlyList<string> Categories,
    bool AtRiskOnly,
    bool CausingConcernOnly,
    DateOnly? InspectionDueBefore,
    string? Cluster,
    string? Alliance,
    IReadOnlyList<AssessmentState> States);

/// <summary>Where a list page ended: the last assessment's school, academic year and round, in list order.</summary>
internal sealed record AssessmentListKey(int Urn, int AcademicYear, AssessmentRound Round);
