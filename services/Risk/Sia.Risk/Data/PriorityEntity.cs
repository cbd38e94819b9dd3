using Sia.Risk.Domain.Priorities;

namespace Sia.Risk.Data;

/// <summary>An LA's or alliance's improvement priority for an academic year.</summary>
internal sealed class PriorityEntity
{
    public long Id { get; init; }

    /// <summary>"localAuthorities/{code}" or "alliances/{id}".</summary>
    public required string Owner { get; init; }
    public required string PriorityId { get; init; }
    public int AcademicYear { get; init; }
    public required string Title { get; set; }
    public required string Description { get; set; }

    /// <summary>Targets, milestones and impact measures.</summary>
    public required PriorityPlan Plan { get; set; }
    public PriorityState State { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }

    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}
