using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Registry.Testing;
using Sia.Risk.Demo;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.Testing;
using RegistryV1 = Sia.Registry.V1;

namespace Sia.Risk.Tests;

/// <summary>
/// RunAssessmentRound over real HTTP/2 and PostgreSQL, against schools recorded in a real registry and copied by the risk
/// service, each test in an LA of its own: the drafts a round creates and their results, a run again, a school already
/// assessed, a closed school, who may run a round, an LA without a published framework, concurrent runs and bad fields.
/// </summary>
public sealed class AssessmentRoundTests(RiskStack stack) : IClassFixture<RiskStack>
{
    private static readonly Google.Type.Date AutumnVisit = new() { Year = 2015, Month = 10, Day = 1 };

    private AssessmentService.AssessmentServiceClient Assessments => new(stack.CreateChannel());

    private enum Kind { Open, Closed }

    /// <summary>A school of the LA in the registry, inspected in March 2014 with the grade (none for null), and copied by the risk service.</summary>
    private async Task<int> SchoolAsync(string la, int? grade, Kind kind = Kind.Open)
    {
        var registry = stack.Registry.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new RegistryV1.LocalAuthorityService.LocalAuthorityServiceClient(registry), la, $"LA {la}");
        var school = TestData.School(la);
        if (kind == Kind.Closed) (school.StatusCode, school.CloseDate) = (2, new Google.Type.Date { Year = 2015, Month = 8, Day = 31 });
        var urn = (await new RegistryV1.SchoolService.SchoolServiceClient(registry).CreateSchoolAsync(new RegistryV1.CreateSchoolRequest { School = school })).Urn;
        if (grade is { } g)
        {
            await new RegistryV1.InspectionService.InspectionServiceClient(registry).CreateInspectionAsync(new RegistryV1.CreateInspectionRequest
            {
                Parent = $"schools/{urn}",
                Inspection = new RegistryV1.Inspection
                {
                    InspectionDate = new Google.Type.Date { Year = 2014, Month = 3, Day = 5 },
                    Framework = RegistryV1.Inspection.Types.Framework.CommonInspectionFramework2015,
                    OverallGrade = g,
                    KeyJudgements = { ["leadership_and_management"] = g },
                },
            });
        }
        await Until.TrueAsync(async () => await InCopyAsync(urn, grade is not null), "the risk service to copy the school (and its inspection)");
        return urn;
    }

    private async Task<bool> InCopyAsync(int urn, bool inspected)
    {
        await using var copy = new Data.RiskDbContext(new DbContextOptionsBuilder<Data.RiskDbContext>().UseNpgsql(stack.RiskDatabase).Options);
        return inspected ? await copy.RegistryInspections.AnyAsync(i => i.Urn == urn) : await copy.RegistrySchools.AnyAsync(s => s.Urn == urn);
    }

    /// <summary>York's framework as the LA's 2015/16, published.</summary>
    private async Task PublishYorkAsync(string la)
    {
        var frameworks = new FrameworkService.FrameworkServiceClient(stack.CreateChannel());
        var york = new Data.FrameworkEntity { LaCode = la, DisplayName = YorkFramework.DisplayName, Definition = YorkFramework.Definition }.ToMessage();
        var draft = await frameworks.CreateFrameworkAsync(new CreateFrameworkRequest { Parent = $"localAuthorities/{la}", FrameworkId = "2015-16", Framework = york });
        await frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name });
    }

    private Task<RunAssessmentRoundResponse> RunAsync(string localAuthority, string requestId = "", Metadata? headers = null,
        Assessment.Types.Round round = Assessment.Types.Round.Autumn) =>
        Assessments.RunAssessmentRoundAsync(new RunAssessmentRoundRequest
        {
            LocalAuthority = localAuthority,
            AcademicYear = 2015,
            Round = round,
            AssessmentDate = AutumnVisit,
            RequestId = requestId,
        }, headers).ResponseAsync;

    private async Task<Assessment?> FindAsync(int urn)
    {
        try
        {
            return await Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = $"schools/{urn}/assessments/2015-16-autumn" });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static (int Created, int Already, int NotOpen, int WithoutFramework) Counts(RunAssessmentRoundResponse r) =>
        (r.CreatedCount, r.AlreadyAssessedCount, r.NotOpenCount, r.WithoutFrameworkCount);

    [Fact]
    public async Task A_run_creates_a_draft_for_each_open_school_of_the_LA_with_its_result_computed()
    {
        await PublishYorkAsync("872");
        var (ri, good, uninspected) = (await SchoolAsync("872", 3), await SchoolAsync("872", 2), await SchoolAsync("872", null));

        var run = await RunAsync("localAuthorities/872");

        Assert.Equal((3, 0, 0, 0), Counts(run));
        Assert.Empty(run.LocalAuthoritiesWithoutFramework);
        var assessment = (await FindAsync(ri))!;
        Assert.Equal((Assessment.Types.State.Draft, 1, "localAuthorities/872/frameworks/2015-16@1", AutumnVisit),
            (assessment.State, assessment.Version, assessment.FrameworkRevision, assessment.AssessmentDate));
        Assert.Equal(("3", "Category 3"), (assessment.Result.Category, assessment.Result.CategoryLabel));
        Assert.Equal("requires_improvement", Assert.Single(assessment.Result.FiredRules).Rule);
        Assert.Matches($@"^schools/{ri}/inspections/\d+$", assessment.Result.LatestInspection);
        Assert.Equal(new Google.Type.Date { Year = 2016, Month = 9, Day = 5 }, assessment.Result.InspectionDue.Latest);
        Assert.Equal(("1", ""), ((await FindAsync(good))!.Result.Category, (await FindAsync(uninspected))!.Result.LatestInspection));
    }

    [Fact]
    public async Task A_second_run_creates_nothing_and_a_retry_with_the_request_id_gets_the_first_answer()
    {
        await PublishYorkAsync("873");
        var (first, second) = (await SchoolAsync("873", 3), await SchoolAsync("873", 2));
        var requestId = Guid.NewGuid().ToString();

        var run = await RunAsync("localAuthorities/873", requestId);
        var etag = (await FindAsync(first))!.Etag;
        var again = await RunAsync("localAuthorities/873");
        var retry = await RunAsync("localAuthorities/873", requestId);

        Assert.Equal((2, 0, 0, 0), Counts(run));
        Assert.Equal((0, 2, 0, 0), Counts(again));
        Assert.Equal(run, retry);
        Assert.Equal(etag, (await FindAsync(first))!.Etag);
        Assert.Equal(1, (await FindAsync(second))!.Version);
    }

    [Fact]
    public async Task A_school_already_assessed_is_counted_and_left_alone()
    {
        await PublishYorkAsync("874");
        var (assessed, other) = (await SchoolAsync("874", 3), await SchoolAsync("874", 3));
        var before = await Assessments.CreateAssessmentAsync(new CreateAssessmentRequest
        {
            Parent = $"schools/{assessed}",
            Assessment = new Assessment { AcademicYear = 2015, Round = Assessment.Types.Round.Autumn, AssessmentDate = new Google.Type.Date { Year = 2015, Month = 9, Day = 20 }, WarningNoticeIssued = true },
        });

        var run = await RunAsync("localAuthorities/874");

        Assert.Equal((1, 1, 0, 0), Counts(run));
        Assert.Equal(before, await FindAsync(assessed));
        Assert.Equal("4", before.Result.Category);
        Assert.Equal("3", (await FindAsync(other))!.Result.Category);
    }

    [Fact]
    public async Task A_closed_school_is_skipped()
    {
        await PublishYorkAsync("875");
        var (open, closed) = (await SchoolAsync("875", 3), await SchoolAsync("875", 4, Kind.Closed));

        var run = await RunAsync("localAuthorities/875");

        Assert.Equal((1, 0, 1, 0), Counts(run));
        Assert.NotNull(await FindAsync(open));
        Assert.Null(await FindAsync(closed));
    }

    [Fact]
    public async Task A_partner_runs_a_round_only_for_an_LA_it_acts_for_and_every_LA_needs_a_partner_for_everyone()
    {
        await PublishYorkAsync("876");
        var urn = await SchoolAsync("876", 3);

        var otherLa = await Assert.ThrowsAsync<RpcException>(() => RunAsync("localAuthorities/876", headers: Partners.ActingFor("Dudley LA officer", "332")));
        var everyLa = await Assert.ThrowsAsync<RpcException>(() => RunAsync("localAuthorities/-", headers: Partners.ActingFor("LA 876 officer", "876")));
        Assert.Null(await FindAsync(urn));
        var own = await RunAsync("localAuthorities/876", headers: Partners.ActingFor("LA 876 officer", "876"));

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (otherLa.StatusCode, everyLa.StatusCode));
        Assert.Equal((1, 0, 0, 0), Counts(own));
    }

    [Fact]
    public async Task An_LA_without_a_published_framework_is_FAILED_PRECONDITION_alone_and_listed_in_a_run_over_every_LA()
    {
        var urn = await SchoolAsync("877", 3);

        var alone = await Assert.ThrowsAsync<RpcException>(() => RunAsync("localAuthorities/877"));
        // Spring: the other tests' schools, in their LAs, have no spring assessment either; this counts them all.
        var every = await RunAsync("localAuthorities/-", round: Assessment.Types.Round.Spring);

        Assert.Equal(StatusCode.FailedPrecondition, alone.StatusCode);
        Assert.Contains("localAuthorities/877", every.LocalAuthoritiesWithoutFramework);
        Assert.True(every.WithoutFrameworkCount >= 1);
        Assert.Null(await FindAsync(urn));
        Assert.Empty(await ListAsync("877", Assessment.Types.Round.Spring));
    }

    [Fact]
    public async Task Concurrent_runs_create_each_school_s_draft_once()
    {
        await PublishYorkAsync("878");
        var urns = new List<int>();
        for (var i = 0; i < 12; i++) urns.Add(await SchoolAsync("878", null));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync("localAuthorities/878")));

        Assert.Equal(12, runs.Sum(r => r.CreatedCount));
        Assert.All(runs, r => Assert.Equal(12, r.CreatedCount + r.AlreadyAssessedCount));
        Assert.Equal(urns.Order(), (await ListAsync("878", Assessment.Types.Round.Autumn)).Select(a => int.Parse(a.School["schools/".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task Each_bad_field_is_a_field_violation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Assessments.RunAssessmentRoundAsync(new RunAssessmentRoundRequest
        {
            LocalAuthority = "localAuthorities/York",
            AcademicYear = 1999,
            Round = Assessment.Types.Round.Unspecified,
            AssessmentDate = new Google.Type.Date { Year = 2015, Month = 2, Day = 30 },
            RequestId = "again",
        }).ResponseAsync);
        var outOfYear = await Assert.ThrowsAsync<RpcException>(() => Assessments.RunAssessmentRoundAsync(new RunAssessmentRoundRequest
        {
            LocalAuthority = "localAuthorities/-",
            AcademicYear = 2015,
            Round = Assessment.Types.Round.Annual,
            AssessmentDate = new Google.Type.Date { Year = 2016, Month = 9, Day = 1 },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["academic_year", "assessment_date", "local_authority", "request_id", "round"], FieldsOf(error));
        Assert.Equal(["assessment_date"], FieldsOf(outOfYear));
    }

    private async Task<IReadOnlyList<Assessment>> ListAsync(string la, Assessment.Types.Round round) =>
        (await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest
        {
            Parent = "schools/-",
            LocalAuthority = $"localAuthorities/{la}",
            AcademicYear = 2015,
            Round = round,
            PageSize = 200,
        })).Assessments;

    private static IEnumerable<string> FieldsOf(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal);
}
