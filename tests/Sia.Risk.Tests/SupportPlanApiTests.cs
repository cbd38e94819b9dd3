using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Registry.Testing;
using Sia.Risk.V1;
using Sia.Testing;
using Date = Google.Type.Date;
using RegistryV1 = Sia.Registry.V1;

namespace Sia.Risk.Tests;

/// <summary>
/// SupportPlanService over real HTTP/2 and PostgreSQL, against schools, an alliance and system leaders recorded in a real
/// registry and copied by the risk service: York's plans for RI schools, Ebor deploying an NLE and an NLG.
/// </summary>
public sealed class SupportPlanApiTests(RiskStack stack) : IClassFixture<RiskStack>, IAsyncLifetime
{
    private const long TermOfNle = 1_000_000;

    private string _alliance = "";
    private string _nle = "";
    private string _inactiveNlg = "";

    private SupportPlanService.SupportPlanServiceClient Plans => new(stack.CreateChannel());

    /// <summary>An alliance led by a York school, an active NLE and an NLG made inactive, all in the risk service's copy.</summary>
    public async ValueTask InitializeAsync()
    {
        var registry = stack.Registry.CreateChannel();
        var lead = await SchoolAsync("816");
        var alliance = await new RegistryV1.AllianceService.AllianceServiceClient(registry).CreateAllianceAsync(new RegistryV1.CreateAllianceRequest
        {
            AllianceId = $"ebor-{TestData.NewUrn()}",
            Alliance = new RegistryV1.Alliance { DisplayName = "Ebor TSA", Kind = RegistryV1.Alliance.Types.Kind.TeachingSchoolAlliance, LeadSchool = $"schools/{lead}" },
        });
        var leaders = new RegistryV1.SystemLeaderService.SystemLeaderServiceClient(registry);
        RegistryV1.SystemLeader Leader(RegistryV1.SystemLeader.Types.Designation designation) => new()
        {
            DisplayName = "A. Leader", Designation = designation, HomeSchool = $"schools/{lead}", Alliance = alliance.Name, Active = true,
            DesignationDate = new Date { Year = 2014, Month = 9, Day = 1 },
        };
        var nle = await leaders.CreateSystemLeaderAsync(new RegistryV1.CreateSystemLeaderRequest { SystemLeader = Leader(RegistryV1.SystemLeader.Types.Designation.Nle) });
        var nlg = await leaders.CreateSystemLeaderAsync(new RegistryV1.CreateSystemLeaderRequest { SystemLeader = Leader(RegistryV1.SystemLeader.Types.Designation.Nlg) });
        await leaders.UpdateSystemLeaderAsync(new RegistryV1.UpdateSystemLeaderRequest
        {
            SystemLeader = new RegistryV1.SystemLeader { Name = nlg.Name, Active = false }, UpdateMask = new FieldMask { Paths = { "active" } },
        });
        (_alliance, _nle, _inactiveNlg) = (alliance.Name, nle.Name, nlg.Name);
        await Until.TrueAsync(async () =>
        {
            await using var copy = Copy();
            var providers = await copy.RegistryProviders.Where(p => p.Name == _alliance || p.Name == _nle || p.Name == _inactiveNlg).ToDictionaryAsync(p => p.Name, p => p.Active);
            return providers.Count == 3 && providers[_alliance] && providers[_nle] && !providers[_inactiveNlg];
        }, "the risk service to copy the alliance and the system leaders");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Data.RiskDbContext Copy() => new(new DbContextOptionsBuilder<Data.RiskDbContext>().UseNpgsql(stack.RiskDatabase).Options);

    /// <summary>A school of LA <paramref name="la"/>, in the risk service's copy of the registry.</summary>
    private async Task<int> SchoolAsync(string la)
    {
        var registry = stack.Registry.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new RegistryV1.LocalAuthorityService.LocalAuthorityServiceClient(registry), la, $"LA {la}");
        var school = await new RegistryV1.SchoolService.SchoolServiceClient(registry).CreateSchoolAsync(new RegistryV1.CreateSchoolRequest { School = TestData.School(la) });
        await Until.TrueAsync(async () =>
        {
            await using var copy = Copy();
            return await copy.RegistrySchools.AnyAsync(s => s.Urn == school.Urn);
        }, "the risk service to copy the school");
        return school.Urn;
    }

