using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using CancelReason = Sia.Cpd.V1.Booking.Types.CancelReason;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>
/// Bookings as the service's clock moves on to chosen moments: the end of free cancellation (over a bank holiday, by the
/// date in England), a session's start and its end. Every session is after the clock's now, so the tests may run in any order.
/// </summary>
public sealed class BookingClockTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());

    [Fact]
    public async Task A_confirmed_booking_cancels_free_until_five_working_days_before_counting_over_the_bank_holiday_and_pays_the_fee_per_place_after()
    {
        // A session on the Tuesday after the summer bank holiday (the last Monday of August), in British Summer Time.
        var bankHoliday = NextSummerBankHoliday();
        var start = bankHoliday.AddDays(1).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        // Five working days before the Tuesday, the Monday skipped: Friday, Thursday, Wednesday, Tuesday, and the Monday a week before.
        var lastFreeDay = bankHoliday.AddDays(-7).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        stack.Clock.AdvanceTo(lastFreeDay.AddHours(9));
        var session = await NewSessionStartingAsync(stack, start, capacity: 4);
        var client = Bookings;
        var early = await client.CreateBookingAsync(Create(session, Booking(places: 2)));
        var late = await client.CreateBookingAsync(Create(session, Booking(places: 2)));

        // 23:58 in England (BST) on the last free day; then 00:01 the next day there, still that day in UTC.
        stack.Clock.AdvanceTo(lastFreeDay.AddHours(22).AddMinutes(58));
        var free = await client.CancelBookingAsync(new CancelBookingRequest { Name = early.Name });
        stack.Clock.AdvanceTo(lastFreeDay.AddHours(23).AddMinutes(1));
        var charged = await client.CancelBookingAsync(new CancelBookingRequest { Name = late.Name });

        Assert.Equal((State.Cancelled, CancelReason.Cancelled, 0L), (free.State, free.CancelReason, free.CancellationFeePence));
        // The programme's £50 per place.
        Assert.Equal((State.Cancelled, CancelReason.Cancelled, 2 * 5000L), (charged.State, charged.CancelReason, charged.CancellationFeePence));
        Assert.Equal(charged, await client.GetBookingAsync(new GetBookingRequest { Name = late.Name }));

        // Late too, but a hold, a waiting booking and a lapsed hold cancel free.
        var full = await client.CreateBookingAsync(Create(session, Booking(places: 3)));
        var held = await client.CreateBookingAsync(Create(session, hold: true));
        var waiting = await client.CreateBookingAsync(Create(session));
        Assert.Equal((State.Confirmed, State.Held, State.WaitingListed), (full.State, held.State, waiting.State));
        var heldCancelled = await client.CancelBookingAsync(new CancelBookingRequest { Name = held.Name });
        Assert.Equal(0, heldCancelled.CancellationFeePence);
        var lapsing = await client.GetBookingAsync(new GetBookingRequest { Name = waiting.Name });
        Assert.Equal(State.Held, lapsing.State);
        var stillWaiting = await client.CreateBookingAsync(Create(session));
        var waitingCancelled = await client.CancelBookingAsync(new CancelBookingRequest { Name = stillWaiting.Name });
        Assert.Equal((State.Cancelled, 0L), (waitingCancelled.State, waitingCancelled.CancellationFeePence));
        stack.Clock.Advance(TimeSpan.FromMinutes(16));
        await client.CreateBookingAsync(Create(session));
        var lapsed = await client.GetBookingAsync(new GetBookingRequest { Name = lapsing.Name });
        Assert.Equal((State.Cancelled, CancelReason.Expired, 0L), (lapsed.State, lapsed.CancelReason, lapsed.CancellationFeePence));
    }

    [Fact]
    public async Task Delegates_change_until_the_session_starts()
    {
        var start = stack.Clock.GetUtcNow().UtcDateTime.AddDays(3);
        var session = await NewSessionStartingAsync(stack, start, capacity: 2);
        var client = Bookings;
        var booking = await client.CreateBookingAsync(Create(session));
        var substituted = await client.UpdateBookingAsync(Substitute(booking, "Before Start"));
        Assert.Equal("Before Start", substituted.Delegates[0].Name);

        stack.Clock.AdvanceTo(start);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.UpdateBookingAsync(Substitute(substituted, "After Start")).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("started", error.Status.Detail);
        Assert.Equal("Before Start", (await client.GetBookingAsync(new GetBookingRequest { Name = booking.Name })).Delegates[0].Name);
    }

    [Fact]
    public async Task The_organiser_cancels_a_session_until_it_ends()
    {
        var start = stack.Clock.GetUtcNow().UtcDateTime.AddDays(3);
        var sessions = new SessionService.SessionServiceClient(stack.CreateChannel());
        var running = await NewSessionStartingAsync(stack, start, capacity: 2);
        var ended = await NewSessionStartingAsync(stack, start, capacity: 2);

        stack.Clock.AdvanceTo(start.AddHours(5));
        var cancelled = await sessions.CancelSessionAsync(new CancelSessionRequest { Name = running.Name, Reason = "Fire alarm: the venue closed." });
        stack.Clock.AdvanceTo(start.AddHours(6));
        var error = await Assert.ThrowsAsync<RpcException>(() => sessions.CancelSessionAsync(new CancelSessionRequest { Name = ended.Name, Reason = "Too late" }).ResponseAsync);

        Assert.Equal(Session.Types.Status.Cancelled, cancelled.Status);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("took place", error.Status.Detail);
        Assert.Equal(Session.Types.Status.Open, (await sessions.GetSessionAsync(new GetSessionRequest { Name = ended.Name })).Status);
    }

    private static UpdateBookingRequest Substitute(Booking booking, string name)
    {
        var changed = new Booking { Name = booking.Name, Etag = booking.Etag };
        changed.Delegates.Add(new Booking.Types.Delegate { Name = name, Role = "Year 4 teacher", Email = "substitute@example.org" });
        return new UpdateBookingRequest { Booking = changed, UpdateMask = new FieldMask { Paths = { "delegates" } } };
    }

    /// <summary>The first summer bank holiday (the last Monday of August) at least two weeks after the service's clock.</summary>
    private DateOnly NextSummerBankHoliday()
    {
        var today = DateOnly.FromDateTime(stack.Clock.GetUtcNow().UtcDateTime);
        for (var year = today.Year; ; year++)
        {
            var last = new DateOnly(year, 8, 31);
            var monday = last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
            if (monday > today.AddDays(14)) return monday;
        }
    }
}
