using Sia.Registry.Testing;
using Sia.Risk.V1;

namespace Sia.Risk.Tests;

/// <summary>
/// The registry's demo data, copied by the risk service, which loads its own demo on it: York's 2015/16 autumn round with
/// its seven schools requiring improvement, each with a support plan from Ebor, and its six priorities; Dudley's alliance's
/// three; Middlesbrough's 2014/15 with North Ormesby in special measures and scrutiny told once; and starting the service
/// again adds nothing.
/// </summary>
public sealed class DemoDataTests(DemoStack demo) : IClassFixture<DemoStack>
{
    private const string DudleyAlliance = "alliances/dudley-school-improvement-alliance";

    [Fact]
    public async Task York_has_seven_schools_requiring_improvement_and_one_good_school_at_risk_and_Middlesbrough_one_notification()
    {
        var york = await SummaryAsync("816", 2015);
        var middlesbrough = await SummaryAsync("806", 2014);

        Assert.Equal(12, york.Assessed);
        Assert.Equal(7, middlesbrough.Assessed);
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

        var plans = await new SupportPlanService.SupportPlanServiceClient(demo.CreateChannel()).ListSupportPlansAsync(new ListSupportPlansRequest
        {
            Parent = "schools/-",
            LocalAuthority = "localAuthorities/816",
            AcademicYear = 2015,
            PageSize = 20,
        }, cancellationToken: TestContext.Current.CancellationToken);
        var requiringImprovement = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest
        {
            Parent = "schools/-",
            LocalAuthority = "localAuthorities/816",
            AcademicYear = 2015,
            Categories = { "3" },
        }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(requiringImprovement.Assessments.Select(a => a.School), plans.SupportPlans.Select(p => p.School));
        Assert.All(plans.SupportPlans, plan => Assert.Equal("alliances/ebor", plan.Interventions[0].Provider));
        var priorities = new PriorityService.PriorityServiceClient(demo.CreateChannel());
        Assert.Equal(6, (await priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = "localAuthorities/816", AcademicYear = 2015 })).Priorities.Count);
        Assert.Equal(3, (await priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = DudleyAlliance })).Priorities.Count);

        var notifications = await NotificationsAsync("806");
        var northOrmesby = Assert.Single(notifications);
        Assert.Equal("schools/990102", northOrmesby.School);
        Assert.Contains(Notification.Types.Reason.SpecialMeasures, northOrmesby.Reasons);
        Assert.Empty(await NotificationsAsync("816"));
    }

    [Fact]
    public async Task Starting_again_adds_nothing()
    {
        var before = await NotificationsAsync("806");

        await demo.RestartAsync();

        Assert.Equal(before.Select(n => n.Name), (await NotificationsAsync("806")).Select(n => n.Name));
        var versions = await Assessments.ListAssessmentVersionsAsync(new ListAssessmentVersionsRequest { Name = "schools/990102/assessments/2014-15-autumn" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(versions.Assessments);
    }

    private AssessmentService.AssessmentServiceClient Assessments => new(demo.CreateChannel());

    private async Task<AssessmentSummary> SummaryAsync(string la, int year) =>
        (await Assessments.SummarizeAssessmentsAsync(new SummarizeAssessmentsRequest { LocalAuthority = $"localAuthorities/{la}", AcademicYear = year, PublishedOnly = true }))
        .Summaries[0];

    private async Task<List<Notification>> NotificationsAsync(string la) =>
        [.. (await new NotificationService.NotificationServiceClient(demo.CreateChannel())
            .ListNotificationsAsync(new ListNotificationsRequest { Parent = $"localAuthorities/{la}" })).Notifications];
}
