namespace Sia.Risk.Domain.Assessments;

/// <summary>A school as the risk service's copy of the registry has it: what an assessment needs to know of it.</summary>
internal sealed record SchoolRecord(int Urn, string LaCode, bool Open);

/// <summary>What an assessment reads about a school: the copy of the registry (the school, its inspections) and its indicators.</summary>
internal interface ISchoolRecords
{
    Task<SchoolRecord?> FindSchoolAsync(int urn, CancellationToken cancellationToken);

    /// <summary>The school's latest inspection on or before the day, or null.</summary>
    Task<InspectionFacts?> LatestInspectionAsync(int urn, DateOnly onOrBefore, CancellationToken cancellationToken);

    Task<IndicatorValues> IndicatorsAsync(int urn, CancellationToken cancellationToken);
}