    private static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>York's plan for an RI school: a term of an NLE from Ebor, and Ebor's SLE support for maths.</summary>
    private SupportPlan YorkPlan() => new()
    {
        Summary = "Requires improvement (March 2015): leadership and KS2 mathematics.",
        Interventions =
        {
            new Intervention
            {
                Kind = Intervention.Types.Kind.PartnerHeadteacher, Provider = _nle, Description = "NLE partner head, a day a week.",
                StartDate = Day(2015, 9, 7), EndDate = Day(2015, 12, 18), EstimatedCostPence = TermOfNle,
            },
            new Intervention
            {
                Kind = Intervention.Types.Kind.SleSupport, Provider = _alliance, Description = "SLE for KS2 mathematics: 10 days at £350.",
                StartDate = Day(2016, 1, 4), EstimatedCostPence = 350_000, FundingCommitment = "localAuthorities/816/funds/sicf/commitments/12",
            },
        },
        IntendedOutcomes = { "Leadership judged good at the next inspection.", "KS2 mathematics progress in line with national by July 2016." },
        Milestones = { new Milestone { Title = "Leadership action plan agreed with governors", DueDate = Day(2015, 10, 16), Status = Milestone.Types.Status.NotStarted } },
    };

    private Task<SupportPlan> CreateAsync(int urn, SupportPlan plan, string year = "2015-16", string requestId = "", Metadata? headers = null) =>
        Plans.CreateSupportPlanAsync(new CreateSupportPlanRequest { Parent = $"schools/{urn}", SupportPlanId = year, SupportPlan = plan, RequestId = requestId }, headers).ResponseAsync;

    private static IEnumerable<string> FieldsOf(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal);

    [Fact]
    public async Task A_plan_is_created_read_and_given_an_impact_review_with_its_etag_and_a_stale_etag_is_ABORTED()
    {
        var urn = await SchoolAsync("816");
        var created = await CreateAsync(urn, YorkPlan());

        var read = await Plans.GetSupportPlanAsync(new GetSupportPlanRequest { Name = created.Name });
        var review = new ImpactReview { Term = ImpactReview.Types.Term.Autumn, ReviewDate = Day(2015, 12, 10), Rag = ImpactReview.Types.Rag.Amber, Narrative = "Leadership stronger; maths unchanged." };
        var reviewed = await Plans.UpdateSupportPlanAsync(new UpdateSupportPlanRequest
        {
            SupportPlan = new SupportPlan { Name = created.Name, Etag = created.Etag, ImpactReviews = { review }, Summary = "not in the mask" },
            UpdateMask = new FieldMask { Paths = { "impact_reviews" } },
        });
        var stale = await Assert.ThrowsAsync<RpcException>(async () => await Plans.UpdateSupportPlanAsync(new UpdateSupportPlanRequest
        {
            SupportPlan = new SupportPlan { Name = created.Name, Etag = created.Etag, Summary = "Overwrites the review?" },
            UpdateMask = new FieldMask { Paths = { "summary" } },
        }));

        Assert.Equal(($"schools/{urn}/supportPlans/2015-16", $"schools/{urn}", "localAuthorities/816", 2015), (created.Name, created.School, created.LocalAuthority, created.AcademicYear));
        Assert.Equal(TermOfNle + 350_000, created.EstimatedCostPence);
        Assert.Equal(YorkPlan().Interventions, created.Interventions);
        Assert.Equal(YorkPlan().Milestones, created.Milestones);
        Assert.Equal(created, read);
        Assert.Equal([review], reviewed.ImpactReviews);
        Assert.Equal((created.Summary, created.Interventions), (reviewed.Summary, reviewed.Interventions));
        Assert.NotEqual(created.Etag, reviewed.Etag);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(reviewed, await Plans.GetSupportPlanAsync(new GetSupportPlanRequest { Name = created.Name }));
    }

