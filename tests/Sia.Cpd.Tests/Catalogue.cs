using Google.Protobuf.WellKnownTypes;
using Sia.Cpd.V1;

namespace Sia.Cpd.Tests;

/// <summary>Pathfinder's 2015/16 programme, as the tests create it: valid requests to vary.</summary>
internal static class Catalogue
{
    public const string Pathfinder = "alliances/pathfinder", Ebor = "alliances/ebor";
    public const string YorkQualityOfTeaching = "localAuthorities/816/priorities/p5-quality-of-teaching";

    public static Programme Programme(string displayName = "Pathfinder TSA CPD programme 2015/16") => new()
    {
        DisplayName = displayName,
        Description = "City-wide CPD for York's schools, commissioned by the LA.",
        CancellationPolicy = new Programme.Types.CancellationPolicy { FreeUntilWorkingDays = 5, LateCancellationFeePence = 5000 },
    };

    public static Course Course(string title = "Assessment without levels") => new()
    {
        Title = title,
        Description = "Designing assessment after levels, with Progress 8 for secondary colleagues.",
        ImprovementPriorities = { YorkQualityOfTeaching },
        Audiences = { Cpd.V1.Course.Types.Audience.MiddleLeaders, Cpd.V1.Course.Types.Audience.SeniorLeaders },
        Phases = { Cpd.V1.Course.Types.Phase.Primary },
        Subject = "Assessment",
    };

    /// <summary>A day in York on <paramref name="day"/> (UTC), booking closing a week before.</summary>
    public static Session Session(DateTime day, int capacity = 30) => new()
    {
        StartTime = Timestamp.FromDateTime(day.AddHours(9)),
        EndTime = Timestamp.FromDateTime(day.AddHours(15.5)),
        Venue = "Priory Street Centre, York YO1 6ET",
        Capacity = capacity,
        MinimumNumbers = 8,
        BookingDeadline = Timestamp.FromDateTime(day.AddDays(-7)),
        PriceWithSlaPence = 12_000,
        PriceWithoutSlaPence = 15_000,
        FundedPlaces = new Session.Types.FundedPlaces { Fund = "localAuthorities/816/funds/school-improvement-commissioning-2015-16", Places = 4 },
    };

    public static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>An alliance's programme for a year (Pathfinder's by default), made once per stack: the fixed request id makes a repeat return it.</summary>
    public static async Task<Programme> EnsureProgrammeAsync(ProgrammeService.ProgrammeServiceClient client, string year, string requestId, string alliance = Pathfinder) =>
        await client.CreateProgrammeAsync(new CreateProgrammeRequest { Parent = alliance, ProgrammeId = year, Programme = Programme(), RequestId = requestId });
}
