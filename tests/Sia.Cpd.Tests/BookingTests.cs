using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>Bookings against the real registry and PostgreSQL: never a place sold twice, retries never double-book, refusals name what is wrong.</summary>
public sealed class BookingTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());

    [Fact]
    public async Task Two_hundred_concurrent_bookers_on_thirty_places_get_thirty_places_and_a_queue_of_170()
    {
        var session = await NewSessionAsync(stack, capacity: 30);
        // Half to each of two instances of the service: only the database's lock on the session keeps them apart.
        BookingService.BookingServiceClient[] clients = [Bookings, new(await stack.CreateSecondInstanceChannelAsync())];
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => clients[i % 2].CreateBookingAsync(
            Create(session, hold: i % 2 == 0, requestId: Guid.NewGuid().ToString())).ResponseAsync));

        Assert.Equal(30, answers.Count(b => b.State is State.Confirmed or State.Held));
        var waiting = answers.Where(b => b.State == State.WaitingListed).ToList();
        Assert.Equal(170, waiting.Count);
        Assert.Equal(Enumerable.Range(1, 170), waiting.Select(b => b.WaitingPosition).Order());
        Assert.Equal(200, answers.Select(b => b.Name).Distinct().Count());

        var stored = await Bookings.ListAllAsync(session.Name);
        Assert.Equal(answers.Select(b => b.Name).Order(), stored.Select(b => b.Name).Order());
        Assert.Equal(30, stored.Count(b => b.State is State.Confirmed or State.Held));
        // The queue is in create order.
        Assert.Equal(Enumerable.Range(1, 170), stored.Where(b => b.State == State.WaitingListed).Select(b => b.WaitingPosition));
    }

    [Fact]
    public async Task Two_hundred_concurrent_bookers_through_the_gateway_get_thirty_places_and_a_queue_of_170()
    {
        var session = await NewSessionAsync(stack, capacity: 30);
        await using var gateway = await CpdGateway.StartAsync(stack.Address, stack.Registry.Address);
        var client = new BookingService.BookingServiceClient(gateway.CreateChannel());

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.CreateBookingAsync(Create(session, hold: i % 2 == 0, requestId: Guid.NewGuid().ToString()), CpdGateway.York).ResponseAsync));

        Assert.Equal(30, answers.Count(b => b.State is State.Confirmed or State.Held));
        Assert.Equal(Enumerable.Range(1, 170), answers.Where(b => b.State == State.WaitingListed).Select(b => b.WaitingPosition).Order());
        Assert.All(answers, b => Assert.Equal("York LA bookings", b.BookedBy));
        var stored = await Bookings.ListAllAsync(session.Name);
        Assert.Equal(answers.Select(b => b.Name).Order(), stored.Select(b => b.Name).Order());
        Assert.Equal(Enumerable.Range(1, 170), stored.Where(b => b.State == State.WaitingListed).Select(b => b.WaitingPosition));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_request_id_make_one_booking_and_another_body_under_it_is_refused()
    {
        var session = await NewSessionAsync(stack, capacity: 5);
        var requestId = Guid.NewGuid().ToString();
        var client = Bookings;
        BookingService.BookingServiceClient[] clients = [client, new(await stack.CreateSecondInstanceChannelAsync())];
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => clients[i % 2].CreateBookingAsync(Create(session, Booking(places: 2), requestId: requestId)).ResponseAsync));

        Assert.Single(answers.Select(b => b.Name).Distinct());
        var stored = Assert.Single(await Bookings.ListAllAsync(session.Name));
        Assert.Equal(State.Confirmed, stored.State);
        Assert.Equal(2 * 12_000, stored.PricePence);

        var other = await Assert.ThrowsAsync<RpcException>(() => client.CreateBookingAsync(Create(session, Booking(places: 3), requestId: requestId)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, other.StatusCode);
        Assert.Contains("request_id", RpcErrors.ViolatedFields(other));
        Assert.Single(await Bookings.ListAllAsync(session.Name));
    }

    [Fact]
    public async Task Cancelling_a_confirmed_booking_offers_its_place_to_the_first_waiting()
    {
        var session = await NewSessionAsync(stack, capacity: 2);
        var client = Bookings;
        var first = await client.CreateBookingAsync(Create(session));
        await client.CreateBookingAsync(Create(session));
        var waitingFirst = await client.CreateBookingAsync(Create(session));
        var waitingSecond = await client.CreateBookingAsync(Create(session));
        Assert.Equal((State.WaitingListed, 1), (waitingFirst.State, waitingFirst.WaitingPosition));
        Assert.Equal((State.WaitingListed, 2), (waitingSecond.State, waitingSecond.WaitingPosition));

        var stale = await Assert.ThrowsAsync<RpcException>(() => client.CancelBookingAsync(new CancelBookingRequest { Name = first.Name, Etag = "W/\"1\"" }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var cancelled = await client.CancelBookingAsync(new CancelBookingRequest { Name = first.Name, Etag = first.Etag });
        Assert.Equal(State.Cancelled, cancelled.State);

        var offered = await client.GetBookingAsync(new GetBookingRequest { Name = waitingFirst.Name });
        Assert.Equal(State.Held, offered.State);
        Assert.NotNull(offered.HoldExpireTime);
        Assert.Equal(0, offered.WaitingPosition);
        var next = await client.GetBookingAsync(new GetBookingRequest { Name = waitingSecond.Name });
        Assert.Equal((State.WaitingListed, 1), (next.State, next.WaitingPosition));

        var confirmed = await client.ConfirmBookingAsync(new ConfirmBookingRequest { Name = offered.Name, Etag = offered.Etag });
        Assert.Equal(State.Confirmed, confirmed.State);
        Assert.Null(confirmed.HoldExpireTime);
        var again = await Assert.ThrowsAsync<RpcException>(() => client.CancelBookingAsync(new CancelBookingRequest { Name = first.Name }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task A_partner_for_another_school_or_local_authority_may_not_book_and_one_for_the_school_may()
    {
        var session = await NewSessionAsync(stack, capacity: 10);
        var client = Bookings;

        var dudley = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateBookingAsync(Create(session), Partners.ActingForLocalAuthorities("Dudley LA", "332")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, dudley.StatusCode);
        Assert.Contains("schools/990001", dudley.Status.Detail);
        var otherSchool = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateBookingAsync(Create(session), Partners.ActingForSchools("Pathfinder Secondary", "990007")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, otherSchool.StatusCode);
        // Minster View is ebor's member, not pathfinder's.
        var otherAlliance = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateBookingAsync(Create(session), Partners.ActingForAlliances("Pathfinder TSA", "pathfinder")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, otherAlliance.StatusCode);
        Assert.Empty(await Bookings.ListAllAsync(session.Name));

        var bySchool = await client.CreateBookingAsync(Create(session), Partners.ActingForSchools("Minster View", "990001"));
        Assert.Equal("Minster View", bySchool.BookedBy);
        var byLa = await client.CreateBookingAsync(Create(session), Partners.ActingForLocalAuthorities("City of York LA", "816"));
        Assert.Equal("City of York LA", byLa.BookedBy);
        var byAlliance = await client.CreateBookingAsync(Create(session), Partners.ActingForAlliances("Ebor TSA", "ebor"));
        Assert.Equal("Ebor TSA", byAlliance.BookedBy);

        var seen = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetBookingAsync(new GetBookingRequest { Name = bySchool.Name }, Partners.ActingForSchools("Pathfinder Secondary", "990007")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, seen.StatusCode);
        Assert.Empty((await client.ListBookingsAsync(new ListBookingsRequest { Parent = session.Name }, Partners.ActingForSchools("Pathfinder Secondary", "990007"))).Bookings);
    }

    [Fact]
    public async Task Bad_fields_are_named_without_quoting_delegates()
    {
        var session = await NewSessionAsync(stack, capacity: 3);
        var booking = Booking(places: 2);
        booking.Delegates[0].Email = "not-an-email secret";
        booking.Delegates[1].Name = "";
        booking.Places = 3;
        var error = await Assert.ThrowsAsync<RpcException>(() => Bookings.CreateBookingAsync(Create(session, booking)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = RpcErrors.ViolatedFields(error);
        Assert.Contains("booking.delegates", fields);
        Assert.Contains("booking.delegates[0].email", fields);
        Assert.Contains("booking.delegates[1].name", fields);
        Assert.DoesNotContain("secret", error.ToString());

        var tooMany = await Assert.ThrowsAsync<RpcException>(() => Bookings.CreateBookingAsync(Create(session, Booking(places: 4))).ResponseAsync);
        Assert.Contains("booking.places", RpcErrors.ViolatedFields(tooMany));
        var school = await Assert.ThrowsAsync<RpcException>(() => Bookings.CreateBookingAsync(Create(session, Booking(school: "990001"))).ResponseAsync);
        Assert.Contains("booking.school", RpcErrors.ViolatedFields(school));
        var closed = await Assert.ThrowsAsync<RpcException>(() => Bookings.CreateBookingAsync(Create(session, Booking(school: ClosedStourbridge))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, closed.StatusCode);
        Assert.Contains("booking.school", closed.Status.Detail);
        Assert.Empty(await Bookings.ListAllAsync(session.Name));
    }

    [Fact]
    public async Task Raising_the_capacity_offers_places_to_the_waiting_and_it_never_goes_below_the_places_taken()
    {
        var session = await NewSessionAsync(stack, capacity: 2);
        var client = Bookings;
        for (var i = 0; i < 2; i++) await client.CreateBookingAsync(Create(session));
        var waitingFirst = await client.CreateBookingAsync(Create(session));
        var waitingSecond = await client.CreateBookingAsync(Create(session));
        var sessions = new SessionService.SessionServiceClient(stack.CreateChannel());

        var lowered = await Assert.ThrowsAsync<RpcException>(() => sessions.UpdateSessionAsync(Capacity(session.Name, 1)).ResponseAsync);
        var raised = await sessions.UpdateSessionAsync(Capacity(session.Name, 3));

        Assert.Equal(StatusCode.FailedPrecondition, lowered.StatusCode);
        Assert.Contains("2 places held or confirmed", lowered.Status.Detail);
        Assert.Equal(3, raised.Capacity);
        Assert.Equal(State.Held, (await client.GetBookingAsync(new GetBookingRequest { Name = waitingFirst.Name })).State);
        var next = await client.GetBookingAsync(new GetBookingRequest { Name = waitingSecond.Name });
        Assert.Equal((State.WaitingListed, 1), (next.State, next.WaitingPosition));
    }

    private static UpdateSessionRequest Capacity(string session, int capacity) => new()
    {
        Session = new Session { Name = session, Capacity = capacity, MinimumNumbers = 1 },
        UpdateMask = new FieldMask { Paths = { "capacity", "minimum_numbers" } },
    };

    [Fact]
    public async Task A_closed_session_takes_no_bookings()
    {
        var session = await NewSessionAsync(stack, capacity: 3);
        await new SessionService.SessionServiceClient(stack.CreateChannel()).UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Status = Session.Types.Status.Closed },
            UpdateMask = new FieldMask { Paths = { "status" } },
        });
        var error = await Assert.ThrowsAsync<RpcException>(() => Bookings.CreateBookingAsync(Create(session)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("closed", error.Status.Detail);
        Assert.Empty(await Bookings.ListAllAsync(session.Name));
    }
}
