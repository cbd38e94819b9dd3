using System.ComponentModel.DataAnnotations;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Cpd:Bookings: how long a hold (or an offer to a waiting booking) keeps its places, how often lapsed ones are released,
/// how often watchers look, and how many days after a session ends its register may still be recorded.
/// </summary>
internal sealed class BookingOptions
{
    public const string Section = "Cpd:Bookings";

    [Range(1, 24 * 60)]
    public int HoldMinutes { get; set; } = 15;

    public TimeSpan Hold => TimeSpan.FromMinutes(HoldMinutes);

    /// <summary>Seconds between looks for lapsed holds (<see cref="HoldSweeper"/>); 0 turns the sweep off, leaving them to the session's next change.</summary>
    [Range(0, 3600)]
    public int SweepSeconds { get; set; } = 5;

    /// <summary>Milliseconds a WatchBookings stream waits before looking again when it has sent every change (<see cref="BookingChanges"/>).</summary>
    [Range(10, 10_000)]
    public int WatchPollMilliseconds { get; set; } = 250;

    /// <summary>Days after a session ends that its register may still be recorded.</summary>
    [Range(0, 365)]
    public int RegisterDays { get; set; } = 14;

    public TimeSpan RegisterOpen => TimeSpan.FromDays(RegisterDays);
}
