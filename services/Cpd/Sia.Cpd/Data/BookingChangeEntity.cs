namespace Sia.Cpd.Data;

/// <summary>
/// One booking's change in one transaction, for WatchBookings: appended whenever a booking is added or modified
/// (<see cref="CpdDbContext"/>), never updated. <see cref="TransactionId"/> is the writing transaction's id: a watcher reads
/// only changes of transactions older than every transaction still running, in (TransactionId, Id) order, so that no
/// change can commit behind what it has sent, while writers never wait on one another. The booking is named by its
/// resource key, known before it is inserted, so that a booking and its change are written in one round trip.
/// </summary>
internal sealed class BookingChangeEntity
{
    public long Id { get; set; }
    public long TransactionId { get; set; }
    public string AllianceId { get; set; } = "";
    public int AcademicYear { get; set; }
    public string CourseId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string BookingId { get; set; } = "";
    public BookingEntity Booking { get; set; } = null!;
    public DateTime ChangeTime { get; set; }
}
