using Sia.Contracts.Ofsted;

namespace Sia.Registry.Data;

/// <summary>An Ofsted inspection; its graded judgements or report-card areas are rows of <see cref="InspectionGradeEntity"/>.</summary>
public sealed class InspectionEntity
{
    public long Id { get; init; }
    public int Urn { get; init; }
    public DateOnly InspectionDate { get; init; }

    /// <summary>The Inspection.Framework enum's number.</summary>
    public int Framework { get; init; }
    public int? OverallGrade { get; init; }

    /// <summary>Inspection.Safeguarding and Inspection.CategoryOfConcern enum numbers.</summary>
    public int Safeguarding { get; init; }
    public int CategoryOfConcern { get; init; }
    public string? ReportUrl { get; init; }
    public DateTime CreateTime { get; init; }
    public List<InspectionGradeEntity> Grades { get; init; } = [];
}

/// <summary>One graded judgement (1-4) or report-card area (Inspection.ReportCardGrade 1-5) of an inspection.</summary>
public sealed class InspectionGradeEntity
{
    public long InspectionId { get; init; }
    public required string Area { get; init; }
    public int Grade { get; init; }
}
