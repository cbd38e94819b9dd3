namespace Sia.Risk.Domain;

// What an Ofsted inspection records, numbered as the registry's API numbers it (sia.registry.v1.Inspection).

internal enum InspectionFramework
{
    Unspecified = 0,
    CommonInspectionFramework2015 = 1,
    EducationInspectionFramework2019 = 2,
    ReportCard2025 = 3,
}

/// <summary>A report card area's grade, from exceptional (1) to urgent improvement (5): a larger number is worse.</summary>
internal enum ReportCardGrade
{
    Unspecified = 0,
    Exceptional = 1,
    StrongStandard = 2,
    ExpectedStandard = 3,
    NeedsAttention = 4,
    UrgentImprovement = 5,
}

internal enum Safeguarding
{
    Unspecified = 0,
    Met = 1,
    NotMet = 2,
}

internal enum CategoryOfConcern
{
    Unspecified = 0,
    None = 1,
    SeriousWeaknesses = 2,
    SpecialMeasures = 3,
}

/// <summary>An inspection as the registry recorded it, in the read model.</summary>
internal sealed record InspectionFacts(
    string Name,
    DateOnly Date,
    InspectionFramework Framework,
    int OverallGrade,
    IReadOnlyDictionary<string, int> KeyJudgements,
    IReadOnlyDictionary<string, ReportCardGrade> ReportCardAreas,
    Safeguarding Safeguarding,
    CategoryOfConcern CategoryOfConcern)
{
    /// <summary>"schools/121615/inspections/7 (2014-03-05)".</summary>
    public override string ToString() => $"{Name} ({Date:yyyy-MM-dd})";
}
