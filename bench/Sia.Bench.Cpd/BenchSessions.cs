using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Cpd.V1;

namespace Sia.Bench.Cpd;

/// <summary>Open sessions to book: a new course in Pathfinder's programme for next academic year, its sessions on school days of the autumn.</summary>
internal static class BenchSessions
{
    public const string School = "schools/990001"; // Minster View Primary, York (LA 816), in the registry's demo data

    public static async Task<int> CreateAsync(CpdClients cpd, int count, int capacity, string file)
    {
        var names = await CreateAsync(cpd, count, capacity);
        await File.WriteAllLinesAsync(file, names);
        return 0;
    }

    public static async Task<IReadOnlyList<string>> CreateAsync(CpdClients cpd, int count, int capacity)
    {
        var startYear = DateTime.UtcNow.Month >= 9 ? DateTime.UtcNow.Year + 1 : DateTime.UtcNow.Year;
        var year = $"{startYear}-{(startYear + 1) % 100:00}";
        var programme = await ProgrammeAsync(cpd, year);
        var course = await cpd.Courses.CreateCourseAsync(new CreateCourseRequest
        {
            Parent = programme,
            CourseId = $"bench-{Guid.NewGuid():N}"[..24],
            Course = new Course { Title = "Assessment without levels (bench)", Audiences = { Course.Types.Audience.Teachers }, Phases = { Course.Types.Phase.Primary }, Subject = "Assessment" },
        }, cpd.Headers);
        var names = new List<string>();
        var first = new DateTime(startYear, 10, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var day = first.AddDays(i % 60);
            var session = await cpd.Sessions.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = course.Name,
                SessionId = $"s{i}",
                Session = new Session
                {
                    StartTime = Timestamp.FromDateTime(day),
                    EndTime = Timestamp.FromDateTime(day.AddHours(6)),
                    Venue = "Priory Street Centre, York YO1 6ET",
                    Capacity = capacity,
                    MinimumNumbers = 1,
                    BookingDeadline = Timestamp.FromDateTime(day.AddDays(-7)),
                    PriceWithSlaPence = 12_000,
                    PriceWithoutSlaPence = 15_000,
                },
            }, cpd.Headers);
            names.Add(session.Name);
        }
        return names;
    }

    /// <summary>Pathfinder's programme for the year, made by the first call and found by the next.</summary>
    private static async Task<string> ProgrammeAsync(CpdClients cpd, string year)
    {
        try
        {
            return (await cpd.Programmes.CreateProgrammeAsync(new CreateProgrammeRequest
            {
                Parent = "alliances/pathfinder",
                ProgrammeId = year,
                Programme = new Programme { DisplayName = "Pathfinder TSA CPD programme (bench)", CancellationPolicy = new() { FreeUntilWorkingDays = 5, LateCancellationFeePence = 5000 } },
            }, cpd.Headers)).Name;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            return $"alliances/pathfinder/programmes/{year}";
        }
    }

    public static CreateBookingRequest Booking(string session) => new()
    {
        Parent = session,
        Booking = new Booking
        {
            School = School,
            Places = 1,
            WithSla = true,
            Delegates = { new Booking.Types.Delegate { Name = "Bench Delegate", Role = "Year 2 teacher", Email = "bench@example.org" } },
        },
        RequestId = Guid.NewGuid().ToString(),
    };
}
