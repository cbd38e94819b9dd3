using Grpc.Core;
using Google.Type;
using Sia.Registry.V1;
using Sia.Testing.Postgres;
using static Sia.Registry.V1.Inspection.Types;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

/// <summary>Inspections in all three Ofsted shapes, and the latest one as schools show and filter it; a fresh database per test.</summary>
public sealed class InspectionApiTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly RegistryHost host = new(postgres) { ConfigureServices = CommandGate.Install };
    private GrpcClients _clients = null!;

    private CommandGate Gate => host.Services.GetRequiredService<CommandGate>();

    public async ValueTask InitializeAsync()
    {
        await host.InitializeAsync();
        _clients = new GrpcClients(host);
        await TestData.EnsureLocalAuthorityAsync(_clients.LocalAuthorities, "816", "York");
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_history_in_three_frameworks_lists_newest_first_and_the_school_shows_the_latest()
    {
        var school = await NewSchoolAsync();
        var cif = await CreateAsync(school, Cif2015(new Date { Year = 2016, Month = 3, Day = 9 }, grade: 3));
        var eif = await CreateAsync(school, new Inspection
        {
            InspectionDate = new Date { Year = 2023, Month = 1, Day = 25 },
            Framework = Framework.EducationInspectionFramework2019,
            OverallGrade = 2,
            KeyJudgements = { ["quality_of_education"] = 2, ["behaviour_and_attitudes"] = 1 },
        });
        var reportCard = await CreateAsync(school, new Inspection
        {
            InspectionDate = new Date { Year = 2025, Month = 11, Day = 20 },
            Framework = Framework.ReportCard2025,
            ReportCardAreas = { ["inclusion"] = ReportCardGrade.StrongStandard, ["achievement"] = ReportCardGrade.NeedsAttention },
            Safeguarding = Safeguarding.Met,
        });

        var history = await _clients.Inspections.ListInspectionsAsync(new ListInspectionsRequest { Parent = school.Name, PageSize = 2 });
        var rest = await _clients.Inspections.ListInspectionsAsync(new ListInspectionsRequest { Parent = school.Name, PageSize = 2, PageToken = history.NextPageToken });
        var latest = (await _clients.Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name })).LatestInspection;

        Assert.Equal([reportCard, eif, cif], history.Inspections.Concat(rest.Inspections));
        Assert.Equal(reportCard.Name, latest.Inspection);
        Assert.Equal(0, latest.OverallGrade);
        Assert.Equal(CategoryOfConcern.None, latest.CategoryOfConcern);
        Assert.Equal(ReportCardGrade.NeedsAttention, reportCard.ReportCardAreas["achievement"]);
    }

    [Fact]
    public async Task Each_framework_rejects_what_it_does_not_grade()
    {
        var school = await NewSchoolAsync();
        var cifWithoutGrade = Cif2015(new Date { Year = 2016, Month = 3, Day = 9 }, grade: 0);
        cifWithoutGrade.KeyJudgements["quality_of_education"] = 2;
        var reportCardWithGrade = new Inspection
        {
            InspectionDate = new Date { Year = 2026, Month = 1, Day = 14 },
            Framework = Framework.ReportCard2025,
            OverallGrade = 2,
            ReportCardAreas = { ["inclusion"] = ReportCardGrade.Exceptional },
        };
        var goodInSpecialMeasures = Cif2015(new Date { Year = 2017, Month = 5, Day = 2 }, grade: 2);
        goodInSpecialMeasures.CategoryOfConcern = CategoryOfConcern.SpecialMeasures;

        var cifError = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(school, cifWithoutGrade));
        var reportCardError = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(school, reportCardWithGrade));
        var categoryError = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(school, goodInSpecialMeasures));
        var futureError = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(school, Cif2015(new Date { Year = 2099, Month = 1, Day = 1 }, grade: 1)));

        Assert.Equal(["inspection.key_judgements[quality_of_education]", "inspection.overall_grade"], Fields(cifError));
        Assert.Equal(["inspection.overall_grade", "inspection.safeguarding"], Fields(reportCardError));
        Assert.Equal(["inspection.category_of_concern"], Fields(categoryError));
        Assert.Equal(["inspection.inspection_date"], Fields(futureError));
    }

    [Fact]
    public async Task Schools_filter_by_their_latest_inspection_and_an_older_report_does_not_replace_it()
    {
        var inadequate = await NewSchoolAsync();
        var specialMeasures = Cif2015(new Date { Year = 2019, Month = 6, Day = 12 }, grade: 4);
        specialMeasures.CategoryOfConcern = CategoryOfConcern.SpecialMeasures;
        await CreateAsync(inadequate, specialMeasures);
        await CreateAsync(inadequate, Cif2015(new Date { Year = 2015, Month = 10, Day = 1 }, grade: 2)); // older, entered later
        var requiresImprovement = await NewSchoolAsync();
        await CreateAsync(requiresImprovement, Cif2015(new Date { Year = 2018, Month = 2, Day = 7 }, grade: 3));

        var inCategory = await _clients.Schools.ListSchoolsAsync(new ListSchoolsRequest { LatestCategoriesOfConcern = { CategoryOfConcern.SpecialMeasures } });
        var graded3 = await _clients.Schools.ListSchoolsAsync(new ListSchoolsRequest { LatestOverallGrades = { 3 } });
        var dueForReinspection = await _clients.Schools.ListSchoolsAsync(new ListSchoolsRequest { LastInspectedBefore = new Date { Year = 2019, Month = 1, Day = 1 } });
        var badDate = await Assert.ThrowsAsync<RpcException>(async () =>
            await _clients.Schools.ListSchoolsAsync(new ListSchoolsRequest { LastInspectedBefore = new Date { Year = 2019, Month = 13, Day = 1 } }));

        Assert.Equal([inadequate.Name], inCategory.Schools.Select(s => s.Name));
        Assert.Equal(4, inCategory.Schools[0].LatestInspection.OverallGrade);
        Assert.Equal([requiresImprovement.Name], graded3.Schools.Select(s => s.Name));
        Assert.Equal([requiresImprovement.Name], dueForReinspection.Schools.Select(s => s.Name));
        Assert.Equal(StatusCode.InvalidArgument, badDate.StatusCode);
    }

    [Fact]
    public async Task A_retried_create_makes_one_inspection_and_an_unknown_school_is_not_found()
    {
        var school = await NewSchoolAsync();
        var request = new CreateInspectionRequest { Parent = school.Name, Inspection = Cif2015(new Date { Year = 2016, Month = 3, Day = 9 }, grade: 2), RequestId = Guid.NewGuid().ToString() };

        var first = await _clients.Inspections.CreateInspectionAsync(request);
        var retry = await _clients.Inspections.CreateInspectionAsync(request);
        var history = await _clients.Inspections.ListInspectionsAsync(new ListInspectionsRequest { Parent = school.Name });
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await _clients.Inspections.CreateInspectionAsync(new CreateInspectionRequest { Parent = "schools/999997", Inspection = request.Inspection }));

        Assert.Equal(first, retry);
        Assert.Single(history.Inspections);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Concurrent_inspections_of_one_school_are_all_recorded_and_the_school_shows_the_latest()
    {
        var school = await NewSchoolAsync();
        var inspections = Enumerable.Range(0, 8).Select(i => Cif2015(new Date { Year = 2016 + i, Month = 3, Day = 9 }, grade: 1 + i % 4)).ToList();

        // Each create is held where it locks the school, until all eight are there: before any of them has taken the lock.
        using var atTheLock = Gate.HoldBefore("FOR UPDATE", count: inspections.Count);
        var creates = inspections.Select(inspection => StatusOfAsync(CreateAsync(school, inspection))).ToList();
        await atTheLock.ReleaseOnceArrivedAsync();
        var outcomes = await Task.WhenAll(creates);

        var history = await _clients.Inspections.ListInspectionsAsync(new ListInspectionsRequest { Parent = school.Name });
        var latest = (await _clients.Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name })).LatestInspection;
        Assert.Equal([(StatusCode.OK, inspections.Count)], outcomes.CountBy(o => o.Status).Select(c => (c.Key, c.Value)));
        Assert.Equal(inspections.Count, outcomes.Select(o => o.Inspection!.Name).Distinct().Count());
        Assert.Equal(outcomes.Select(o => o.Inspection).OrderByDescending(i => i!.InspectionDate.Year), history.Inspections);
        Assert.Equal(history.Inspections[0].Name, latest.Inspection);
        Assert.Equal(history.Inspections[0].OverallGrade, latest.OverallGrade);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_request_id_record_one_inspection_and_a_different_one_under_that_id_gets_it_too()
    {
        var school = await NewSchoolAsync();
        var request = new CreateInspectionRequest { Parent = school.Name, Inspection = Cif2015(new Date { Year = 2019, Month = 6, Day = 12 }, grade: 2), RequestId = Guid.NewGuid().ToString() };

        // Every call looks the request id up, and finds nothing, before any of them goes on to record.
        using var looked = Gate.HoldAfter(CommandGate.RequestIdLookup, count: 8);
        var creates = Enumerable.Range(0, 8).Select(_ => _clients.Inspections.CreateInspectionAsync(request).ResponseAsync).ToList();
        await looked.ReleaseOnceArrivedAsync();
        var created = await Task.WhenAll(creates);
        var differentBody = await _clients.Inspections.CreateInspectionAsync(new CreateInspectionRequest
        {
            Parent = school.Name,
            Inspection = Cif2015(new Date { Year = 2023, Month = 1, Day = 25 }, grade: 4),
            RequestId = request.RequestId,
        });
        var history = await _clients.Inspections.ListInspectionsAsync(new ListInspectionsRequest { Parent = school.Name });
        var latest = (await _clients.Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name })).LatestInspection;

        Assert.Equal(Enumerable.Repeat(created[0], 8), created);
        Assert.Equal(created[0], differentBody);
        Assert.Equal([created[0]], history.Inspections);
        Assert.Equal((created[0].Name, 2), (latest.Inspection, latest.OverallGrade));
    }

    private static async Task<(StatusCode Status, Inspection? Inspection)> StatusOfAsync(Task<Inspection> create)
    {
        try
        {
            return (StatusCode.OK, await create);
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, null);
        }
    }

    private static Inspection Cif2015(Date date, int grade) => new()
    {
        InspectionDate = date,
        Framework = Framework.CommonInspectionFramework2015,
        OverallGrade = grade,
        KeyJudgements = { ["leadership_and_management"] = Math.Max(grade, 1), ["outcomes"] = Math.Max(grade, 1) },
    };

    private async Task<School> NewSchoolAsync() => await _clients.Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });

    private async Task<Inspection> CreateAsync(School school, Inspection inspection) =>
        await _clients.Inspections.CreateInspectionAsync(new CreateInspectionRequest { Parent = school.Name, Inspection = inspection });

    private static IEnumerable<string> Fields(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).Order();

    private sealed class GrpcClients(RegistryHost host)
    {
        private readonly global::Grpc.Net.Client.GrpcChannel _channel = host.CreateChannel();
        public LocalAuthorityService.LocalAuthorityServiceClient LocalAuthorities => new(_channel);
        public SchoolService.SchoolServiceClient Schools => new(_channel);
        public InspectionService.InspectionServiceClient Inspections => new(_channel);
    }
}
