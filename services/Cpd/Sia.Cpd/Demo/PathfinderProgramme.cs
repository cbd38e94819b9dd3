using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Domain.Courses;
using Sia.Cpd.Domain.Programmes;
using Sia.Cpd.Domain.Sessions;
using Delegate = Sia.Cpd.Domain.Bookings.Delegate;

namespace Sia.Cpd.Demo;

/// <summary>
/// Pathfinder TSA's city-wide CPD programme for York, 2015/16, as York's commissioning plan describes it (£226,680, needs
/// led, under York's priorities 4-6): its courses, their sessions at SLA prices, and some bookings by York's demo schools,
/// one session full with two schools waiting, three places paid by York's commissioning fund. The people are made up.
/// </summary>
internal static class PathfinderProgramme
{
    public static readonly ProgrammeName Name = new("pathfinder", 2015);

    /// <summary>When the demo's schools booked: the second Monday of the autumn term, 10:00 in York (BST).</summary>
    public static readonly DateTimeOffset BookedOn = new(2015, 9, 14, 9, 0, 0, TimeSpan.Zero);

    public static readonly ProgrammeContent Content = new("Pathfinder TSA city-wide CPD programme 2015/16",
        "Needs-led CPD for every York school, commissioned by City of York Council and planned with the York Learning Partnership.",
        new CancellationPolicy(FreeUntilWorkingDays: 5, LateCancellationFeePence: 5_000));

    private const string P1 = "localAuthorities/816/priorities/p1-good-or-better", P4 = "localAuthorities/816/priorities/p4-closing-the-gap",
        P5 = "localAuthorities/816/priorities/p5-quality-of-teaching", P6 = "localAuthorities/816/priorities/p6-leadership";
    private const string PrioryStreet = "Priory Street Centre, York YO1 6ET", PathfinderSecondary = "Pathfinder Secondary School, York YO23 1LL";

    public static readonly IReadOnlyList<(string Id, CourseContent Content)> Courses =
    [
        ("early-years", new("Securing excellent learning and progress in the early years",
            "Observation, assessment and planning in the EYFS, with visits to Clifton Nursery School.", [P5], [Audience.Teachers, Audience.TeachingAssistants], [Phase.EarlyYears], "Early years")),
        ("english-maths-science", new("Leading English, mathematics and science",
            "For subject leaders: the quality of teaching and leadership in the core subjects.", [P5, P6], [Audience.MiddleLeaders], [Phase.Primary, Phase.Secondary], "English, mathematics and science")),
        ("writing-ks1-ks2", new("Improving writing in KS1 and KS2",
            "Teaching sequences, modelling and moderation of writing across key stages 1 and 2.", [P4, P5], [Audience.Teachers], [Phase.Primary], "English")),
        ("assessment-without-levels", new("Assessing without levels and Progress 8",
            "Designing assessment after levels, and what Progress 8 asks of secondary colleagues.", [P5], [Audience.MiddleLeaders, Audience.SeniorLeaders], [Phase.Primary, Phase.Secondary], "Assessment")),
        ("nqt-rqt", new("NQT and RQT development programme",
            "Six twilight sessions for newly and recently qualified teachers, with in-school coaching.", [P6], [Audience.NqtRqt], [Phase.Primary, Phase.Secondary], "")),
        ("middle-leaders", new("Middle leadership development",
            "Leading a team, monitoring teaching and learning, and holding colleagues to account.", [P6], [Audience.MiddleLeaders], [Phase.Primary, Phase.Secondary], "Leadership")),
        ("governance", new("Governance: challenge and support",
            "What good governance looks like to Ofsted; reading your school's data.", [P1], [Audience.Governors], [Phase.Primary, Phase.Secondary, Phase.Special], "Governance")),
        ("pupil-premium", new("Pupil Premium: closing the gap",
            "Planning, costing and reviewing a Pupil Premium strategy, with a review of your own.", [P4], [Audience.SeniorLeaders, Audience.Headteachers], [Phase.Primary, Phase.Secondary], "Pupil Premium")),
    ];

