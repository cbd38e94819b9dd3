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

    /// <summary>A new open session of a new Pathfinder course, <paramref name="daysAhead"/> days from the service's now, booking closing a week before.</summary>
    public static Task<Session> NewSessionAsync(CpdStack stack, int capacity, int daysAhead = 120) =>
        NewSessionOnAsync(stack, stack.Clock.GetUtcNow().UtcDateTime.Date.AddDays(daysAhead), capacity);

    /// <summary>A new open session, on <paramref name="day"/> (UTC, from 09:00 to 15:30), of a new course of the alliance's programme for that year.</summary>
    public static async Task<Session> NewSessionOnAsync(CpdStack stack, DateTime day, int capacity, string alliance = Pathfinder)
    {
        var year = AcademicYear.Id(AcademicYear.Of(DateOnly.FromDateTime(day)));
        var channel = stack.CreateChannel();
        var programme = await EnsureProgrammeAsync(new ProgrammeService.ProgrammeServiceClient(channel), year, YearRequestId(alliance, year), alliance);
        var course = await new CourseService.CourseServiceClient(channel).CreateCourseAsync(
            new CreateCourseRequest { Parent = programme.Name, CourseId = $"c-{Guid.NewGuid():N}"[..20], Course = Course() });
        var session = Session(day, capacity);
        session.MinimumNumbers = Math.Min(session.MinimumNumbers, capacity);
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

    public static Timestamp Past(TimeSpan ago) => Timestamp.FromDateTime(DateTime.UtcNow - ago);

    private static string YearRequestId(string alliance, string year) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"booking-tests-programme-{alliance}-{year}"))).ToString();
}
