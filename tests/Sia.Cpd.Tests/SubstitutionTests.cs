using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using Delegate = Sia.Cpd.V1.Booking.Types.Delegate;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>UpdateBooking substitutes a live booking's delegates, one per place, and changes nothing else.</summary>
public sealed class SubstitutionTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());

    [Fact]
    public async Task Held_confirmed_and_waiting_bookings_substitute_their_delegates()
    {
        var session = await NewSessionAsync(stack, capacity: 3);
        var client = Bookings;
        var confirmed = await client.CreateBookingAsync(Create(session, Booking(places: 2)));
        var held = await client.CreateBookingAsync(Create(session, hold: true));
        var waiting = await client.CreateBookingAsync(Create(session));

        foreach (var booking in new[] { confirmed, held, waiting })
        {
            var updated = await client.UpdateBookingAsync(Substitute(booking, "Ada Substitute", "Grace Substitute"));

            Assert.Equal(new[] { "Ada Substitute", "Grace Substitute" }[..booking.Places], updated.Delegates.Select(d => d.Name));
            Assert.NotEqual(booking.Etag, updated.Etag);
            Assert.Equal(updated, await client.GetBookingAsync(new GetBookingRequest { Name = booking.Name }));
            // Only the delegates (and the etag and update time) change.
            var unchanged = updated.Clone();
            unchanged.Delegates.Clear();
            unchanged.Delegates.Add(booking.Delegates);
            unchanged.Etag = booking.Etag;
            unchanged.UpdateTime = booking.UpdateTime;
            Assert.Equal(booking, unchanged);
        }
        Assert.Equal((State.Confirmed, State.Held, State.WaitingListed),
            ((await Get(confirmed)).State, (await Get(held)).State, (await Get(waiting)).State));
    }

    [Fact]
    public async Task A_delegate_who_stays_keeps_their_id_and_one_who_comes_in_gets_a_new_one()
    {
        var session = await NewSessionAsync(stack, capacity: 3);
        var booking = await Bookings.CreateBookingAsync(Create(session, Booking(places: 2)));
        var request = new UpdateBookingRequest { Booking = new Booking { Name = booking.Name }, UpdateMask = new() { Paths = { "delegates" } } };
        request.Booking.Delegates.Add(new Delegate { Name = "Ada Substitute", Role = "Year 2 teacher", Email = "ada@example.org" });
        request.Booking.Delegates.Add(new Delegate { Name = booking.Delegates[1].Name, Role = "Deputy head", Email = booking.Delegates[1].Email });

        var updated = await Bookings.UpdateBookingAsync(request);

        Assert.Equal(booking.Delegates[1].Id, updated.Delegates[1].Id);
        Assert.Equal("Deputy head", updated.Delegates[1].Role);
        Assert.DoesNotContain(updated.Delegates[0].Id, booking.Delegates.Select(d => d.Id));
        Assert.StartsWith("d-", updated.Delegates[0].Id);
    }

    [Fact]
    public async Task A_substitution_names_one_delegate_per_place_in_the_delegates_mask_with_the_etag_last_read()
    {
        var session = await NewSessionAsync(stack, capacity: 3);
        var client = Bookings;
        var booking = await client.CreateBookingAsync(Create(session, Booking(places: 2)));

        var tooFew = await Refused(Substitute(booking, "Only One"));
        var badEmail = Substitute(booking, "Ada Substitute", "Grace Substitute");
        badEmail.Booking.Delegates[1].Email = "grace secret";
        var badField = await Refused(badEmail);
        var places = Substitute(booking, "Ada Substitute", "Grace Substitute");
        places.UpdateMask.Paths.Add("places");
        var otherPath = await Refused(places);
        var noMask = Substitute(booking, "Ada Substitute", "Grace Substitute");
        noMask.UpdateMask = null;
        var missingMask = await Refused(noMask);
        var staleRequest = Substitute(booking, "Ada Substitute", "Grace Substitute");
        staleRequest.Booking.Etag = "W/\"1\"";
        var stale = await Refused(staleRequest);
        var otherSchool = await Assert.ThrowsAsync<RpcException>(() => client.UpdateBookingAsync(Substitute(booking, "Ada Substitute", "Grace Substitute"),
            Partners.ActingForSchools("Pathfinder Secondary", "990007")).ResponseAsync);

        Assert.Equal(["booking.delegates"], RpcErrors.ViolatedFields(tooFew));
        Assert.Equal(["booking.delegates[1].email"], RpcErrors.ViolatedFields(badField));
        Assert.DoesNotContain("secret", badField.ToString());
        Assert.DoesNotContain("Grace", badField.ToString());
        Assert.Equal(["update_mask"], RpcErrors.ViolatedFields(otherPath));
        Assert.Equal(["update_mask"], RpcErrors.ViolatedFields(missingMask));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherSchool.StatusCode);
        Assert.Equal(booking, await Get(booking));

        var bySchool = await client.UpdateBookingAsync(Substitute(booking, "Ada Substitute", "Grace Substitute"), Partners.ActingForSchools("Minster View", "990001"));
        Assert.Equal("Grace Substitute", bySchool.Delegates[1].Name);
        var cancelled = await client.CancelBookingAsync(new CancelBookingRequest { Name = booking.Name });
        var afterCancel = await Refused(Substitute(cancelled, "Late Substitute", "Later Substitute"));
        Assert.Equal(StatusCode.FailedPrecondition, afterCancel.StatusCode);
        Assert.Contains("cancelled", afterCancel.Status.Detail);
    }

    private Task<Booking> Get(Booking booking) => Bookings.GetBookingAsync(new GetBookingRequest { Name = booking.Name }).ResponseAsync;

    private Task<RpcException> Refused(UpdateBookingRequest request) => Assert.ThrowsAsync<RpcException>(() => Bookings.UpdateBookingAsync(request).ResponseAsync);

    /// <summary>An update to delegates named <paramref name="names"/>, one per place as far as they go.</summary>
    private static UpdateBookingRequest Substitute(Booking booking, params string[] names)
    {
        var changed = new Booking { Name = booking.Name, Etag = booking.Etag };
        foreach (var name in names.Take(booking.Places))
            changed.Delegates.Add(new Delegate { Name = name, Role = "Year 4 teacher", Email = $"{name.Split(' ')[0].ToLowerInvariant()}@example.org" });
        return new UpdateBookingRequest { Booking = changed, UpdateMask = new FieldMask { Paths = { "delegates" } } };
    }
}
