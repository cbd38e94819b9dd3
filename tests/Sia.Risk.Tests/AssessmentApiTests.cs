using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Registry.Testing;
using Sia.Risk.V1;
using Sia.Testing;
using RegistryV1 = Sia.Registry.V1;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Tests;

/// <summary>
/// AssessmentService and NotificationService over real HTTP/2 and PostgreSQL, against schools and inspections recorded in
/// a real registry and copied by the risk service: York's framework, an RI school, its assessment through every state, a
/// correction, and a new inspection that recomputes it and notifies scrutiny once.
/// </summary>
public sealed class AssessmentApiTests(RiskStack stack) : IClassFixture<RiskStack>
{
    private AssessmentService.AssessmentServiceClient Assessments => new(stack.CreateChannel());
    private NotificationService.NotificationServiceClient Notifications => new(stack.CreateChannel());

    private static readonly Google.Type.Date AutumnVisit = new() { Year = 2015, Month = 10, Day = 1 };

    private Task<int> SchoolAsync(string la, int grade) => stack.SchoolAsync(la, grade);

    private Task InspectAsync(int urn, Google.Type.Date date, int grade, RegistryV1.Inspection.Types.CategoryOfConcern concern) =>
        stack.InspectAsync(urn, date, grade, concern);

    private Task<Assessment> CreateAsync(int urn, Metadata? headers = null) =>
        Assessments.CreateAssessmentAsync(new CreateAssessmentRequest
        {
            Parent = $"schools/{urn}",
            Assessment = new Assessment { AcademicYear = 2015, Round = Assessment.Types.Round.Autumn, AssessmentDate = AutumnVisit },
        }, headers).ResponseAsync;

    private Task<Assessment> MoveAsync(Assessment assessment, Assessment.Types.State state) =>
        Assessments.TransitionAssessmentAsync(new TransitionAssessmentRequest { Name = assessment.Name, State = state, Etag = assessment.Etag }).ResponseAsync;

    [Fact]
    public async Task An_RI_school_is_assessed_category_3_and_its_result_says_why()
    {
        var urn = await SchoolAsync("816", grade: 3);

        var assessment = await CreateAsync(urn);

        Assert.Equal(($"schools/{urn}/assessments/2015-16-autumn", Assessment.Types.State.Draft, 1), (assessment.Name, assessment.State, assessment.Version));
        Assert.Equal(("localAuthorities/816", "localAuthorities/816/frameworks/2015-16@1"), (assessment.LocalAuthority, assessment.FrameworkRevision));
        Assert.Equal(("3", "Category 3", false), (assessment.Result.Category, assessment.Result.CategoryLabel, assessment.Result.AtRisk));
        var fired = Assert.Single(assessment.Result.FiredRules);
        Assert.Equal("requires_improvement", fired.Rule);
        Assert.Matches(@"^latest inspection schools/\d{6}/inspections/\d+ \(2014-03-05\): overall grade 3, one of 3$", fired.Facts.Single());
        Assert.Equal(new Google.Type.Date { Year = 2016, Month = 9, Day = 5 }, assessment.Result.InspectionDue.Latest);
        Assert.Equal(13, assessment.Result.Criteria.Count);
    }

