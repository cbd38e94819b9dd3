using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using static Sia.Cpd.Tests.Catalogue;

namespace Sia.Cpd.Tests;

/// <summary>Sessions to book, in the future of real time, and valid booking requests for the demo data's York schools.</summary>
internal static class BookingSetup
{
    /// <summary>Minster View Primary (LA 816, ebor), Pathfinder Secondary (LA 816, pathfinder), Stourbridge Old Primary (LA 332, closed).</summary>
    public const string MinsterView = "schools/990001", PathfinderSecondary = "schools/990007", ClosedStourbridge = "schools/990306";

    /// <summary>A new open session of a new Pathfinder course, <paramref name="daysAhead"/> days from now, booking closing a week before.</summary>
    public static Task<Session> NewSessionAsync(CpdStack stack, int capacity, int daysAhead = 120) =>
        CreateSessionAsync(stack, Session(DateTime.UtcNow.Date.AddDays(daysAhead), capacity));

    /// <summary>A new open session of a new Pathfinder course from <paramref name="start"/> (UTC) for six hours, taking bookings until it starts.</summary>
    public static Task<Session> NewSessionStartingAsync(CpdStack stack, DateTime start, int capacity)
    {
        var session = Session(start.Date, capacity);
        session.StartTime = session.BookingDeadline = Timestamp.FromDateTime(start);
        session.EndTime = Timestamp.FromDateTime(start.AddHours(6));
        return CreateSessionAsync(stack, session);
    }

    private static async Task<Session> CreateSessionAsync(CpdStack stack, Session session)
    {
        var year = AcademicYear.Id(AcademicYear.Of(DateOnly.FromDateTime(session.StartTime.ToDateTime())));
        var channel = stack.CreateChannel();
        var programme = await EnsureProgrammeAsync(new ProgrammeService.ProgrammeServiceClient(channel), year, YearRequestId(year));
        var course = await new CourseService.CourseServiceClient(channel).CreateCourseAsync(
            new CreateCourseRequest { Parent = programme.Name, CourseId = $"c-{Guid.NewGuid():N}"[..20], Course = Course() });
        session.MinimumNumbers = Math.Min(session.MinimumNumbers, session.Capacity);
        session.FundedPlaces = null;
        return await new SessionService.SessionServiceClient(channel).CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = session });
    }

    public static Booking Booking(string school = MinsterView, int places = 1, bool withSla = true)
    {
        var booking = new Booking { School = school, Places = places, WithSla = withSla };
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

    private static string YearRequestId(string year) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"booking-tests-programme-{year}"))).ToString();
}