    [Fact]
    public async Task A_retried_create_returns_the_same_plan_and_a_second_plan_for_the_year_is_ALREADY_EXISTS()
    {
        var urn = await SchoolAsync("816");
        var requestId = Guid.NewGuid().ToString();

        var first = await CreateAsync(urn, YorkPlan(), requestId: requestId);
        var retried = await CreateAsync(urn, YorkPlan(), requestId: requestId);
        var second = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(urn, YorkPlan(), requestId: Guid.NewGuid().ToString()));
        var nextYear = await CreateAsync(urn, YorkPlan(), year: "2016-17");

        Assert.Equal(first, retried);
        Assert.Equal(StatusCode.AlreadyExists, second.StatusCode);
        Assert.Contains($"schools/{urn} already has a support plan for 2015/16", second.Status.Detail);
        Assert.Equal($"schools/{urn}/supportPlans/2016-17", nextYear.Name);
    }

    [Fact]
    public async Task A_provider_the_registry_lacks_or_an_inactive_leader_newly_deployed_is_FAILED_PRECONDITION_naming_the_field()
    {
        var urn = await SchoolAsync("816");
        var unknown = YorkPlan();
        unknown.Interventions[1].Provider = "systemLeaders/999999999";
        var inactive = YorkPlan();
        inactive.Interventions[0].Provider = _inactiveNlg;

        var unknownError = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(urn, unknown));
        var inactiveError = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(urn, inactive));
        var noSchool = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(999_997, YorkPlan()));

        Assert.Equal(StatusCode.FailedPrecondition, unknownError.StatusCode);
        Assert.Contains("support_plan.interventions[1].provider: the risk service's copy of the registry has no systemLeaders/999999999", unknownError.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, inactiveError.StatusCode);
        Assert.Contains($"support_plan.interventions[0].provider: {_inactiveNlg} is not active", inactiveError.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, noSchool.StatusCode);
        Assert.Contains("copy of the registry has no schools/999997", noSchool.Status.Detail);
    }

    [Fact]
    public async Task A_leader_made_inactive_after_deployment_stays_in_the_plan_but_is_not_deployed_again()
    {
        var urn = await SchoolAsync("816");
        var created = await CreateAsync(urn, YorkPlan());
        await new RegistryV1.SystemLeaderService.SystemLeaderServiceClient(stack.Registry.CreateChannel()).UpdateSystemLeaderAsync(new RegistryV1.UpdateSystemLeaderRequest
        {
            SystemLeader = new RegistryV1.SystemLeader { Name = _nle, Active = false }, UpdateMask = new FieldMask { Paths = { "active" } },
        });
        await Until.TrueAsync(async () =>
        {
            await using var copy = Copy();
            return !await copy.RegistryProviders.AnyAsync(p => p.Name == _nle && p.Active);
        }, "the risk service to copy the NLE made inactive");

        var milestone = new Milestone { Title = "Governors' review of the action plan", DueDate = Day(2016, 2, 12), Status = Milestone.Types.Status.OnTrack };
        var updated = await Plans.UpdateSupportPlanAsync(new UpdateSupportPlanRequest
        {
            SupportPlan = new SupportPlan { Name = created.Name, Interventions = { created.Interventions }, Milestones = { created.Milestones, milestone } },
            UpdateMask = new FieldMask { Paths = { "interventions", "milestones" } },
        });
        var again = created.Interventions[0].Clone();
        again.StartDate = Day(2016, 1, 4);
        again.EndDate = Day(2016, 3, 24);
        var redeployed = await Assert.ThrowsAsync<RpcException>(async () => await Plans.UpdateSupportPlanAsync(new UpdateSupportPlanRequest
        {
            SupportPlan = new SupportPlan { Name = created.Name, Interventions = { created.Interventions, again } },
            UpdateMask = new FieldMask { Paths = { "interventions" } },
        }));

        Assert.Equal(created.Interventions, updated.Interventions);
        Assert.Equal(2, updated.Milestones.Count);
        Assert.Equal(StatusCode.FailedPrecondition, redeployed.StatusCode);
        Assert.Contains($"support_plan.interventions[2].provider: {_nle} is not active", redeployed.Status.Detail);
    }

    [Fact]
    public async Task Bad_fields_are_INVALID_ARGUMENT_each_named()
    {
        var urn = await SchoolAsync("816");
        var plan = YorkPlan();
        plan.Interventions[0].EstimatedCostPence = -1;
        plan.Interventions[0].EndDate = Day(2015, 9, 6);
        plan.Interventions[1].Kind = Intervention.Types.Kind.Unspecified;
        plan.Interventions[1].Provider = "ebor";
        plan.Interventions[1].StartDate = null;
        plan.IntendedOutcomes.Add(" ");
        plan.Milestones[0].DueDate = null;
        plan.ImpactReviews.Add(new ImpactReview { Term = ImpactReview.Types.Term.Autumn, ReviewDate = Day(2015, 12, 1), Rag = ImpactReview.Types.Rag.Green, Narrative = "Good." });
        plan.ImpactReviews.Add(new ImpactReview { Term = ImpactReview.Types.Term.Autumn, ReviewDate = Day(2016, 9, 1), Narrative = "" });

        var error = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(urn, plan));
        var badYear = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(urn, YorkPlan(), year: "2015-17"));
        var noMask = await Assert.ThrowsAsync<RpcException>(async () => await Plans.UpdateSupportPlanAsync(new UpdateSupportPlanRequest
        {
            SupportPlan = new SupportPlan { Name = (await CreateAsync(urn, YorkPlan())).Name },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
        [
            "support_plan.impact_reviews[1].narrative",
            "support_plan.impact_reviews[1].rag",
            "support_plan.impact_reviews[1].review_date",
            "support_plan.impact_reviews[1].term",
            "support_plan.intended_outcomes[2]",
            "support_plan.interventions[0].end_date",
            "support_plan.interventions[0].estimated_cost_pence",
            "support_plan.interventions[1].kind",
            "support_plan.interventions[1].provider",
            "support_plan.interventions[1].start_date",
            "support_plan.milestones[0].due_date",
        ], FieldsOf(error));
        Assert.Equal(["support_plan_id"], FieldsOf(badYear));
        Assert.Equal(["update_mask"], FieldsOf(noMask));
    }

    [Fact]
    public async Task An_LAs_plans_for_a_year_list_by_school_in_pages()
    {
        var schools = new[] { await SchoolAsync("819"), await SchoolAsync("819"), await SchoolAsync("819") }.Order().ToArray();
        foreach (var urn in schools) await CreateAsync(urn, YorkPlan());
        await CreateAsync(schools[0], YorkPlan(), year: "2016-17");
        var elsewhere = await SchoolAsync("816");
        await CreateAsync(elsewhere, YorkPlan());

        var request = new ListSupportPlansRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/819", AcademicYear = 2015, PageSize = 2 };
        var first = await Plans.ListSupportPlansAsync(request);
        var second = await Plans.ListSupportPlansAsync(new ListSupportPlansRequest(request) { PageToken = first.NextPageToken });
        var everyYear = await Plans.ListSupportPlansAsync(new ListSupportPlansRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/819" });
        var oneSchool = await Plans.ListSupportPlansAsync(new ListSupportPlansRequest { Parent = $"schools/{schools[0]}" });
        var otherRequest = await Assert.ThrowsAsync<RpcException>(async () => await Plans.ListSupportPlansAsync(
            new ListSupportPlansRequest(request) { AcademicYear = 2016, PageToken = first.NextPageToken }));

        Assert.Equal(2, first.SupportPlans.Count);
        Assert.Equal(schools.Select(u => $"schools/{u}/supportPlans/2015-16"), first.SupportPlans.Concat(second.SupportPlans).Select(p => p.Name));
        Assert.Empty(second.NextPageToken);
        Assert.Equal(
            [$"schools/{schools[0]}/supportPlans/2016-17", $"schools/{schools[0]}/supportPlans/2015-16", $"schools/{schools[1]}/supportPlans/2015-16", $"schools/{schools[2]}/supportPlans/2015-16"],
            everyYear.SupportPlans.Select(p => p.Name));
        Assert.Equal([$"schools/{schools[0]}/supportPlans/2016-17", $"schools/{schools[0]}/supportPlans/2015-16"], oneSchool.SupportPlans.Select(p => p.Name));
        Assert.Equal(["page_token"], FieldsOf(otherRequest));
    }

    [Fact]
    public async Task A_partner_for_another_LA_finds_no_York_plan_and_York_s_own_partner_does()
    {
        var york = Partners.ActingFor("York LA Officer", "816");
        var middlesbrough = Partners.ActingFor("Middlesbrough LA Officer", "806");
        var urn = await SchoolAsync("816");
        var other = await SchoolAsync("816");
        var created = await CreateAsync(urn, YorkPlan(), headers: york);

        var get = await Assert.ThrowsAsync<RpcException>(async () => await Plans.GetSupportPlanAsync(new GetSupportPlanRequest { Name = created.Name }, middlesbrough));
        var update = await Assert.ThrowsAsync<RpcException>(async () => await Plans.UpdateSupportPlanAsync(new UpdateSupportPlanRequest
        {
            SupportPlan = new SupportPlan { Name = created.Name, Summary = "Changed by Middlesbrough" }, UpdateMask = new FieldMask { Paths = { "summary" } },
        }, middlesbrough));
        var create = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(other, YorkPlan(), headers: middlesbrough));
        var listSchool = await Assert.ThrowsAsync<RpcException>(async () => await Plans.ListSupportPlansAsync(new ListSupportPlansRequest { Parent = $"schools/{urn}" }, middlesbrough));
        var listYork = await Assert.ThrowsAsync<RpcException>(async () => await Plans.ListSupportPlansAsync(
            new ListSupportPlansRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/816" }, middlesbrough));
        var listAcross = await Assert.ThrowsAsync<RpcException>(async () => await Plans.ListSupportPlansAsync(new ListSupportPlansRequest { Parent = "schools/-" }, middlesbrough));
        var listOwn = await Plans.ListSupportPlansAsync(new ListSupportPlansRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/806" }, middlesbrough);

        var read = await Plans.GetSupportPlanAsync(new GetSupportPlanRequest { Name = created.Name }, york);
        var updated = await Plans.UpdateSupportPlanAsync(new UpdateSupportPlanRequest
        {
            SupportPlan = new SupportPlan { Name = created.Name, Etag = created.Etag, Summary = "Changed by York" }, UpdateMask = new FieldMask { Paths = { "summary" } },
        }, york);
        var yorkList = await Plans.ListSupportPlansAsync(new ListSupportPlansRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/816" }, york);

        Assert.Equal([StatusCode.NotFound, StatusCode.NotFound, StatusCode.NotFound, StatusCode.NotFound],
            new[] { get, update, create, listSchool }.Select(e => e.StatusCode));
        Assert.Equal([StatusCode.PermissionDenied, StatusCode.PermissionDenied], new[] { listYork, listAcross }.Select(e => e.StatusCode));
        Assert.Empty(listOwn.SupportPlans);
        Assert.Equal(created, read);
        Assert.Equal("Changed by York", updated.Summary);
        Assert.Contains(yorkList.SupportPlans, p => p.Name == created.Name);
        Assert.Equal(StatusCode.NotFound,
            (await Assert.ThrowsAsync<RpcException>(async () => await Plans.GetSupportPlanAsync(new GetSupportPlanRequest { Name = $"schools/{other}/supportPlans/2015-16" }, york))).StatusCode);
    }
}
