using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using static Sia.Cpd.Tests.Registers;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>Attendance registers: recorded by the provider once a session has started, for confirmed bookings, until they close.</summary>
public sealed class RegisterTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());

    [Fact]
    public async Task A_register_makes_a_confirmed_booking_attended_or_no_show_and_recording_again_replaces_it()
    {
        var session = await SoonSessionAsync(stack);
        var client = Bookings;
        var pair = await client.CreateBookingAsync(Create(session, Booking(places: 2)));
        var single = await client.CreateBookingAsync(Create(session));
        Assert.Equal(2, pair.Delegates.Select(d => d.Id).Distinct().Count());
        Assert.All(pair.Delegates, d => Assert.StartsWith("d-", d.Id));

        var early = await Assert.ThrowsAsync<RpcException>(() => client.RecordAttendanceAsync(Register(pair, true, false)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("once it has started", early.Status.Detail);

        PassSoonSession(stack);
        var attended = await client.RecordAttendanceAsync(Register(pair, true, false));
        Assert.Equal(State.Attended, attended.State);
        Assert.Equal([true, false], attended.Delegates.Select(d => d.Attended));
        Assert.Equal(pair.Delegates.Select(d => d.Id), attended.Delegates.Select(d => d.Id));
        Assert.NotNull(attended.AttendanceRecordTime);
        var noShow = await client.RecordAttendanceAsync(Register(single, false));
        Assert.Equal(State.NoShow, noShow.State);

        var stale = await Assert.ThrowsAsync<RpcException>(() => client.RecordAttendanceAsync(Register(pair, false, false)).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var replaced = await client.RecordAttendanceAsync(Register(attended, false, false));
        Assert.Equal(State.NoShow, replaced.State);
        Assert.Equal(replaced, await client.GetBookingAsync(new GetBookingRequest { Name = pair.Name }));

        // Registered places stay taken: the capacity goes no lower than them.
        var lowered = await Assert.ThrowsAsync<RpcException>(() => new SessionService.SessionServiceClient(stack.CreateChannel()).UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Capacity = 2, MinimumNumbers = 1 },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "capacity", "minimum_numbers" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, lowered.StatusCode);
        Assert.Contains("has 3 places", lowered.Status.Detail);
    }

    [Fact]
    public async Task Only_a_confirmed_booking_has_a_register_and_it_closes_two_weeks_after_the_session()
    {
        var session = await SoonSessionAsync(stack, capacity: 2);
        var client = Bookings;
        var confirmed = await client.CreateBookingAsync(Create(session));
        var held = await client.CreateBookingAsync(Create(session, hold: true));
        var waiting = await client.CreateBookingAsync(Create(session));
        Assert.Equal(State.WaitingListed, waiting.State);

        PassSoonSession(stack);
        // The hold lapsed, and its place went to the waiting booking as an offer never confirmed.
        foreach (var refused in new[] { held, waiting })
        {
            var register = Register(refused, true);
            register.Etag = "";
            var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordAttendanceAsync(register).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Contains("Only a CONFIRMED booking", error.Status.Detail);
        }
        var attended = await client.RecordAttendanceAsync(Register(confirmed, true));
        var cancel = await Assert.ThrowsAsync<RpcException>(() => client.CancelBookingAsync(new CancelBookingRequest { Name = confirmed.Name }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, cancel.StatusCode);
        Assert.Contains("ATTENDED", cancel.Status.Detail);

        stack.Clock.Advance(TimeSpan.FromDays(14));
        var closed = await Assert.ThrowsAsync<RpcException>(() => client.RecordAttendanceAsync(Register(attended, false)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, closed.StatusCode);
        Assert.Contains("register closed", closed.Status.Detail);
    }

    [Fact]
    public async Task A_register_names_every_delegate_once_and_only_the_provider_records_it()
    {
        var session = await SoonSessionAsync(stack);
        var client = Bookings;
        var booking = await client.CreateBookingAsync(Create(session, Booking(places: 2)));
        PassSoonSession(stack);

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.RecordAttendanceAsync(Register(booking, true)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Equal(["attendance"], RpcErrors.ViolatedFields(missing));
        var twice = Register(booking, true, true);
        twice.Attendance[1].DelegateId = booking.Delegates[0].Id;
        twice.Attendance.Add(new RecordAttendanceRequest.Types.AttendanceLine { DelegateId = "d-unknown0", Attended = true });
        var wrong = await Assert.ThrowsAsync<RpcException>(() => client.RecordAttendanceAsync(twice).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, wrong.StatusCode);
        Assert.Equal(["attendance", "attendance[1].delegate_id", "attendance[2].delegate_id"], RpcErrors.ViolatedFields(wrong).Order());

        var bySchool = await Assert.ThrowsAsync<RpcException>(() =>
            client.RecordAttendanceAsync(Register(booking, true, true), Partners.ActingForSchools(stack.Clock, "Minster View", "990001")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, bySchool.StatusCode);
        Assert.Equal(State.Confirmed, (await client.GetBookingAsync(new GetBookingRequest { Name = booking.Name })).State);
        var byProvider = await client.RecordAttendanceAsync(Register(booking, true, true), Partners.ActingForAlliances(stack.Clock, "Pathfinder TSA", "pathfinder"));
        Assert.Equal(State.Attended, byProvider.State);
    }
}
