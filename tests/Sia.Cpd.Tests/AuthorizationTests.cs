using Grpc.Core;
using Grpc.Net.Client;
using Sia.Contracts;
using Sia.Cpd.V1;
using Sia.Testing.Postgres;
using static Sia.Cpd.Tests.BookingSetup;
using static Sia.Cpd.Tests.Registers;

namespace Sia.Cpd.Tests;

/// <summary>
/// Every RPC of sia.cpd.v1, each aimed at Pathfinder's sessions and Minster View's bookings (<see cref="AuthorizationData"/>):
/// a partner acting only for Dudley (LA 332) is refused what is the provider's or the school's, in words that name
/// whom it does not act for, and writes nothing; it reads the public catalogue, and its lists of bookings and
/// evaluations hold none of Minster View's. Pathfinder's partner (for the provider's calls) and York's (for the
/// school's) are not refused.
/// </summary>
public sealed class AuthorizationTests(AuthorizationData data) : IClassFixture<AuthorizationData>
{
    public static TheoryData<string> Rpcs => [.. AuthorizationData.Requests.Select(r => r.Method)];

    [Fact]
    public void The_requests_cover_exactly_the_RPCs_of_sia_cpd_v1()
    {
        var rpcs = ApiDescriptors.InPackage("sia.cpd.v1").SelectMany(s => s.Methods).Select(m => $"{m.Service.Name}.{m.Name}").Order(StringComparer.Ordinal);

        Assert.Equal(rpcs, AuthorizationData.Requests.Select(r => r.Method).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task A_partner_acting_only_for_Dudley_gets_only_what_is_public_and_writes_nothing(string rpc)
    {
        var request = AuthorizationData.Requests.Single(r => r.Method == rpc);
        var before = await DatabaseSnapshot.TakeAsync(data.Stack.Database);

        var (code, detail, seen) = await request.SendAsync(data, data.Dudley);

        var after = await DatabaseSnapshot.TakeAsync(data.Stack.Database);
        var written = before.Keys.Where(table => before[table] != after.GetValueOrDefault(table)).ToList();
        Assert.True(written.Count == 0, $"Dudley's call changed {string.Join(", ", written)}.");
        switch (request.ForOutsiders)
        {
            case Access.Denied:
                Assert.Equal(StatusCode.PermissionDenied, code);
                Assert.Contains("'Dudley LA'", detail);
                break;
            case Access.Public:
                Assert.Equal(StatusCode.OK, code);
                break;
            case Access.NoneOfTheirs:
                Assert.Equal((StatusCode.OK, 0), (code, seen));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task The_providers_or_the_schools_partner_is_not_refused(string rpc)
    {
        var request = AuthorizationData.Requests.Single(r => r.Method == rpc);

        var (code, detail, seen) = await request.SendAsync(data, request.Owner == Owner.Provider ? data.Pathfinder : data.York);

        Assert.False(code == StatusCode.PermissionDenied, $"{rpc}: {detail}");
        if (request.ForOutsiders == Access.NoneOfTheirs) Assert.True(seen > 0, $"{rpc}: the owner's partner saw nothing.");
    }
}

public enum Access { Denied, Public, NoneOfTheirs }

public enum Owner { Provider, School }

/// <summary>
/// A call for one RPC: whose it is (the provider alliance's or the booking school's), what an outsider gets, and how to
/// make it; the call answers how many of Minster View's items it saw (for lists and summaries), or 0.
/// </summary>
public sealed record AuthorizedRequest(string Method, Owner Owner, Access ForOutsiders, Func<AuthorizationData, Metadata, Task<int>> Call)
{
    public async Task<(StatusCode Code, string Detail, int Seen)> SendAsync(AuthorizationData data, Metadata headers)
    {
        try
        {
            return (StatusCode.OK, "", await Call(data, headers));
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.Status.Detail, 0);
        }
    }
}

/// <summary>
/// Pathfinder's data the requests aim at, on a stack of its own (no sweep, so nothing changes between the snapshots):
/// a session that has taken place with Minster View's attended booking (evaluated), and a future session with Minster
/// View's confirmed and held bookings. Partner headers are signed at the service's clock, moved on past the first session.
/// </summary>
public sealed class AuthorizationData(PostgresServer postgres) : IAsyncLifetime
{
    public UnsweptCpdStack Stack { get; } = new(postgres);
    public Session Past { get; private set; } = null!;
    public Booking Attended { get; private set; } = null!;
    public Session Future { get; private set; } = null!;
    public Booking Confirmed { get; private set; } = null!;
    public Booking Held { get; private set; } = null!;

    public Metadata Dudley => Partners.ActingForLocalAuthorities(Stack.Clock, "Dudley LA", "332");
    public Metadata York => Partners.ActingForLocalAuthorities(Stack.Clock, "City of York LA", "816");
    public Metadata Pathfinder => Partners.ActingForAlliances(Stack.Clock, "Pathfinder TSA", "pathfinder");

    public GrpcChannel Channel => Stack.CreateChannel();

    public async ValueTask InitializeAsync()
    {
        await Stack.InitializeAsync();
        var bookings = new BookingService.BookingServiceClient(Channel);
        Past = await NewSessionStartingAsync(Stack, Stack.Clock.GetUtcNow().UtcDateTime.AddHours(1), capacity: 5);
        var booked = await bookings.CreateBookingAsync(Create(Past));
        Stack.Clock.Advance(TimeSpan.FromHours(2));
        Attended = await bookings.RecordAttendanceAsync(Register(booked, true));
        await new EvaluationService.EvaluationServiceClient(Channel).CreateEvaluationAsync(new CreateEvaluationRequest
        {
            Parent = Attended.Name,
            EvaluationId = Attended.Delegates[0].Id,
            Evaluation = new Evaluation { Rating = 5, Comments = "Practical and well paced." },
        });
        Future = await NewSessionAsync(Stack, capacity: 5);
        Confirmed = await bookings.CreateBookingAsync(Create(Future));
        Held = await bookings.CreateBookingAsync(Create(Future, hold: true));
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();

    private static string CourseOf(Session session) => session.Name[..session.Name.IndexOf("/sessions/", StringComparison.Ordinal)];

    private static string ProgrammeOf(Session session) => session.Name[..session.Name.IndexOf("/courses/", StringComparison.Ordinal)];

    private static string TermOf(Session session)
    {
        var day = DateOnly.FromDateTime(session.StartTime.ToDateTime());
        var term = day.Month >= 9 ? "autumn" : day.Month <= 3 ? "spring" : "summer";
        return $"{MinsterView}/termCharges/{ServiceKit.Domain.AcademicYear.Id(ServiceKit.Domain.AcademicYear.Of(day))}-{term}";
    }

    private static ProgrammeService.ProgrammeServiceClient Programmes(AuthorizationData d) => new(d.Channel);
    private static CourseService.CourseServiceClient Courses(AuthorizationData d) => new(d.Channel);
    private static SessionService.SessionServiceClient Sessions(AuthorizationData d) => new(d.Channel);
    private static BookingService.BookingServiceClient Bookings(AuthorizationData d) => new(d.Channel);
    private static EvaluationService.EvaluationServiceClient Evaluations(AuthorizationData d) => new(d.Channel);
    private static CertificateService.CertificateServiceClient Certificates(AuthorizationData d) => new(d.Channel);

    private static async Task<int> None(Task call)
    {
        await call;
        return 0;
    }

    public static IReadOnlyList<AuthorizedRequest> Requests { get; } =
    [
        new("ProgrammeService.GetProgramme", Owner.Provider, Access.Public, (d, h) =>
            None(Programmes(d).GetProgrammeAsync(new GetProgrammeRequest { Name = ProgrammeOf(d.Future) }, h).ResponseAsync)),
        new("ProgrammeService.ListProgrammes", Owner.Provider, Access.Public, (d, h) =>
            None(Programmes(d).ListProgrammesAsync(new ListProgrammesRequest { Parent = "alliances/pathfinder" }, h).ResponseAsync)),
        new("ProgrammeService.CreateProgramme", Owner.Provider, Access.Denied, (d, h) =>
            None(Programmes(d).CreateProgrammeAsync(new CreateProgrammeRequest { Parent = "alliances/pathfinder", ProgrammeId = "2040-41", Programme = Catalogue.Programme() }, h).ResponseAsync)),
        new("ProgrammeService.UpdateProgramme", Owner.Provider, Access.Denied, (d, h) =>
            None(Programmes(d).UpdateProgrammeAsync(new UpdateProgrammeRequest { Programme = new Programme { Name = ProgrammeOf(d.Future), DisplayName = "Renamed" }, UpdateMask = new() { Paths = { "display_name" } } }, h).ResponseAsync)),
        new("CourseService.GetCourse", Owner.Provider, Access.Public, (d, h) =>
            None(Courses(d).GetCourseAsync(new GetCourseRequest { Name = CourseOf(d.Future) }, h).ResponseAsync)),
        new("CourseService.ListCourses", Owner.Provider, Access.Public, (d, h) =>
            None(Courses(d).ListCoursesAsync(new ListCoursesRequest { Parent = ProgrammeOf(d.Future) }, h).ResponseAsync)),
        new("CourseService.CreateCourse", Owner.Provider, Access.Denied, (d, h) =>
            None(Courses(d).CreateCourseAsync(new CreateCourseRequest { Parent = ProgrammeOf(d.Future), CourseId = "authz-course", Course = Catalogue.Course() }, h).ResponseAsync)),
        new("CourseService.UpdateCourse", Owner.Provider, Access.Denied, (d, h) =>
            None(Courses(d).UpdateCourseAsync(new UpdateCourseRequest { Course = new Course { Name = CourseOf(d.Future), Title = "Renamed" }, UpdateMask = new() { Paths = { "title" } } }, h).ResponseAsync)),
        new("SessionService.GetSession", Owner.Provider, Access.Public, (d, h) =>
            None(Sessions(d).GetSessionAsync(new GetSessionRequest { Name = d.Future.Name }, h).ResponseAsync)),
        new("SessionService.ListSessions", Owner.Provider, Access.Public, (d, h) =>
            None(Sessions(d).ListSessionsAsync(new ListSessionsRequest { Parent = CourseOf(d.Future) }, h).ResponseAsync)),
        new("SessionService.CreateSession", Owner.Provider, Access.Denied, (d, h) =>
            None(Sessions(d).CreateSessionAsync(new CreateSessionRequest { Parent = CourseOf(d.Future), Session = Catalogue.Session(d.Future.StartTime.ToDateTime().Date, capacity: 9) }, h).ResponseAsync)),
        new("SessionService.UpdateSession", Owner.Provider, Access.Denied, (d, h) =>
            None(Sessions(d).UpdateSessionAsync(new UpdateSessionRequest { Session = new Session { Name = d.Future.Name, Capacity = 6 }, UpdateMask = new() { Paths = { "capacity" } } }, h).ResponseAsync)),
        new("SessionService.CancelSession", Owner.Provider, Access.Denied, (d, h) =>
            None(Sessions(d).CancelSessionAsync(new CancelSessionRequest { Name = d.Past.Name, Reason = "The trainer is ill." }, h).ResponseAsync)),
        new("BookingService.GetBooking", Owner.School, Access.Denied, (d, h) =>
            None(Bookings(d).GetBookingAsync(new GetBookingRequest { Name = d.Confirmed.Name }, h).ResponseAsync)),
        new("BookingService.ListBookings", Owner.School, Access.NoneOfTheirs, async (d, h) =>
            (await Bookings(d).ListBookingsAsync(new ListBookingsRequest { Parent = d.Future.Name }, h)).Bookings.Count),
        new("BookingService.CreateBooking", Owner.School, Access.Denied, (d, h) =>
            None(Bookings(d).CreateBookingAsync(Create(d.Future), h).ResponseAsync)),
        new("BookingService.UpdateBooking", Owner.School, Access.Denied, (d, h) =>
            None(Bookings(d).UpdateBookingAsync(new UpdateBookingRequest { Booking = new Booking { Name = d.Confirmed.Name, Delegates = { Booking().Delegates } }, UpdateMask = new() { Paths = { "delegates" } } }, h).ResponseAsync)),
        new("BookingService.ConfirmBooking", Owner.School, Access.Denied, (d, h) =>
            None(Bookings(d).ConfirmBookingAsync(new ConfirmBookingRequest { Name = d.Held.Name }, h).ResponseAsync)),
        new("BookingService.CancelBooking", Owner.School, Access.Denied, (d, h) =>
            None(Bookings(d).CancelBookingAsync(new CancelBookingRequest { Name = d.Confirmed.Name }, h).ResponseAsync)),
        new("BookingService.WatchBookings", Owner.Provider, Access.Denied, async (d, h) =>
        {
            using var call = Bookings(d).WatchBookings(new WatchBookingsRequest { Parent = "alliances/pathfinder" }, h, DateTime.UtcNow.AddSeconds(30));
            await call.ResponseStream.MoveNext();
            return 0;
        }),
        new("BookingService.RecordAttendance", Owner.Provider, Access.Denied, (d, h) =>
            None(Bookings(d).RecordAttendanceAsync(Register(d.Attended, true), h).ResponseAsync)),
        new("EvaluationService.CreateEvaluation", Owner.School, Access.Denied, (d, h) =>
            None(Evaluations(d).CreateEvaluationAsync(new CreateEvaluationRequest { Parent = d.Attended.Name, EvaluationId = d.Attended.Delegates[0].Id, Evaluation = new Evaluation { Rating = 1 } }, h).ResponseAsync)),
        new("EvaluationService.ListEvaluations", Owner.School, Access.NoneOfTheirs, async (d, h) =>
            (await Evaluations(d).ListEvaluationsAsync(new ListEvaluationsRequest { Parent = d.Past.Name }, h)).Evaluations.Count),
        new("EvaluationService.SummarizeEvaluations", Owner.School, Access.NoneOfTheirs, async (d, h) =>
            (await Evaluations(d).SummarizeEvaluationsAsync(new SummarizeEvaluationsRequest { Parent = d.Past.Name }, h)).EvaluationCount),
        new("CertificateService.GetCertificate", Owner.School, Access.Denied, (d, h) =>
            None(Certificates(d).GetCertificateAsync(new GetCertificateRequest { Name = $"{d.Attended.Name}/certificates/{d.Attended.Delegates[0].Id}" }, h).ResponseAsync)),
        new("CertificateService.GetCertificateKey", Owner.School, Access.Public, (d, h) =>
            None(Certificates(d).GetCertificateKeyAsync(new GetCertificateKeyRequest(), h).ResponseAsync)),
        new("CertificateService.VerifyCertificate", Owner.School, Access.Public, (d, h) =>
            None(Certificates(d).VerifyCertificateAsync(new VerifyCertificateRequest { Content = new CertificateContent(), Signature = Google.Protobuf.ByteString.CopyFrom(new byte[64]) }, h).ResponseAsync)),
        new("ChargeService.GetTermCharges", Owner.School, Access.Denied, (d, h) =>
            None(new ChargeService.ChargeServiceClient(d.Channel).GetTermChargesAsync(new GetTermChargesRequest { Name = TermOf(d.Future) }, h).ResponseAsync)),
    ];
}
