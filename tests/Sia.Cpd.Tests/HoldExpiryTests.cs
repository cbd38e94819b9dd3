using Grpc.Core;
using Sia.Testing;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>Time passing on the service's clock: holds lapse and free their places; deadlines close sessions.</summary>
public sealed class HoldExpiryTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());

    [Fact]
    public async Task A_lapsed_hold_frees_its_place_for_the_next_booker_and_cannot_be_confirmed()
    {
        var session = await NewSessionAsync(stack, capacity: 1);
        var client = Bookings;
        var held = await client.CreateBookingAsync(Create(session, hold: true));
        Assert.Equal(State.Held, held.State);
        var waiting = await client.CreateBookingAsync(Create(session));
        Assert.Equal(State.WaitingListed, waiting.State);

        stack.Clock.Advance(TimeSpan.FromMinutes(16));
        var late = await Assert.ThrowsAsync<RpcException>(() => client.ConfirmBookingAsync(new ConfirmBookingRequest { Name = held.Name }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Contains("lapsed", late.Status.Detail);

        var expired = await client.GetBookingAsync(new GetBookingRequest { Name = held.Name });
        Assert.Equal((State.Cancelled, V1.Booking.Types.CancelReason.Expired), (expired.State, expired.CancelReason));
        var offered = await client.GetBookingAsync(new GetBookingRequest { Name = waiting.Name });
        Assert.Equal(State.Held, offered.State);
        var newcomer = await client.CreateBookingAsync(Create(session));
        Assert.Equal((State.WaitingListed, 1), (newcomer.State, newcomer.WaitingPosition));
    }

    [Fact]
    public async Task A_lapsed_hold_is_released_and_its_place_offered_to_the_waiting_booking_without_any_further_call()
    {
        var session = await NewSessionAsync(stack, capacity: 1);
        var client = Bookings;
        var held = await client.CreateBookingAsync(Create(session, hold: true));
        var waiting = await client.CreateBookingAsync(Create(session));
        Assert.Equal(State.WaitingListed, waiting.State);

        stack.Clock.Advance(TimeSpan.FromMinutes(16));
        await Until.TrueAsync(async () => (await client.GetBookingAsync(new GetBookingRequest { Name = waiting.Name })).State == State.Held,
            "the waiting booking to be offered the lapsed hold's place");
        var expired = await client.GetBookingAsync(new GetBookingRequest { Name = held.Name });
        Assert.Equal((State.Cancelled, V1.Booking.Types.CancelReason.Expired), (expired.State, expired.CancelReason));
        var offered = await client.ConfirmBookingAsync(new ConfirmBookingRequest { Name = waiting.Name });
        Assert.Equal(State.Confirmed, offered.State);
    }

    [Fact]
    public async Task A_session_past_its_booking_deadline_takes_no_bookings()
    {
        var session = await NewSessionAsync(stack, capacity: 3, daysAhead: 10);
        stack.Clock.Advance(TimeSpan.FromDays(4));
        var error = await Assert.ThrowsAsync<RpcException>(() => Bookings.CreateBookingAsync(Create(session)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("deadline", error.Status.Detail);
    }
}