    [Fact]
    public async Task An_assessment_moves_draft_submitted_moderated_published_and_then_only_a_correction_changes_it()
    {
        var urn = await SchoolAsync("816", grade: 2);
        var draft = await CreateAsync(urn);
        var judged = await Assessments.UpdateAssessmentAsync(new UpdateAssessmentRequest
        {
            Assessment = new Assessment
            {
                Name = draft.Name,
                Etag = draft.Etag,
                Judgements =
                {
                    new CriterionJudgement { Criterion = "leadership_concerns", Judgement = CriterionJudgement.Types.Judgement.Met, Evidence = "Two heads in a year." },
                    new CriterionJudgement { Criterion = "governance_concerns", Judgement = CriterionJudgement.Types.Judgement.Met, Evidence = "No chair." },
                    new CriterionJudgement { Criterion = "change_of_context", Judgement = CriterionJudgement.Types.Judgement.Met, Evidence = "Amalgamated." },
                },
            },
            UpdateMask = new FieldMask { Paths = { "judgements" } },
        });

        var skipped = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(judged, Assessment.Types.State.Published));
        var published = await MoveAsync(await MoveAsync(await MoveAsync(judged, Assessment.Types.State.Submitted), Assessment.Types.State.Moderated), Assessment.Types.State.Published);
        var frozen = await Assert.ThrowsAsync<RpcException>(async () => await Assessments.UpdateAssessmentAsync(new UpdateAssessmentRequest
        {
            Assessment = new Assessment { Name = published.Name, WarningNoticeIssued = true },
            UpdateMask = new FieldMask { Paths = { "warning_notice_issued" } },
        }));
        var corrected = await Assessments.CorrectAssessmentAsync(new CorrectAssessmentRequest { Name = published.Name, Etag = published.Etag, Reason = "Governance was reviewed." });

