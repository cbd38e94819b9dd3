using Grpc.Core;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using static Sia.Cpd.Tests.BookingSetup;
using static Sia.Cpd.Tests.Catalogue;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>What a school owes per term, in exact pence, and who sees which lines.</summary>
public sealed class ChargeTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private ChargeService.ChargeServiceClient Charges => new(stack.CreateChannel());

    [Fact]
    public async Task A_schools_term_charges_are_its_sold_places_of_sessions_starting_in_the_term()
    {
        // Next academic year, wholly ahead of the service's clock: autumn up to 31 December, spring from 1 January to 31 March.
        var year = AcademicYear.Of(stack.Clock.TodayInEngland()) + 1;
        var autumn = await NewSessionOnAsync(stack, Utc(year, 10, 15), capacity: 10);
        var spring = await NewSessionOnAsync(stack, Utc(year + 1, 3, 31), capacity: 10);
        var summer = await NewSessionOnAsync(stack, Utc(year + 1, 4, 1), capacity: 10);
        var eborAutumn = await NewSessionOnAsync(stack, Utc(year, 12, 31), capacity: 10, alliance: Ebor);
        var bookings = new BookingService.BookingServiceClient(stack.CreateChannel());
        var withSla = await bookings.CreateBookingAsync(Create(autumn, Booking(places: 2)));
        var eborLine = await bookings.CreateBookingAsync(Create(eborAutumn, Booking(withSla: false)));
        var springLine = await bookings.CreateBookingAsync(Create(spring, Booking(withSla: false)));
        var summerLine = await bookings.CreateBookingAsync(Create(summer, Booking(places: 3)));
        await bookings.CreateBookingAsync(Create(autumn, hold: true));
        var cancelled = await bookings.CreateBookingAsync(Create(autumn));
        await bookings.CancelBookingAsync(new CancelBookingRequest { Name = cancelled.Name });
        await bookings.CreateBookingAsync(Create(autumn, Booking(PathfinderSecondary, places: 3)));

        var term = $"{MinsterView}/termCharges/{AcademicYear.Id(year)}-autumn";
        var charges = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = term });
        Assert.Equal(term, charges.Name);
        Assert.Equal([(withSla.Name, State.Confirmed, 2, true, 24_000L), (eborLine.Name, State.Confirmed, 1, false, 15_000L)],
            charges.Lines.Select(l => (l.Booking, l.State, l.Places, l.WithSla, l.AmountPence)));
        Assert.Equal(39_000, charges.TotalPence);
        var springCharges = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = $"{MinsterView}/termCharges/{AcademicYear.Id(year)}-spring" });
        Assert.Equal((springLine.Name, 15_000L), (Assert.Single(springCharges.Lines).Booking, springCharges.TotalPence));
        var summerCharges = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = $"{MinsterView}/termCharges/{AcademicYear.Id(year)}-summer" });
        Assert.Equal((summerLine.Name, 36_000L), (Assert.Single(summerCharges.Lines).Booking, summerCharges.TotalPence));

        var bySchool = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = term }, Partners.ActingForSchools(stack.Clock, "Minster View", "990001"));
        Assert.Equal(39_000, bySchool.TotalPence);
        var byLa = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = term }, Partners.ActingForLocalAuthorities(stack.Clock, "City of York LA", "816"));
        Assert.Equal(39_000, byLa.TotalPence);
        var byEbor = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = term }, Partners.ActingForAlliances(stack.Clock, "Ebor TSA", "ebor"));
        Assert.Equal((eborLine.Name, 15_000L), (Assert.Single(byEbor.Lines).Booking, byEbor.TotalPence));
        var byDudley = await Assert.ThrowsAsync<RpcException>(() =>
            Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = term }, Partners.ActingForLocalAuthorities(stack.Clock, "Dudley LA", "332")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byDudley.StatusCode);
    }

    [Fact]
    public async Task A_late_cancellations_fee_is_charged_in_its_sessions_term_and_a_free_one_is_not()
    {
        var start = stack.Clock.GetUtcNow().UtcDateTime.Date.AddDays(2).AddHours(9);
        var soon = await NewSessionStartingAsync(stack, start, capacity: 10);
        var bookings = new BookingService.BookingServiceClient(stack.CreateChannel());
        var late = await bookings.CreateBookingAsync(Create(soon, Booking(PathfinderSecondary, places: 2)));
        var held = await bookings.CreateBookingAsync(Create(soon, Booking(PathfinderSecondary), hold: true));
        late = await bookings.CancelBookingAsync(new CancelBookingRequest { Name = late.Name });
        await bookings.CancelBookingAsync(new CancelBookingRequest { Name = held.Name });

        var day = DateOnly.FromDateTime(start);
        var term = day.Month >= 9 ? "autumn" : day.Month <= 3 ? "spring" : "summer";
        var charges = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = $"{PathfinderSecondary}/termCharges/{AcademicYear.Id(AcademicYear.Of(day))}-{term}" });
        Assert.Equal(10_000, late.CancellationFeePence);
        Assert.Equal([(late.Name, State.Cancelled, 10_000L)], charges.Lines.Select(l => (l.Booking, l.State, l.AmountPence)));
        Assert.Equal(10_000, charges.TotalPence);
    }

    [Fact]
    public async Task A_line_charges_the_school_its_paid_places_shows_what_the_fund_pays_and_a_late_fee_falls_on_paid_places_only()
    {
        var start = stack.Clock.GetUtcNow().UtcDateTime.Date.AddDays(2).AddHours(9);
        var soon = await NewSessionStartingAsync(stack, start, capacity: 10, fundedPlaces: 3);
        var bookings = new BookingService.BookingServiceClient(stack.CreateChannel());
        var funded = await bookings.CreateBookingAsync(Create(soon, Booking(places: 3, fundedPlaces: 2)));
        var late = await bookings.CreateBookingAsync(Create(soon, Booking(places: 3, fundedPlaces: 1)));
        late = await bookings.CancelBookingAsync(new CancelBookingRequest { Name = late.Name });
        Assert.Equal(2 * 5_000, late.CancellationFeePence);

        var day = DateOnly.FromDateTime(start);
        var term = day.Month >= 9 ? "autumn" : day.Month <= 3 ? "spring" : "summer";
        var charges = await Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = $"{MinsterView}/termCharges/{AcademicYear.Id(AcademicYear.Of(day))}-{term}" });
        Assert.Equal([(funded.Name, State.Confirmed, 12_000L, 24_000L, 2, Fund), (late.Name, State.Cancelled, 10_000L, 0L, 1, Fund)],
            charges.Lines.Select(l => (l.Booking, l.State, l.AmountPence, l.FundedPence, l.FundedPlaces, l.Fund)));
        Assert.Equal(22_000, charges.TotalPence);
    }

    [Fact]
    public async Task A_bad_name_is_named_and_a_school_the_registry_lacks_is_not_found()
    {
        foreach (var name in new[] { $"{MinsterView}/termCharges/2015-16-winter", $"{MinsterView}/termCharges/2015-17-autumn", "schools/990001/charges/2015-16-autumn" })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = name }).ResponseAsync);
            Assert.Equal(["name"], RpcErrors.ViolatedFields(error));
        }
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            Charges.GetTermChargesAsync(new GetTermChargesRequest { Name = "schools/999999/termCharges/2015-16-autumn" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
