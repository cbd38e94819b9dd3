using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>A session's funded places: the fund pays for them, the school for the rest, and they are never claimed twice.</summary>
public sealed class FundedPlacesTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());

    private SessionService.SessionServiceClient Sessions => new(stack.CreateChannel());

    [Fact]
    public async Task The_school_pays_for_its_paid_places_and_the_fund_for_the_funded_ones()
    {
        var session = await NewSessionAsync(stack, capacity: 10, fundedPlaces: 4);
        var client = Bookings;

        var withSla = await client.CreateBookingAsync(Create(session, Booking(places: 3, fundedPlaces: 2)));
        Assert.Equal((3, 2, Fund, 12_000L, 24_000L), (withSla.Places, withSla.FundedPlaces, withSla.Fund, withSla.PricePence, withSla.FundedPence));
        var allFunded = await client.CreateBookingAsync(Create(session, Booking(PathfinderSecondary, places: 1, withSla: false, fundedPlaces: 1)));
        Assert.Equal((0L, 15_000L), (allFunded.PricePence, allFunded.FundedPence));
        var unfunded = await client.CreateBookingAsync(Create(session, Booking(places: 2)));
        Assert.Equal((0, "", 24_000L, 0L), (unfunded.FundedPlaces, unfunded.Fund, unfunded.PricePence, unfunded.FundedPence));
        var read = await client.GetBookingAsync(new GetBookingRequest { Name = withSla.Name });
        Assert.Equal((2, Fund, 12_000L, 24_000L), (read.FundedPlaces, read.Fund, read.PricePence, read.FundedPence));
    }

    [Fact]
    public async Task Funded_places_outside_zero_to_places_are_invalid_and_named()
    {
        var session = await NewSessionAsync(stack, capacity: 10, fundedPlaces: 4);
        foreach (var funded in new[] { -1, 3 })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Bookings.CreateBookingAsync(Create(session, Booking(places: 2, fundedPlaces: funded))).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal(["booking.funded_places"], RpcErrors.ViolatedFields(error));
        }
        Assert.Empty(await Bookings.ListAllAsync(session.Name));
    }

    [Fact]
    public async Task A_booking_asking_for_more_funded_places_than_remain_is_refused_saying_how_many_remain()
    {
        var session = await NewSessionAsync(stack, capacity: 10, fundedPlaces: 4);
        var client = Bookings;
        await client.CreateBookingAsync(Create(session, Booking(places: 3, fundedPlaces: 3), hold: true));

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.CreateBookingAsync(Create(session, Booking(places: 2, fundedPlaces: 2))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("1 of its 4 funded places left", refused.Status.Detail);
        Assert.Single(await client.ListAllAsync(session.Name));

        var unfundedSession = await NewSessionAsync(stack, capacity: 10);
        var none = await Assert.ThrowsAsync<RpcException>(() => client.CreateBookingAsync(Create(unfundedSession, Booking(fundedPlaces: 1))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, none.StatusCode);
        Assert.Contains("no funded places", none.Status.Detail);
    }

    [Fact]
    public async Task A_waiting_bookings_funded_places_are_kept_for_it_in_queue_order_and_it_is_offered_them()
    {
        var session = await NewSessionAsync(stack, capacity: 2, fundedPlaces: 2);
        var client = Bookings;
        var full = await client.CreateBookingAsync(Create(session, Booking(places: 2)));
        var waiting = await client.CreateBookingAsync(Create(session, Booking(places: 2, fundedPlaces: 2)));
        Assert.Equal((State.WaitingListed, 2), (waiting.State, waiting.FundedPlaces));

        var after = await Assert.ThrowsAsync<RpcException>(() => client.CreateBookingAsync(Create(session, Booking(fundedPlaces: 1))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, after.StatusCode);
        Assert.Contains("0 of its 2 funded places left", after.Status.Detail);

        await client.CancelBookingAsync(new CancelBookingRequest { Name = full.Name });
        var offered = await client.GetBookingAsync(new GetBookingRequest { Name = waiting.Name });
        Assert.Equal((State.Held, 2, 0L, 24_000L), (offered.State, offered.FundedPlaces, offered.PricePence, offered.FundedPence));
    }

    [Fact]
    public async Task Cancelling_or_a_lapsed_hold_frees_its_funded_places()
    {
        var session = await NewSessionAsync(stack, capacity: 10, fundedPlaces: 2);
        var client = Bookings;
        var cancelled = await client.CreateBookingAsync(Create(session, Booking(places: 2, fundedPlaces: 2)));
        await client.CancelBookingAsync(new CancelBookingRequest { Name = cancelled.Name });

        var held = await client.CreateBookingAsync(Create(session, Booking(places: 2, fundedPlaces: 2), hold: true));
        Assert.Equal(State.Held, held.State);
        stack.Clock.Advance(TimeSpan.FromMinutes(16));
        var next = await client.CreateBookingAsync(Create(session, Booking(places: 2, fundedPlaces: 2)));
        Assert.Equal((State.Confirmed, 2), (next.State, next.FundedPlaces));
        Assert.Equal(State.Cancelled, (await client.GetBookingAsync(new GetBookingRequest { Name = held.Name })).State);
    }

    [Fact]
    public async Task A_retry_of_the_booking_that_took_the_last_funded_places_gets_that_booking()
    {
        var session = await NewSessionAsync(stack, capacity: 10, fundedPlaces: 2);
        var request = Create(session, Booking(places: 2, fundedPlaces: 2), requestId: Guid.NewGuid().ToString());
        var first = await Bookings.CreateBookingAsync(request);
        var retry = await Bookings.CreateBookingAsync(request);
        Assert.Equal(first.Name, retry.Name);
        Assert.Single(await Bookings.ListAllAsync(session.Name));
    }

    [Fact]
    public async Task A_sessions_funded_places_go_no_lower_than_those_claimed_and_keep_their_fund_while_claimed()
    {
        var session = await NewSessionAsync(stack, capacity: 10, fundedPlaces: 4);
        var client = Bookings;
        await client.CreateBookingAsync(Create(session, Booking(places: 2, fundedPlaces: 1)));
        await client.CreateBookingAsync(Create(session, Booking(places: 1, fundedPlaces: 1), hold: true));

        foreach (var funded in new Session.Types.FundedPlaces?[] { new() { Fund = Fund, Places = 1 }, null, new() { Fund = "localAuthorities/816/funds/other", Places = 4 } })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Sessions.UpdateSessionAsync(FundedPlacesUpdate(session, funded)).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Contains("claim 2 funded places", error.Status.Detail);
        }
        var lowered = await Sessions.UpdateSessionAsync(FundedPlacesUpdate(session, new() { Fund = Fund, Places = 2 }));
        Assert.Equal(2, lowered.FundedPlaces.Places);
    }

    private static UpdateSessionRequest FundedPlacesUpdate(Session session, Session.Types.FundedPlaces? funded) => new()
    {
        Session = new Session { Name = session.Name, FundedPlaces = funded },
        UpdateMask = new() { Paths = { "funded_places" } },
    };
}
