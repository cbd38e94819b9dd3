using System.ComponentModel.DataAnnotations;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>Cpd:Bookings: how long a hold (or an offer to a waiting booking) keeps its places.</summary>
internal sealed class BookingOptions
{
    public const string Section = "Cpd:Bookings";

    [Range(1, 24 * 60)]
    public int HoldMinutes { get; set; } = 15;

    public TimeSpan Hold => TimeSpan.FromMinutes(HoldMinutes);
}
