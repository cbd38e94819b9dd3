namespace Sia.Cpd.Data;

/// <summary>A provider alliance's CPD programme for an academic year.</summary>
internal sealed class ProgrammeEntity
{
    public long Id { get; init; }

    /// <summary>The registry's alliance id, "pathfinder".</summary>
    public required string AllianceId { get; init; }

    /// <summary>The year it starts: 2015 for 2015/16.</summary>
    public int AcademicYear { get; init; }
    public required string DisplayName { get; set; }
    public required string Description { get; set; }
    public int FreeCancellationWorkingDays { get; set; }
    public long LateCancellationFeePence { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }

    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}
