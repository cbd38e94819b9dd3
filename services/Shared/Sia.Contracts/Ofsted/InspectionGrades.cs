namespace Sia.Contracts.Ofsted;

// What an Ofsted inspection records, as every service's domain speaks of it, numbered as the registry's API
// (sia.registry.v1.Inspection.Types) and its database number it.

public enum InspectionFramework
{
    Unspecified = 0,
    CommonInspectionFramework2015 = 1,
    EducationInspectionFramework2019 = 2,
    ReportCard2025 = 3,
}

/// <summary>A report card area's grade, from exceptional (1) to urgent improvement (5).</summary>
public enum ReportCardGrade
{
    Unspecified = 0,
    Exceptional = 1,
    StrongStandard = 2,
    ExpectedStandard = 3,
    NeedsAttention = 4,
    UrgentImprovement = 5,
}

public enum Safeguarding
{
    Unspecified = 0,
    Met = 1,
    NotMet = 2,
}

public enum CategoryOfConcern
{
    Unspecified = 0,
    None = 1,
    SeriousWeaknesses = 2,
    SpecialMeasures = 3,
}
