using System.ComponentModel.DataAnnotations;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Cpd:Bookings: how long a hold (or an offer to a waiting booking) keeps its places, and how many days after a session
/// ends its register may still be recorded.
/// </summary>
internal sealed class BookingOptions
{
    public const string Section = "Cpd:Bookings";

    [Range(1, 24 * 60)]
    public int HoldMinutes { get; set; } = 15;

    public TimeSpan Hold => TimeSpan.FromMinutes(HoldMinutes);

    [Range(0, 365)]
    public int RegisterDays { get; set; } = 14;

    public TimeSpan RegisterOpen => TimeSpan.FromDays(RegisterDays);
}
