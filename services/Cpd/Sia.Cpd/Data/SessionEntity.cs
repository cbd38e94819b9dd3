using Sia.Cpd.Domain.Sessions;

namespace Sia.Cpd.Data;

/// <summary>A session (cohort) of a course, keyed by its course's key and its own id. Money in pence.</summary>
internal sealed class SessionEntity
{
    public long Id { get; init; }
    public required string AllianceId { get; init; }
    public int AcademicYear { get; init; }
    public required string CourseId { get; init; }
    public required string SessionId { get; init; }
    public DateTime StartTime { get; set; }
    public DateTime EndTime { get; set; }
    public required string Venue { get; set; }
    public bool Online { get; set; }
    public int Capacity { get; set; }
    public int MinimumNumbers { get; set; }
    public DateTime BookingDeadline { get; set; }
    public long PriceWithSlaPence { get; set; }
    public long PriceWithoutSlaPence { get; set; }

    /// <summary>The fund paying for <see cref="FundedPlaces"/> places; null when none are funded.</summary>
    public string? FundedPlacesFund { get; set; }
    public int FundedPlaces { get; set; }
    public SessionStatus Status { get; set; }

    /// <summary>Why the organiser cancelled it; null unless cancelled.</summary>
    public string? CancellationReason { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }

    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}
