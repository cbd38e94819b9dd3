using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Data;

/// <summary>An LA's framework for an academic year: its draft, and the number of its latest published revision.</summary>
internal sealed class FrameworkEntity
{
    public long Id { get; init; }
    public required string LaCode { get; init; }
    public int AcademicYear { get; init; }
    public required string DisplayName { get; set; }
    /// <summary>The draft.</summary>
    public required FrameworkDefinition Definition { get; set; }
    public int PublishedRevision { get; set; }
    public bool HasUnpublishedChanges { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }
    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}

/// <summary>A published revision of a framework, never changed.</summary>
internal sealed class FrameworkRevisionEntity
{
    public long FrameworkId { get; init; }
    public int Revision { get; init; }
    public required string DisplayName { get; init; }
    public required FrameworkDefinition Definition { get; init; }
    public DateTime PublishTime { get; init; }
}
