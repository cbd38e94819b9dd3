using Sia.Cpd.Domain.Charges;
using Sia.Cpd.V1;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>A school's term charges as the API's message.</summary>
internal static class ChargeMapping
{
    public static TermCharges ToMessage(this IReadOnlyList<ChargeLine> lines, TermChargesName name) => new()
    {
        Name = name.ToString(),
        Lines =
        {
            lines.Select(line => new TermCharges.Types.ChargeLine
            {
                Booking = line.Booking.NameOf().ToString(),
                State = (Booking.Types.State)line.Booking.State,
                Places = line.Booking.Places,
                WithSla = line.Booking.WithSla,
                AmountPence = line.AmountPence,
                FundedPence = line.FundedPence,
                FundedPlaces = line.Booking.FundedPlaces,
                Fund = line.Booking.Fund ?? "",
            }),
        },
        TotalPence = lines.Sum(line => line.AmountPence),
    };
}
