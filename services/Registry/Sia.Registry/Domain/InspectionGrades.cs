namespace Sia.Registry.Domain;

// What an Ofsted inspection records, numbered as the API (Inspection.Types) and the database number it.

internal enum InspectionFramework
{
    Unspecified = 0,
    CommonInspectionFramework2015 = 1,
    EducationInspectionFramework2019 = 2,
    ReportCard2025 = 3,
}

/// <summary>A report card area's grade, from exceptional (1) to urgent improvement (5).</summary>
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
