using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Cpd.V1;
using Sia.Testing;

namespace Sia.Stack.Tests;

/// <summary>
/// The CPD service behind the gateway, with the demo keys: Pathfinder's key manages its programme and watches its
/// bookings; Minster View's key reads the catalogue and books for Minster View only, and its scopes let it change no
/// course; a new programme is one trace from the gateway through the CPD service to the registry (a booking's look at
/// the registry is cached, so a trace of one reaches the registry only when the school was not asked about lately).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CpdThroughGatewayTests(StackFixture stack)
{
    private const string WritingAutumn = "alliances/pathfinder/programmes/2015-16/courses/writing-ks1-ks2/sessions/autumn-1";
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private BookingService.BookingServiceClient Bookings => new(stack.Gateway);

    [Fact]
    public async Task Pathfinders_key_sees_its_demo_sessions_waiting_list_and_watches_its_bookings()
    {
        var pathfinder = StackFixture.Bearer(StackFixture.PathfinderKey);
        ListBookingsResponse? writing = null;
        await Until.TrueAsync(async () =>
        {
            try
            {
                writing = await Bookings.ListBookingsAsync(new ListBookingsRequest { Parent = WritingAutumn }, pathfinder, Deadline, Cancellation);
                return writing.Bookings.Count == 7;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false; // the demo is still loading
            }
        }, "the demo's KS1/KS2 writing session");
        using var watch = Bookings.WatchBookings(new WatchBookingsRequest { Parent = "alliances/pathfinder" }, pathfinder, Deadline, Cancellation);
        var first = await watch.ResponseStream.MoveNext(Cancellation) ? watch.ResponseStream.Current : null;

        Assert.Equal([1, 2], writing!.Bookings.Where(b => b.State == Booking.Types.State.WaitingListed).Select(b => b.WaitingPosition));
        Assert.NotNull(first);
        Assert.StartsWith("alliances/pathfinder/", first.Booking.Name);
    }

    [Fact]
    public async Task Minster_Views_key_books_for_Minster_View_only_and_changes_no_course()
    {
        var session = await NewSessionAsync(StackFixture.Bearer(StackFixture.PathfinderKey));
        var minsterView = StackFixture.Bearer(StackFixture.MinsterViewKey);

        var booked = await Bookings.CreateBookingAsync(Request(session.Name, "schools/990001"), minsterView, Deadline, Cancellation);
        var forAnother = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bookings.CreateBookingAsync(Request(session.Name, "schools/990004"), minsterView, Deadline, Cancellation));
        var course = await Assert.ThrowsAsync<RpcException>(async () => await new CourseService.CourseServiceClient(stack.Gateway).UpdateCourseAsync(
            new UpdateCourseRequest { Course = new Course { Name = session.Name[..session.Name.IndexOf("/sessions/", StringComparison.Ordinal)], Title = "Renamed" }, UpdateMask = new() { Paths = { "title" } } },
            minsterView, Deadline, Cancellation));

        Assert.Equal(Booking.Types.State.Confirmed, booked.State);
        Assert.Equal("Minster View Primary", booked.BookedBy);
        Assert.Equal(StatusCode.PermissionDenied, forAnother.StatusCode);
        Assert.Contains("does not act for schools/990004", forAnother.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, course.StatusCode);
        Assert.Contains("CourseService/UpdateCourse", course.Status.Detail);
    }

    [Fact]
    public async Task A_programme_created_through_the_gateway_is_one_trace_through_the_cpd_service_to_the_registry()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var traced = new Metadata { { "authorization", $"Bearer {StackFixture.PathfinderKey}" }, { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } };
        var year = 2050 + Random.Shared.Next(50);

        await new ProgrammeService.ProgrammeServiceClient(stack.Gateway).CreateProgrammeAsync(new CreateProgrammeRequest
        {
            Parent = "alliances/pathfinder",
            ProgrammeId = $"{year}-{(year + 1) % 100:00}",
            Programme = new Programme { DisplayName = "Pathfinder TSA CPD programme", CancellationPolicy = new() { FreeUntilWorkingDays = 5, LateCancellationFeePence = 5_000 } },
        }, traced, Deadline, Cancellation);

        var trace = await DashboardTelemetry.WaitForAsync(() => stack.Telemetry.TraceAsync(traceId, Cancellation),
            spans => spans.Any(s => s is { Service: "registry", Kind: ActivityKind.Server }) && spans.Any(s => s is { Service: "cpd", Scope: "Npgsql" }), TimeSpan.FromSeconds(30));
        var cpdServer = Assert.Single(trace, s => s is { Service: "cpd", Kind: ActivityKind.Server });
        var registryServer = Assert.Single(trace, s => s is { Service: "registry", Kind: ActivityKind.Server });
        Assert.Equal("/sia.cpd.v1.ProgrammeService/CreateProgramme", cpdServer.Attributes["url.path"]);
        Assert.Equal("/sia.registry.v1.AllianceService/GetAlliance", registryServer.Attributes["url.path"]);
        Assert.Contains(trace, s => s.Service == "gateway" && s.Kind == ActivityKind.Server);
    }

    /// <summary>A new session of a new course in Pathfinder's programme for next academic year, made with Pathfinder's key.</summary>
    private async Task<Session> NewSessionAsync(Metadata pathfinder)
    {
        var startYear = DateTime.UtcNow.Month >= 9 ? DateTime.UtcNow.Year + 1 : DateTime.UtcNow.Year;
        var programme = $"alliances/pathfinder/programmes/{startYear}-{(startYear + 1) % 100:00}";
        try
        {
            await new ProgrammeService.ProgrammeServiceClient(stack.Gateway).CreateProgrammeAsync(new CreateProgrammeRequest
            {
                Parent = "alliances/pathfinder",
                ProgrammeId = programme[(programme.LastIndexOf('/') + 1)..],
                Programme = new Programme { DisplayName = "Pathfinder TSA CPD programme", CancellationPolicy = new() { FreeUntilWorkingDays = 5, LateCancellationFeePence = 5_000 } },
            }, pathfinder, Deadline, Cancellation);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // Made by an earlier test of this stack.
        }
        var course = await new CourseService.CourseServiceClient(stack.Gateway).CreateCourseAsync(new CreateCourseRequest
        {
            Parent = programme,
            CourseId = $"stack-{Guid.NewGuid():N}"[..20],
            Course = new Course { Title = "Improving writing in KS1 and KS2", Audiences = { Course.Types.Audience.Teachers }, Phases = { Course.Types.Phase.Primary }, Subject = "English" },
        }, pathfinder, Deadline, Cancellation);
        var start = new DateTime(startYear, 10, 15, 8, 30, 0, DateTimeKind.Utc);
        return await new SessionService.SessionServiceClient(stack.Gateway).CreateSessionAsync(new CreateSessionRequest
        {
            Parent = course.Name,
            Session = new Session
            {
                StartTime = Timestamp.FromDateTime(start),
                EndTime = Timestamp.FromDateTime(start.AddHours(6)),
                Venue = "Priory Street Centre, York YO1 6ET",
                Capacity = 20,
                MinimumNumbers = 6,
                BookingDeadline = Timestamp.FromDateTime(start.AddDays(-7)),
                PriceWithSlaPence = 9_500,
                PriceWithoutSlaPence = 12_000,
            },
        }, pathfinder, Deadline, Cancellation);
    }

    private static CreateBookingRequest Request(string session, string school) => new()
    {
        Parent = session,
        Booking = new Booking
        {
            School = school,
            Places = 1,
            WithSla = true,
            Delegates = { new Booking.Types.Delegate { Name = "Stack Test Delegate", Role = "Year 2 teacher", Email = "delegate@example.org" } },
        },
        RequestId = Guid.NewGuid().ToString(),
    };
}
