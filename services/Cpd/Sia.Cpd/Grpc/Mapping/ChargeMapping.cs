using Sia.Cpd.Data;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Domain.Charges;
using Sia.Cpd.V1;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>A school's term charges as the API's message.</summary>
internal static class ChargeMapping
{
    public static TermCharges ToMessage(this IReadOnlyList<BookingEntity> charged, TermChargesName name) => new()
    {
        Name = name.ToString(),
        Lines =
        {
            charged.Select(b => new TermCharges.Types.ChargeLine
            {
                Booking = b.NameOf().ToString(),
                State = (Booking.Types.State)b.State,
                Places = b.Places,
                WithSla = b.WithSla,
                AmountPence = AmountOf(b),
            }),
        },
        TotalPence = charged.Sum(AmountOf),
    };

    /// <summary>A place sold costs its price; a late cancellation its fee.</summary>
    private static long AmountOf(BookingEntity booking) => booking.State == BookingState.Cancelled ? booking.CancellationFeePence : booking.PricePence;
}
