using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using static Sia.Cpd.Tests.Catalogue;

namespace Sia.Cpd.Tests;

/// <summary>Sessions to book, in the future of real time, and valid booking requests for the demo data's York schools.</summary>
internal static class BookingSetup
{
    /// <summary>Minster View Primary (LA 816, ebor), Pathfinder Secondary (LA 816, pathfinder), Stourbridge Old Primary (LA 332, closed).</summary>
    public const string MinsterView = "schools/990001", PathfinderSecondary = "schools/990007", ClosedStourbridge = "schools/990306";

    /// <summary>The fund of the sessions made with funded places.</summary>
    public const string Fund = "localAuthorities/816/funds/school-improvement-commissioning-2015-16";

    /// <summary>
    /// A new open session of a new Pathfinder course, <paramref name="daysAhead"/> days from the service's now, booking
    /// closing a week before; its minimum numbers 8, or the capacity if lower, unless given; <paramref name="fundedPlaces"/>
    /// of its places paid by <see cref="Fund"/>.
    /// </summary>
    public static Task<Session> NewSessionAsync(CpdStack stack, int capacity, int daysAhead = 120, int? minimumNumbers = null, int fundedPlaces = 0) =>
        NewSessionOnAsync(stack.CreateChannel(), stack.Clock.GetUtcNow().UtcDateTime.Date.AddDays(daysAhead), capacity, Pathfinder, minimumNumbers, fundedPlaces);

    /// <summary>As <see cref="NewSessionAsync(CpdStack, int, int, int?)"/>, through <paramref name="channel"/> to a CPD service on real time.</summary>
    public static Task<Session> NewSessionAsync(GrpcChannel channel, int capacity, int daysAhead = 120) =>
        NewSessionOnAsync(channel, DateTime.UtcNow.Date.AddDays(daysAhead), capacity, Pathfinder, minimumNumbers: null, fundedPlaces: 0);

    /// <summary>A new open session, on <paramref name="day"/> (UTC, from 09:00 to 15:30), of a new course of the alliance's programme for that year.</summary>
    public static Task<Session> NewSessionOnAsync(CpdStack stack, DateTime day, int capacity, string alliance = Pathfinder) =>
        NewSessionOnAsync(stack.CreateChannel(), day, capacity, alliance, minimumNumbers: null, fundedPlaces: 0);

    /// <summary>
    /// A new open session of a new Pathfinder course from <paramref name="start"/> (UTC) for six hours, taking bookings
    /// until it starts; <paramref name="fundedPlaces"/> of its places paid by <see cref="Fund"/>.
    /// </summary>
    public static Task<Session> NewSessionStartingAsync(CpdStack stack, DateTime start, int capacity, int fundedPlaces = 0)
    {
        var session = Session(start.Date, capacity);
        session.StartTime = session.BookingDeadline = Timestamp.FromDateTime(start);
        session.EndTime = Timestamp.FromDateTime(start.AddHours(6));
        session.MinimumNumbers = Math.Min(session.MinimumNumbers, capacity);
        return CreateSessionAsync(stack.CreateChannel(), session, Pathfinder, fundedPlaces);
    }

    private static Task<Session> NewSessionOnAsync(GrpcChannel channel, DateTime day, int capacity, string alliance, int? minimumNumbers, int fundedPlaces)
    {
        var session = Session(day, capacity);
        session.MinimumNumbers = minimumNumbers ?? Math.Min(session.MinimumNumbers, capacity);
        return CreateSessionAsync(channel, session, alliance, fundedPlaces);
    }

    private static async Task<Session> CreateSessionAsync(GrpcChannel channel, Session session, string alliance, int fundedPlaces)
    {
        var year = AcademicYear.Id(AcademicYear.Of(DateOnly.FromDateTime(session.StartTime.ToDateTime())));
        var programme = await EnsureProgrammeAsync(new ProgrammeService.ProgrammeServiceClient(channel), year, YearRequestId(alliance, year), alliance);
        var course = await new CourseService.CourseServiceClient(channel).CreateCourseAsync(
            new CreateCourseRequest { Parent = programme.Name, CourseId = $"c-{Guid.NewGuid():N}"[..20], Course = Course() });
        session.FundedPlaces = fundedPlaces > 0 ? new Session.Types.FundedPlaces { Fund = Fund, Places = fundedPlaces } : null;
        return await new SessionService.SessionServiceClient(channel).CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = session });
    }

    public static Booking Booking(string school = MinsterView, int places = 1, bool withSla = true, int fundedPlaces = 0)
    {
        var booking = new Booking { School = school, Places = places, WithSla = withSla, FundedPlaces = fundedPlaces };
        for (var i = 0; i < places; i++)
            booking.Delegates.Add(new Booking.Types.Delegate { Name = $"Delegate {i + 1}", Role = "Year 2 teacher", Email = $"delegate{i + 1}@example.org" });
        return booking;
    }

    public static CreateBookingRequest Create(Session session, Booking? booking = null, bool hold = false, string requestId = "") =>
        new() { Parent = session.Name, Booking = booking ?? Booking(), Hold = hold, RequestId = requestId };

    /// <summary>All of a session's bookings, page by page.</summary>
    public static async Task<List<Booking>> ListAllAsync(this BookingService.BookingServiceClient client, string session)
    {
        var all = new List<Booking>();
        var request = new ListBookingsRequest { Parent = session, PageSize = 100 };
        do
        {
            var page = await client.ListBookingsAsync(request);
            all.AddRange(page.Bookings);
            request.PageToken = page.NextPageToken;
        } while (request.PageToken.Length > 0);
        return all;
    }

    public static Timestamp Past(TimeSpan ago) => Timestamp.FromDateTime(DateTime.UtcNow - ago);

    private static string YearRequestId(string alliance, string year) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"booking-tests-programme-{alliance}-{year}"))).ToString();
}
