using Sia.Cpd.Domain.Courses;

namespace Sia.Cpd.Data;

/// <summary>A course of a programme, keyed by its programme's alliance and year and its own id.</summary>
internal sealed class CourseEntity
{
    public long Id { get; init; }
    public required string AllianceId { get; init; }
    public int AcademicYear { get; init; }
    public required string CourseId { get; init; }
    public required string Title { get; set; }
    public required string Description { get; set; }

    /// <summary>The risk service's priority names.</summary>
    public required List<string> ImprovementPriorities { get; set; }
    public required List<Audience> Audiences { get; set; }
    public required List<Phase> Phases { get; set; }
    public required string Subject { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }

    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}
