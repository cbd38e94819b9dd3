using Sia.Contracts.Ofsted;

namespace Sia.Registry.Demo;

/// <summary>
/// The demo registry, after the seeds: Dudley, Middlesbrough, Halton and York, York's six clusters, the
/// alliances the council reports name, and a few dozen schools across phases, types and grades. The alliances
/// and The Heath and Wade Deacon (Halton's teaching schools) are from the reports; every other school, every URN
/// (all 99xxxx, a range GIAS does not use) and every person is made up.
/// </summary>
internal static class DemoCatalog
{
    public static readonly (string Code, string Name)[] LocalAuthorities =
        [("332", "Dudley"), ("806", "Middlesbrough"), ("816", "York"), ("876", "Halton")];

    public static readonly (string Id, string Name)[] YorkClusters =
        [("north", "North"), ("south", "South"), ("east", "East"), ("west", "West"), ("city-centre", "City Centre"), ("villages", "Villages")];

    public static readonly DemoSchool[] Schools =
    [
        // York: two schools in each cluster but the villages. Earlier: what Ofsted had found by autumn 2015, when York's
        // commissioning plan was written (seven requiring improvement); Middlesbrough's by autumn 2014, its scrutiny's plan.
        new(990001, "816", 2001, "Minster View Primary School", Community, LaMaintained, Primary, 4, 11, 412, 11.2m, "city-centre", "YO1 7HH", Eif(2019, 11, 6, 2), Earlier: [Historic(2013, 5, 15, 3)]),
        new(990002, "816", 4001, "Ebor Lead Primary School", AcademyConverter, Academies, Primary, 3, 11, 628, 8.9m, "north", "YO32 9XX", Eif(2018, 3, 14, 1, Cif), Earlier: [Historic(2012, 11, 7, 1)]),
        new(990003, "816", 4002, "Ouse Bank Academy", AcademyConverter, Academies, Secondary, 11, 18, 1_540, 9.8m, "north", "YO31 9QQ", Eif(2023, 1, 25, 2), Earlier: [Historic(2014, 2, 12, 3)]),
        new(990004, "816", 2002, "Acomb Green Primary School", Community, LaMaintained, Primary, 4, 11, 305, 31.4m, "west", "YO24 3BZ", Eif(2023, 6, 21, 3), Earlier: [Historic(2014, 10, 1, 3)]),
        new(990005, "816", 2003, "Holgate Road Primary School", VoluntaryControlled, LaMaintained, Primary, 4, 11, 198, 24.0m, "west", "YO26 4XY", Eif(2022, 10, 12, 2), Earlier: [Historic(2013, 3, 6, 2)]),
        new(990006, "816", 2004, "Fulford Lane Primary School", VoluntaryAided, LaMaintained, Primary, 4, 11, 240, 5.1m, "south", "YO10 4PR", Card(2026, 3, 4, 3), Earlier: [Historic(2015, 3, 18, 3)]),
        new(990007, "816", 4003, "Pathfinder Secondary School", AcademyConverter, Academies, Secondary, 11, 18, 1_820, 7.4m, "south", "YO23 1LL", Eif(2017, 5, 10, 1, Cif), Earlier: [Historic(2012, 6, 20, 1)]),
        new(990008, "816", 2005, "Tang Hall Primary School", Community, LaMaintained, Primary, 3, 11, 355, 38.7m, "east", "YO31 0UT", Eif(2024, 2, 7, 3), Earlier: [Historic(2014, 6, 11, 3)]),
        new(990009, "816", 4004, "Heworth Croft Secondary School", Foundation, LaMaintained, Secondary, 11, 16, 903, 21.6m, "east", "YO31 1SE", Eif(2022, 3, 2, 3), Earlier: [Historic(2013, 11, 20, 3)]),
        new(990010, "816", 2006, "Haxby Fields Primary School", Community, LaMaintained, Primary, 4, 11, 420, 4.2m, "villages", "YO32 3RE", Eif(2021, 11, 17, 2), Earlier: [Historic(2011, 11, 16, 2)]),
        new(990011, "816", 7001, "Hob Moor Special School", CommunitySpecial, Special, NotApplicable, 2, 19, 140, 44.3m, "west", "YO24 4PS", Eif(2023, 9, 27, 2), Earlier: [Historic(2015, 1, 28, 3)]),
        new(990012, "816", 1001, "Clifton Nursery School", LaNursery, LaMaintained, Nursery, 2, 5, 96, 18.8m, "north", "YO30 6AA", Eif(2019, 6, 12, 1), Earlier: [Historic(2012, 6, 13, 1)]),

        // Middlesbrough: one school in special measures, one in serious weaknesses.
        new(990101, "806", 2001, "Linthorpe Park Primary School", Community, LaMaintained, Primary, 3, 11, 459, 41.9m, null, "TS5 6PD", Eif(2022, 12, 7, 2), Earlier: [Historic(2013, 10, 9, 2)]),
        new(990102, "806", 2002, "North Ormesby Primary School", Community, LaMaintained, Primary, 3, 11, 310, 55.1m, null, "TS3 6LB", Eif(2024, 3, 12, 4, concern: SpecialMeasures), Earlier: [Historic(2014, 6, 18, 4, SpecialMeasures)]),
        new(990103, "806", 2003, "Acklam Grange Primary School", VoluntaryAided, LaMaintained, Primary, 4, 11, 212, 28.3m, null, "TS5 8PB", Eif(2023, 5, 17, 3), Earlier: [Historic(2014, 3, 5, 3)]),
        new(990104, "806", 4001, "Riverside Secondary Academy", AcademySponsorLed, Academies, Secondary, 11, 16, 1_012, 48.7m, null, "TS4 3JS", Eif(2023, 11, 8, 4, concern: SeriousWeaknesses), Earlier: [Historic(2013, 12, 4, 3)]),
        new(990105, "806", 4002, "Marton Road School", AcademyConverter, Academies, Secondary, 11, 18, 1_350, 26.2m, null, "TS4 2NB", Eif(2019, 2, 27, 2), Earlier: [Historic(2012, 2, 29, 2)]),
        new(990106, "806", 2004, "Teesside Teaching Primary School", Community, LaMaintained, Primary, 3, 11, 420, 35.6m, null, "TS5 7RL", Eif(2016, 4, 20, 1, Cif), Earlier: [Historic(2012, 5, 16, 1)]),
        new(990107, "806", 7001, "Beechwood Special School", CommunitySpecial, Special, NotApplicable, 4, 19, 165, 52.4m, null, "TS4 3AA", Card(2026, 2, 11, 2), Earlier: [Historic(2013, 6, 26, 2)]),

        // Halton.
        new(990201, "876", 4001, "The Heath School", AcademyConverter, Academies, Secondary, 11, 18, 1_450, 12.5m, null, "WA7 2NS", Eif(2014, 6, 11, 1, Cif)),
        new(990202, "876", 4002, "Wade Deacon High School", AcademyConverter, Academies, Secondary, 11, 18, 1_600, 24.1m, null, "WA8 7TD", Eif(2015, 1, 21, 1, Cif)),
        new(990203, "876", 2001, "Runcorn Bridge Primary School", Community, LaMaintained, Primary, 4, 11, 280, 33.0m, null, "WA7 1AB", Eif(2023, 2, 1, 3)),
        new(990204, "876", 2002, "Widnes Marsh Primary School", VoluntaryControlled, LaMaintained, Primary, 4, 11, 350, 29.7m, null, "WA8 0QA", Eif(2022, 6, 29, 2)),
        new(990205, "876", 2003, "Hale Village Primary School", VoluntaryAided, LaMaintained, Primary, 4, 11, 105, 9.5m, null, "L24 4AN", Eif(2019, 10, 16, 2)),
        new(990206, "876", 2004, "Castlefields Primary School", Community, LaMaintained, Primary, 3, 11, 236, 46.2m, null, "WA7 2LF", Card(2026, 5, 13, 4)),
        new(990207, "876", 4003, "Mersey Gateway Free School", FreeSchool, FreeSchools, AllThrough, 4, 16, 480, 19.9m, null, "WA7 4QX", null),

        // Dudley.
        new(990301, "332", 2001, "Netherton Lane Primary School", Community, LaMaintained, Primary, 3, 11, 390, 30.6m, null, "DY2 9PS", Eif(2023, 10, 4, 2)),
        new(990302, "332", 2002, "Sedgley Hill Primary School", VoluntaryControlled, LaMaintained, Primary, 4, 11, 210, 14.3m, null, "DY3 1AD", Eif(2024, 1, 17, 3)),
        new(990303, "332", 4001, "Castle Gate Secondary School", AcademyConverter, Academies, Secondary, 11, 18, 1_210, 22.8m, null, "DY1 4AB", Eif(2018, 11, 28, 1, Cif)),
        new(990304, "332", 4002, "Brierley Hill Academy", AcademySponsorLed, Academies, Secondary, 11, 16, 870, 39.1m, null, "DY5 3UP", Eif(2022, 5, 18, 3)),
        new(990305, "332", 7001, "Kingswinford Special School", CommunitySpecial, Special, NotApplicable, 3, 19, 120, 35.0m, null, "DY6 8AN", Eif(2021, 12, 8, 2)),
        new(990306, "332", 2003, "Stourbridge Old Primary School", Community, LaMaintained, Primary, 4, 11, 180, 12.0m, null, "DY8 1QT", null, Closed: true),
    ];

