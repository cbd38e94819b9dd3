using Sia.Cpd.Data;
using Sia.Cpd.Domain.Bookings;

namespace Sia.Cpd.Domain.Charges;

/// <summary>
/// One charged booking: places sold cost the school their price (its paid places) and the fund its funded places; a late
/// cancellation costs the school its fee (on its paid places) and the fund nothing.
/// </summary>
internal sealed record ChargeLine(BookingEntity Booking)
{
    private bool IsLateCancellation => Booking.State == BookingState.Cancelled;

    public long AmountPence => IsLateCancellation ? Booking.CancellationFeePence : Booking.PricePence;

    public long FundedPence => IsLateCancellation ? 0 : Booking.FundedPence;
}
