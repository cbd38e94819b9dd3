using Grpc.Core;
using Sia.Registry.Testing;
using Sia.Risk.V1;
using Sia.ServiceDefaults;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Risk.Tests;

/// <summary>
/// The registry's demo data, copied by the risk service, which loads its own demo on it: York's 2015/16 autumn round with
/// its seven schools requiring improvement, Middlesbrough's 2014/15 with North Ormesby in special measures and scrutiny
/// told once; and starting the service again adds nothing.
/// </summary>
public sealed class DemoDataTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Signing = new() { [PartnerHeaders.SigningKeyConfigKey] = RiskStack.SigningKey };
    private static readonly Dictionary<string, string?> WithDemo = new(Signing) { ["Risk:LoadDemoData"] = "true" };

    private readonly RegistryHost _registry = new(postgres) { LoadDemoData = true, Settings = Signing };
    private string _database = "";
    private RiskHost _risk = null!;

    public async ValueTask InitializeAsync()
    {
        await _registry.InitializeAsync();
        _database = await postgres.CreateDatabaseAsync("risk");
        _risk = await RiskHost.StartAsync(_database, _registry.Address, WithDemo);
    }

    [Fact]
    public async Task York_has_seven_schools_requiring_improvement_and_one_good_school_at_risk_and_Middlesbrough_one_notification()
    {
        var york = await LoadedSummaryAsync("816", 2015, expected: 12);
        var middlesbrough = await LoadedSummaryAsync("806", 2014, expected: 7);

        Assert.Equal([("1", 4), ("2", 1), ("3", 7), ("4", 0)], york.Categories.Select(c => (c.Category, c.Count)));
        Assert.Equal(1, york.AtRisk);
        Assert.Equal(0, york.CausingConcern);
        Assert.Equal(3, york.DueForInspection); // RI within 30 months: Minster View, Ouse Bank and Heworth Croft by August 2016
        Assert.Equal([("a", 4), ("b", 0), ("c", 2), ("d", 1)], middlesbrough.Categories.Select(c => (c.Category, c.Count)));
        Assert.Equal(1, middlesbrough.CausingConcern);

        var holgate = await Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = "schools/990005/assessments/2015-16-autumn" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("2", holgate.Result.Category);
        Assert.Contains(holgate.Result.FiredRules, rule => rule.Rule == "good_at_risk");
        Assert.Equal(["attainment_below_floor", "leadership_concerns", "wide_gap_english_maths"],
            holgate.Result.Criteria.Where(c => c.Outcome == CriterionJudgement.Types.Judgement.Met).Select(c => c.Criterion).Order());

        var notifications = await NotificationsAsync("806");
        var northOrmesby = Assert.Single(notifications);
        Assert.Equal("schools/990102", northOrmesby.School);
        Assert.Contains(Notification.Types.Reason.SpecialMeasures, northOrmesby.Reasons);
        Assert.Empty(await NotificationsAsync("816"));
    }

    [Fact]
    public async Task Starting_again_adds_nothing()
    {
        await LoadedSummaryAsync("806", 2014, expected: 7);
        await LoadedSummaryAsync("816", 2015, expected: 12);
        var before = await NotificationsAsync("806");

        await _risk.DisposeAsync();
        _risk = await RiskHost.StartAsync(_database, _registry.Address, WithDemo);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal(before.Select(n => n.Name), (await NotificationsAsync("806")).Select(n => n.Name));
        var versions = await Assessments.ListAssessmentVersionsAsync(new ListAssessmentVersionsRequest { Name = "schools/990102/assessments/2014-15-autumn" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(versions.Assessments);
    }

    private AssessmentService.AssessmentServiceClient Assessments => new(_risk.CreateChannel());

    /// <summary>The LA's summary once the loader has published all of its <paramref name="expected"/> assessments.</summary>
    private async Task<AssessmentSummary> LoadedSummaryAsync(string la, int year, int expected)
    {
        AssessmentSummary? summary = null;
        await Until.TrueAsync(async () =>
        {
            try
            {
                summary = (await Assessments.SummarizeAssessmentsAsync(new SummarizeAssessmentsRequest
                {
                    LocalAuthority = $"localAuthorities/{la}",
                    AcademicYear = year,
                    PublishedOnly = true,
                })).Summaries[0];
                return summary.Assessed == expected;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return false; // no framework published yet
            }
        }, $"the demo's {expected} published assessments of LA {la}");
        return summary!;
    }

    private async Task<List<Notification>> NotificationsAsync(string la) =>
        [.. (await new NotificationService.NotificationServiceClient(_risk.CreateChannel())
            .ListNotificationsAsync(new ListNotificationsRequest { Parent = $"localAuthorities/{la}" })).Notifications];

    public async ValueTask DisposeAsync()
    {
        await _risk.DisposeAsync();
        await _registry.DisposeAsync();
        await postgres.DropDatabaseAsync(_database);
    }
}