    public static readonly DemoAlliance[] Alliances =
    [
        new("ebor", "Ebor Teaching School Alliance", Tsa, 990002, [990001, 990002, 990004, 990005, 990008, 990010, 990011]),
        new("pathfinder", "Pathfinder Teaching School Alliance", Tsa, 990007, [990003, 990006, 990007, 990009, 990012]),
        new("middlesbrough-teaching-alliance", "Middlesbrough Schools' Teaching Alliance", Tsa, 990106, [990101, 990102, 990103, 990106, 990107]),
        new("middlesbrough-ssip", "Middlesbrough Secondary School Improvement Partnership", Partnership, 990105, [990104, 990105]),
        new("the-heath", "The Heath Teaching School Alliance", Tsa, 990201, [990201, 990203, 990205]),
        new("wade-deacon", "Wade Deacon Teaching School Alliance", Tsa, 990202, [990202, 990204, 990206, 990207]),
        new("dudley-school-improvement-alliance", "Dudley School Improvement Alliance", Partnership, 990303, [990301, 990302, 990303, 990304, 990305]),
    ];

    /// <summary>Memberships that have ended: the school left on the date given.</summary>
    public static readonly (string AllianceId, int Urn, DateOnly Left)[] FormerMembers = [("ebor", 990009, new(2017, 8, 31))];