    public static readonly IReadOnlyList<(string CourseId, string SessionId, SessionContent Content)> Sessions =
    [
        ("early-years", "autumn-1", Day(2015, 10, 8, PrioryStreet, capacity: 24, minimum: 8, 9_500, 12_000)),
        ("english-maths-science", "autumn-1", Day(2015, 11, 12, PathfinderSecondary, capacity: 30, minimum: 10, 9_500, 12_000)),
        ("writing-ks1-ks2", "autumn-1", Day(2015, 10, 15, PrioryStreet, capacity: 12, minimum: 6, 9_500, 12_000)),
        ("writing-ks1-ks2", "spring-1", Day(2016, 2, 4, PrioryStreet, capacity: 20, minimum: 6, 9_500, 12_000)),
        ("assessment-without-levels", "autumn-1", Day(2015, 11, 26, PathfinderSecondary, capacity: 40, minimum: 12, 9_500, 12_000,
            new FundedPlaces("localAuthorities/816/funds/school-improvement-commissioning-2015-16", 10))),
        ("nqt-rqt", "cohort-1", Day(2015, 10, 1, PathfinderSecondary, capacity: 25, minimum: 10, 30_000, 37_500)),
        ("middle-leaders", "spring-1", Day(2016, 1, 21, PrioryStreet, capacity: 20, minimum: 8, 15_000, 19_000)),
        ("governance", "online-1", Online(2016, 3, 9, capacity: 50, minimum: 5, 0, 4_500)),
        ("pupil-premium", "summer-1", Day(2016, 5, 12, PrioryStreet, capacity: 16, minimum: 6, 9_500, 12_000)),
    ];

    /// <summary>Bookings in the order made, each with its own request id, so that loading again makes none twice.</summary>
    public static readonly IReadOnlyList<(string CourseId, string SessionId, BookingContent Content, Guid RequestId)> Bookings =
    [
        Book("writing-ks1-ks2", "autumn-1", 990001, "minster-view", 3),
        Book("writing-ks1-ks2", "autumn-1", 990004, "acomb-green", 2),
        Book("writing-ks1-ks2", "autumn-1", 990005, "holgate-road", 2),
        Book("writing-ks1-ks2", "autumn-1", 990008, "tang-hall", 3),
        Book("writing-ks1-ks2", "autumn-1", 990010, "haxby-fields", 2),
        Book("writing-ks1-ks2", "autumn-1", 990006, "fulford-lane", 2),
        Book("writing-ks1-ks2", "autumn-1", 990001, "minster-view", 1, batch: 2),
        Book("early-years", "autumn-1", 990012, "clifton-nursery", 2),
        Book("early-years", "autumn-1", 990004, "acomb-green", 1),
        Book("assessment-without-levels", "autumn-1", 990003, "ouse-bank", 2, funded: 2),
        Book("assessment-without-levels", "autumn-1", 990007, "pathfinder-secondary", 3, funded: 1),
        Book("assessment-without-levels", "autumn-1", 990009, "heworth-croft", 2, withSla: false),
        Book("nqt-rqt", "cohort-1", 990003, "ouse-bank", 2),
        Book("nqt-rqt", "cohort-1", 990008, "tang-hall", 1),
        Book("governance", "online-1", 990005, "holgate-road", 1),
    ];

    private static SessionContent Day(int year, int month, int day, string venue, int capacity, int minimum, long withSla, long withoutSla, FundedPlaces? funded = null)
    {
        var start = new DateTime(year, month, day, 8, 30, 0, DateTimeKind.Utc);
        return new(start, start.AddHours(6.5), venue, Online: false, capacity, minimum, start.AddDays(-7), withSla, withoutSla, funded, SessionStatus.Open);
    }

    private static SessionContent Online(int year, int month, int day, int capacity, int minimum, long withSla, long withoutSla)
    {
        var start = new DateTime(year, month, day, 18, 0, 0, DateTimeKind.Utc);
        return new(start, start.AddHours(1.5), "", Online: true, capacity, minimum, start.AddDays(-2), withSla, withoutSla, null, SessionStatus.Open);
    }

    /// <summary>A school's booking of <paramref name="places"/> made-up delegates ("Demo Delegate N", at an example.org address of the school).</summary>
    private static (string, string, BookingContent, Guid) Book(string courseId, string sessionId, int urn, string school, int places, bool withSla = true,
        int batch = 1, int funded = 0)
    {
        var delegates = Enumerable.Range(1, places)
            .Select(i => new Delegate($"Demo Delegate {batch}-{i}", i == 1 ? "Subject leader" : "Class teacher", $"delegate{batch}-{i}@{school}.example.org")).ToList();
        var requestId = RequestId($"{courseId}/{sessionId}/{urn}/{batch}");
        return (courseId, sessionId, new BookingContent(urn, places, delegates, withSla, funded), requestId);
    }

    /// <summary>The request id of the demo's create of <paramref name="what"/>: the same on every load, so that a load makes nothing twice.</summary>
    public static Guid RequestId(string what) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"cpd-demo/{what}")));
}
