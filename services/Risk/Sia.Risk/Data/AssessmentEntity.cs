using Sia.Risk.Domain.Assessments;

namespace Sia.Risk.Data;

/// <summary>
/// One version of a school's assessment for an academic year and round. Only the latest version of each may change, and
/// only while it is not published; the result's headline (all of it but the criteria and fired rules) is kept in columns
/// as well, for filtering and counting, and for the lists that leave the explanation out without reading it.
/// </summary>
internal sealed class AssessmentEntity
{
    public long Id { get; init; }
    public int Urn { get; init; }
    public required string LaCode { get; init; }
    public int AcademicYear { get; init; }
    public AssessmentRound Round { get; init; }
    public int VersionNumber { get; init; }
    public bool IsLatest { get; set; }
    public AssessmentState State { get; set; }
    public long FrameworkId { get; set; }
    public int FrameworkRevision { get; set; }
    public required IReadOnlyList<CriterionJudgement> Judgements { get; set; }
    public bool WarningNoticeIssued { get; set; }
    public DateOnly AssessmentDate { get; set; }
    public required AssessmentResult Result { get; set; }
    public required string Category { get; set; }
    public string CategoryLabel { get; set; } = "";
    public bool AtRisk { get; set; }
    public Domain.CausingConcern CausingConcern { get; set; }
    /// <summary>The inspection window's first day (<see cref="InspectionDue.Earliest"/>).</summary>
    public DateOnly? InspectionDueFrom { get; set; }
    /// <summary>The inspection window's last day (<see cref="InspectionDue.Latest"/>).</summary>
    public DateOnly? InspectionDueBy { get; set; }
    public string InspectionDueBasis { get; set; } = "";
    public string? LatestInspection { get; set; }
    public string VersionReason { get; init; } = "";
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }
    public DateTime? PublishTime { get; set; }
    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}