    public static readonly DemoLeader[] SystemLeaders =
    [
        new("Jo Demo-Ashworth", Nle, null, 990002, "ebor", ["School-to-school support", "Leadership"], [2]),
        new("Sam Demo-Bell", Lle, null, 990001, "ebor", ["Leadership", "Early years"], [2]),
        new("Kit Demo-Carter", Sle, null, 990007, "pathfinder", ["Mathematics"], [4]),
        new("Ash Demo-Dhillon", Sle, null, 990003, "pathfinder", ["English", "Writing at KS2"], [2, 4]),
        new("Rae Demo-Evans", Nlg, null, null, null, ["Governance"], []),
        new("Lee Demo-Fox", Local, "YLE", 990005, "ebor", ["Pupil Premium"], [2]),
        new("Mo Demo-Green", Local, "YLG", null, null, ["Governance"], []),
        new("Pat Demo-Hughes", Nle, null, 990201, "the-heath", ["Leadership", "Science"], [4]),
        new("Val Demo-Iqbal", Sle, null, 990106, "middlesbrough-teaching-alliance", ["Early years", "Phonics"], [1, 2]),
    ];

    public static readonly DateOnly AlliancesFounded = new(2014, 9, 1);

    private static DemoInspection Eif(int year, int month, int day, int grade, int framework = EifFramework, int concern = NoConcern) =>
        new(new DateOnly(year, month, day), framework, grade, concern);

    private static DemoInspection Historic(int year, int month, int day, int grade, int concern = NoConcern) =>
        new(new DateOnly(year, month, day), Cif, grade, concern);

    private static DemoInspection Card(int year, int month, int day, int grade) =>
        new(new DateOnly(year, month, day), ReportCardFramework, grade, NoConcern);

    // GIAS codes (see DOMAIN.md).
    private const int Community = 1, VoluntaryAided = 2, VoluntaryControlled = 3, Foundation = 5, CommunitySpecial = 7, LaNursery = 15;
    private const int AcademyConverter = 34, AcademySponsorLed = 28, FreeSchool = 35;
    private const int LaMaintained = 4, Special = 5, Academies = 10, FreeSchools = 11;
    private const int NotApplicable = 0, Nursery = 1, Primary = 2, Secondary = 4, AllThrough = 7;

    // Inspection, alliance and designation enums as numbers.
    private const int Cif = 1, EifFramework = 2, ReportCardFramework = 3;
    private const int NoConcern = 1, SeriousWeaknesses = 2, SpecialMeasures = 3;
    private const int Tsa = 1, Partnership = 3;
    private const int Nle = 1, Lle = 2, Sle = 3, Nlg = 4, Local = 5;
}

internal sealed record DemoSchool(
    int Urn, string LaCode, int EstablishmentNumber, string Name, int TypeCode, int TypeGroupCode, int PhaseCode,
    int LowAge, int HighAge, int Pupils, decimal FreeSchoolMealsPercentage, string? ClusterId, string Postcode,
    DemoInspection? Latest, bool Closed = false, DemoInspection[]? Earlier = null);

/// <summary>For report cards, Grade is the grade of every area (1 exceptional to 5 urgent improvement).</summary>
internal sealed record DemoInspection(DateOnly Date, int Framework, int Grade, int CategoryOfConcern);

internal sealed record DemoAlliance(string Id, string Name, int Kind, int LeadUrn, int[] MemberUrns);

internal sealed record DemoLeader(string Name, int Designation, string? LocalDesignation, int? HomeUrn, string? AllianceId, string[] Specialisms, int[] Phases);
