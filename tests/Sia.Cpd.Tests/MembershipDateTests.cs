using Grpc.Core;
using Grpc.Net.Client;
using Sia.Cpd.V1;
using Sia.Registry.V1;
using static Sia.Cpd.Tests.BookingSetup;
using static Sia.Cpd.Tests.Catalogue;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>
/// An alliance books for a school that is its member on the session's date, whatever the membership is today: Ouse Bank
/// Academy (a Pathfinder school in the demo) joins Ebor next January, so Ebor books it onto a session after that and not
/// before.
/// </summary>
public sealed class MembershipDateTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private const string OuseBank = "schools/990003";

    [Fact]
    public async Task An_alliance_books_for_a_school_that_is_its_member_on_the_sessions_date_only()
    {
        var today = DateOnly.FromDateTime(stack.Clock.GetUtcNow().UtcDateTime);
        var joins = today.AddDays(60);
        using var registry = GrpcChannel.ForAddress(stack.Registry.Address);
        await new AllianceService.AllianceServiceClient(registry).CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
        {
            Parent = Ebor,
            AllianceMembership = new AllianceMembership { School = OuseBank, JoinDate = new Google.Type.Date { Year = joins.Year, Month = joins.Month, Day = joins.Day } },
        });
        var before = await NewSessionAsync(stack, capacity: 5, daysAhead: 30);
        var after = await NewSessionAsync(stack, capacity: 5, daysAhead: 90);
        var bookings = new BookingService.BookingServiceClient(stack.CreateChannel());
        var ebor = Partners.ActingForAlliances("Ebor TSA", "ebor");

        var refused = await Assert.ThrowsAsync<RpcException>(() => bookings.CreateBookingAsync(Create(before, Booking(OuseBank)), ebor).ResponseAsync);
        var booked = await bookings.CreateBookingAsync(Create(after, Booking(OuseBank)), ebor);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("members on the session's date", refused.Status.Detail);
        Assert.Equal(State.Confirmed, booked.State);
    }
}
