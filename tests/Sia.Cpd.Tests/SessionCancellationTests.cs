using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using CancelReason = Sia.Cpd.V1.Booking.Types.CancelReason;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>The organiser cancels a session: its live bookings are cancelled with it, free, and nothing books or changes it after.</summary>
public sealed class SessionCancellationTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());
    private SessionService.SessionServiceClient Sessions => new(stack.CreateChannel());

    [Fact]
    public async Task Cancelling_a_session_cancels_its_confirmed_held_and_waiting_bookings_free_and_it_takes_no_more()
    {
        // Tomorrow: well inside the programme's late period, where the booker's own cancellation costs a fee.
        var session = await NewSessionStartingAsync(stack, stack.Clock.GetUtcNow().UtcDateTime.AddDays(1), capacity: 3);
        var client = Bookings;
        var confirmed = await client.CreateBookingAsync(Create(session, Booking(places: 2)));
        var held = await client.CreateBookingAsync(Create(session, hold: true));
        var waiting = await client.CreateBookingAsync(Create(session));
        var cancelledBefore = await client.CreateBookingAsync(Create(session));
        cancelledBefore = await client.CancelBookingAsync(new CancelBookingRequest { Name = cancelledBefore.Name });
        Assert.Equal((State.Confirmed, State.Held, State.WaitingListed), (confirmed.State, held.State, waiting.State));

        var cancelled = await Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name, Etag = session.Etag, Reason = " Below minimum numbers " });

        Assert.Equal(Session.Types.Status.Cancelled, cancelled.Status);
        Assert.Equal("Below minimum numbers", cancelled.CancellationReason);
        Assert.Equal(cancelled, await Sessions.GetSessionAsync(new GetSessionRequest { Name = session.Name }));
        var after = (await client.ListAllAsync(session.Name)).ToDictionary(b => b.Name);
        foreach (var booking in new[] { confirmed, held, waiting })
        {
            Assert.Equal((State.Cancelled, CancelReason.OrganiserCancelled, 0L, 0),
                (after[booking.Name].State, after[booking.Name].CancelReason, after[booking.Name].CancellationFeePence, after[booking.Name].WaitingPosition));
        }
        // Cancelled by its booker before: left as it was.
        Assert.Equal(cancelledBefore, after[cancelledBefore.Name]);

        var book = await Assert.ThrowsAsync<RpcException>(() => client.CreateBookingAsync(Create(session)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, book.StatusCode);
        Assert.Contains("cancelled", book.Status.Detail);
        var update = await Assert.ThrowsAsync<RpcException>(() => Sessions.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Status = Session.Types.Status.Open },
            UpdateMask = new FieldMask { Paths = { "status" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, update.StatusCode);
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name, Reason = "Twice" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Equal(cancelled, await Sessions.GetSessionAsync(new GetSessionRequest { Name = session.Name }));
    }

    [Fact]
    public async Task Bookings_racing_a_session_cancellation_end_refused_or_cancelled_never_live()
    {
        var session = await NewSessionAsync(stack, capacity: 10);
        BookingService.BookingServiceClient[] clients = [Bookings, new(await stack.CreateSecondInstanceChannelAsync())];
        var first = await clients[0].CreateBookingAsync(Create(session));

        // 100 bookers on two instances, the cancellation sent while they are in flight.
        var creates = Enumerable.Range(0, 100).Select(i => AnswerOf(clients[i % 2].CreateBookingAsync(Create(session, hold: i % 3 == 0)).ResponseAsync)).ToList();
        var cancel = Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name, Reason = "The trainer is ill." }).ResponseAsync;
        var answers = await Task.WhenAll(creates);
        await cancel;

        Assert.All(answers, a => Assert.True(a.Booking is not null || a.Error?.StatusCode == StatusCode.FailedPrecondition, a.Error?.ToString()));
        var stored = await clients[1].ListAllAsync(session.Name);
        Assert.Equal(answers.Count(a => a.Booking is not null) + 1, stored.Count);
        Assert.Contains(first.Name, stored.Select(b => b.Name));
        Assert.All(stored, b => Assert.Equal((State.Cancelled, CancelReason.OrganiserCancelled), (b.State, b.CancelReason)));
    }

    [Fact]
    public async Task Only_the_provider_alliance_cancels_a_session_with_a_reason_and_the_etag_last_read()
    {
        var session = await NewSessionAsync(stack, capacity: 2);
        var ebor = await Assert.ThrowsAsync<RpcException>(() => Sessions.CancelSessionAsync(
            new CancelSessionRequest { Name = session.Name, Reason = "Not ours" }, Partners.ActingForAlliances("Ebor TSA", "ebor")).ResponseAsync);
        var school = await Assert.ThrowsAsync<RpcException>(() => Sessions.CancelSessionAsync(
            new CancelSessionRequest { Name = session.Name, Reason = "Not ours" }, Partners.ActingForSchools("Minster View", "990001")).ResponseAsync);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name, Reason = " " }).ResponseAsync);
        var longReason = await Assert.ThrowsAsync<RpcException>(() =>
            Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name, Reason = new string('x', 501) }).ResponseAsync);
        var badName = await Assert.ThrowsAsync<RpcException>(() => Sessions.CancelSessionAsync(new CancelSessionRequest { Name = "sessions/1", Reason = "r" }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name + "x", Reason = "r" }).ResponseAsync);
        var stale = await Assert.ThrowsAsync<RpcException>(() =>
            Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name, Etag = "W/\"1\"", Reason = "r" }).ResponseAsync);
        var viaUpdate = await Assert.ThrowsAsync<RpcException>(() => Sessions.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Status = Session.Types.Status.Cancelled },
            UpdateMask = new FieldMask { Paths = { "status" } },
        }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (ebor.StatusCode, school.StatusCode));
        Assert.Contains(Catalogue.Pathfinder, ebor.Status.Detail);
        Assert.Equal(["reason"], RpcErrors.ViolatedFields(noReason));
        Assert.Equal(["reason"], RpcErrors.ViolatedFields(longReason));
        Assert.Equal(["name"], RpcErrors.ViolatedFields(badName));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(["session.status"], RpcErrors.ViolatedFields(viaUpdate));
        Assert.Equal(Session.Types.Status.Open, (await Sessions.GetSessionAsync(new GetSessionRequest { Name = session.Name })).Status);

        var cancelled = await Sessions.CancelSessionAsync(new CancelSessionRequest { Name = session.Name, Reason = new string('x', 500) },
            Partners.ActingForAlliances("Pathfinder TSA", "pathfinder"));
        Assert.Equal(Session.Types.Status.Cancelled, cancelled.Status);
    }

    private static async Task<(Booking? Booking, RpcException? Error)> AnswerOf(Task<Booking> call)
    {
        try
        {
            return (await call, null);
        }
        catch (RpcException error)
        {
            return (null, error);
        }
    }
}
