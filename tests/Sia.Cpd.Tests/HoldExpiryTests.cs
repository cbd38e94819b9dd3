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
    public async Task Lapsing_holds_racing_cancellations_confirmations_and_new_bookings_never_oversell_and_keep_the_queue_in_order()
    {
        var session = await NewSessionAsync(stack, capacity: 10);
        var second = new BookingService.BookingServiceClient(await stack.CreateSecondInstanceChannelAsync());
        BookingService.BookingServiceClient[] clients = [Bookings, second];
        var held = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => clients[i % 2].CreateBookingAsync(Create(session, hold: true)).ResponseAsync));
        var waiting = new List<Booking>();
        for (var i = 0; i < 30; i++) waiting.Add(await clients[i % 2].CreateBookingAsync(Create(session, hold: true)));
        Assert.All(held, b => Assert.Equal(State.Held, b.State));
        Assert.All(waiting, b => Assert.Equal(State.WaitingListed, b.State));

        // Every hold lapses at once; then, on both instances together: cancellations of waiting bookings (some about to be
        // offered places), confirmations of whatever is offered, and new bookings joining the queue.
        stack.Clock.Advance(TimeSpan.FromMinutes(16));
        var requests = Enumerable.Range(0, 30).Select(_ => Create(session, hold: true, requestId: Guid.NewGuid().ToString())).ToList();
        var racing = waiting.Where((_, i) => i % 3 == 0).Select((b, i) => Quietly(clients[i % 2].CancelBookingAsync(new CancelBookingRequest { Name = b.Name }).ResponseAsync))
            .Concat(waiting.Where((_, i) => i % 3 == 1).Select((b, i) => Quietly(clients[(i + 1) % 2].ConfirmBookingAsync(new ConfirmBookingRequest { Name = b.Name }).ResponseAsync)))
            .Concat(requests.Select((r, i) => Quietly(clients[i % 2].CreateBookingAsync(r).ResponseAsync)));
        await Task.WhenAll(racing);

        var stored = await Bookings.ListAllAsync(session.Name);
        Assert.True(stored.Where(b => b.State is State.Held or State.Confirmed).Sum(b => b.Places) <= 10, "oversold");
        Assert.All(held, h => Assert.Equal((State.Cancelled, V1.Booking.Types.CancelReason.Expired), stored.Where(b => b.Name == h.Name).Select(b => (b.State, b.CancelReason)).Single()));
        var queue = stored.Where(b => b.State == State.WaitingListed).ToList();
        Assert.Equal(Enumerable.Range(1, queue.Count), queue.Select(b => b.WaitingPosition));
        // Each new request made one booking, and asked again it answers that booking.
        foreach (var request in requests)
        {
            var answer = await Bookings.CreateBookingAsync(request);
            Assert.Single(stored, b => b.Name == answer.Name);
        }
        Assert.Equal(70, stored.Count);
        // Places freed while anyone waits are offered: a session with a queue is full.
        if (queue.Count > 0) Assert.Equal(10, stored.Where(b => b.State is State.Held or State.Confirmed).Sum(b => b.Places));
    }

    /// <summary>The call's outcome does not matter to the race (a refusal is an answer too), only what is stored after it.</summary>
    private static async Task Quietly<T>(Task<T> call)
    {
        try
        {
            await call;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Aborted)
        {
        }
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
