using Sia.Cpd.Domain.Bookings;

namespace Sia.Cpd.Data;

/// <summary>A booking of a session, keyed by its session's key and its own id. Money in pence.</summary>
internal sealed class BookingEntity
{
    public long Id { get; init; }
    public required string AllianceId { get; init; }
    public int AcademicYear { get; init; }
    public required string CourseId { get; init; }
    public required string SessionId { get; init; }
    public required string BookingId { get; init; }
    public int SchoolUrn { get; init; }

    /// <summary>The school's local authority when booked, so a local authority's partner may see and change it.</summary>
    public required string LocalAuthorityCode { get; init; }
    public int Places { get; init; }

    /// <summary>The delegates as JSON (<see cref="BookedDelegate"/>s: personal data).</summary>
    public required string Delegates { get; set; }
    public bool WithSla { get; init; }

    /// <summary>What the school pays: the per-place price × its paid places (<see cref="Places"/> − <see cref="FundedPlaces"/>).</summary>
    public long PricePence { get; init; }

    /// <summary>How many of its places the session's fund pays for; claimed while the booking is not cancelled.</summary>
    public int FundedPlaces { get; init; }

    /// <summary>The session's fund when booked; null when <see cref="FundedPlaces"/> is 0.</summary>
    public string? Fund { get; init; }

    /// <summary>What the fund pays: the per-place price × <see cref="FundedPlaces"/>.</summary>
    public long FundedPence { get; init; }
    public required string BookedBy { get; init; }
    public BookingState State { get; set; }
    public DateTime? HoldExpireTime { get; set; }

    /// <summary>1-based place in the session's queue while WAITING_LISTED; 0 otherwise.</summary>
    public int WaitingPosition { get; set; }
    public CancelReason CancelReason { get; set; }

    /// <summary>What cancelling cost the school: the late fee per paid place for a confirmed booking cancelled after its free period; 0 otherwise.</summary>
    public long CancellationFeePence { get; set; }
    /// <summary>When the attendance register was last recorded; null until it is.</summary>
    public DateTime? AttendanceRecordTime { get; set; }

    /// <summary>SHA-256 of the create request that made it, to tell a retry from another request under the same request_id.</summary>
    public byte[]? RequestHash { get; init; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }

    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}