        Assert.Equal(("2", true), (judged.Result.Category, judged.Result.AtRisk));
        Assert.Equal(StatusCode.FailedPrecondition, skipped.StatusCode);
        Assert.Contains("it can go to submitted, not to published", skipped.Status.Detail);
        Assert.Equal(Assessment.Types.State.Published, published.State);
        Assert.NotNull(published.PublishTime);
        Assert.Equal(StatusCode.FailedPrecondition, frozen.StatusCode);
        Assert.Equal((2, Assessment.Types.State.Draft, "Correction: Governance was reviewed."), (corrected.Version, corrected.State, corrected.VersionReason));
        Assert.Equal(judged.Judgements, corrected.Judgements);
        var first = await Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = $"{published.Name}@1" });
        Assert.Equal((Assessment.Types.State.Published, ""), (first.State, first.Etag));
        var versions = await Assessments.ListAssessmentVersionsAsync(new ListAssessmentVersionsRequest { Name = published.Name });
        Assert.Equal([2, 1], versions.Assessments.Select(a => a.Version));
    }

    [Fact]
    public async Task A_new_inspection_putting_a_school_in_special_measures_republishes_its_result_and_notifies_scrutiny_once()
    {
        var urn = await SchoolAsync("817", grade: 3);
        var published = await MoveAsync(await MoveAsync(await MoveAsync(await CreateAsync(urn), Assessment.Types.State.Submitted),
            Assessment.Types.State.Moderated), Assessment.Types.State.Published);

        await InspectAsync(urn, new Google.Type.Date { Year = 2015, Month = 9, Day = 20 }, 4, RegistryV1.Inspection.Types.CategoryOfConcern.SpecialMeasures);

        Assessment latest = published;
        await Until.TrueAsync(async () => (latest = await Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = published.Name })).Version == 2,
            "the new inspection to make a second version");
        Assert.Equal((Assessment.Types.State.Published, "4", CausingConcern.SpecialMeasures), (latest.State, latest.Result.Category, latest.Result.CausingConcern));
        Assert.StartsWith($"Recomputed: the registry recorded schools/{urn}/inspections/", latest.VersionReason);
        var notifications = (await Notifications.ListNotificationsAsync(new ListNotificationsRequest { Parent = "localAuthorities/817" })).Notifications
            .Where(n => n.School == $"schools/{urn}").ToList();
        var notification = Assert.Single(notifications);
        Assert.Equal([Notification.Types.Reason.SpecialMeasures, Notification.Types.Reason.LowestCategory], notification.Reasons);
        Assert.Equal($"{published.Name}@2", notification.Assessment);
    }

    [Fact]
    public async Task A_partner_sees_the_schools_of_the_LAs_it_acts_for_and_no_others()
    {
        var urn = await SchoolAsync("816", grade: 3);
        var created = await CreateAsync(urn, Partners.ActingFor("York LA Officer", "816"));

        var elsewhere = await Assert.ThrowsAsync<RpcException>(async () =>
            await Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, Partners.ActingFor("Middlesbrough LA Officer", "806")));
        var notYours = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(urn, Partners.ActingFor("Middlesbrough LA Officer", "806")));
        var framework = await Assert.ThrowsAsync<RpcException>(async () => await new FrameworkService.FrameworkServiceClient(stack.CreateChannel())
            .GetFrameworkAsync(new GetFrameworkRequest { Name = "localAuthorities/816/frameworks/2015-16" }, Partners.ActingFor("Middlesbrough LA Officer", "806")));
        var yours = await Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = created.Name }, Partners.ActingFor("York LA Officer", "816"));

        Assert.Equal(StatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(StatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, framework.StatusCode);
        Assert.Contains("The partner 'Middlesbrough LA Officer' acts for localAuthorities/806 only", framework.Status.Detail);
        Assert.Equal(created.Name, yours.Name);
    }

    [Fact]
    public async Task An_LAs_assessments_list_by_school_filter_by_category_page_and_count_by_category()
    {
        var ri = await SchoolAsync("818", grade: 3);
        var inadequate = await SchoolAsync("818", grade: 4);
        var good = await SchoolAsync("818", grade: 2);
        foreach (var urn in new[] { ri, inadequate, good }) await CreateAsync(urn);

        var all = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/818" });
        var notGood = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/818", Categories = { "3", "4" } });
        var first = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/818", PageSize = 2 });
        var second = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest
        {
            Parent = "schools/-", LocalAuthority = "localAuthorities/818", PageSize = 2, PageToken = first.NextPageToken,
        });
        var dueSoon = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest
        {
            Parent = "schools/-", LocalAuthority = "localAuthorities/818", InspectionDueBefore = new Google.Type.Date { Year = 2016, Month = 12, Day = 31 },
        });

        Assert.Equal(new[] { ri, inadequate, good }.Order().Select(u => $"schools/{u}"), all.Assessments.Select(a => a.School));
        Assert.Equal(new[] { ri, inadequate }.Order().Select(u => $"schools/{u}"), notGood.Assessments.Select(a => a.School));
        Assert.Equal(all.Assessments, first.Assessments.Concat(second.Assessments));
        Assert.Empty(second.NextPageToken);
        Assert.Equal(new[] { ri, inadequate }.Order().Select(u => $"schools/{u}"), dueSoon.Assessments.Select(a => a.School));

        var summary = await Assessments.SummarizeAssessmentsAsync(new SummarizeAssessmentsRequest
        {
            LocalAuthority = "localAuthorities/818", AcademicYear = 2015, InspectionDueBefore = new Google.Type.Date { Year = 2016, Month = 12, Day = 31 },
        });
        Assert.Equal(["localAuthorities/818", "localAuthorities/818/clusters/-"], summary.Summaries.Select(s => s.Scope));
        var la = summary.Summaries[0];
        Assert.Equal((3, 0, 0, 2), (la.Assessed, la.AtRisk, la.CausingConcern, la.DueForInspection));
        Assert.Equal([("1", 1), ("2", 0), ("3", 1), ("4", 1)], la.Categories.Select(c => (c.Category, c.Count)));
        Assert.Equal("Category 4", la.Categories[3].Label);
    }

    [Fact]
    public async Task A_partner_lists_only_within_an_LA_it_acts_for()
    {
        var across = await Assert.ThrowsAsync<RpcException>(async () =>
            await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/-" }, Partners.ActingFor("York LA Officer", "816")));
        var other = await Assert.ThrowsAsync<RpcException>(async () => await Assessments.ListAssessmentsAsync(
            new ListAssessmentsRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/818" }, Partners.ActingFor("York LA Officer", "816")));
        var own = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/816" },
            Partners.ActingFor("York LA Officer", "816"));

        Assert.Equal(StatusCode.PermissionDenied, across.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.All(own.Assessments, a => Assert.Equal("localAuthorities/816", a.LocalAuthority));
    }

    [Fact]
    public async Task Without_a_published_framework_or_for_a_school_the_copy_lacks_an_assessment_is_FAILED_PRECONDITION()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(999_998));

        Assert.Equal(StatusCode.FailedPrecondition, unknown.StatusCode);
        Assert.Contains("copy of the registry has no schools/999998", unknown.Status.Detail);
    }
}
