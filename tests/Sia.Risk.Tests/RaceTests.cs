using Grpc.Core;
using Sia.Risk.Demo;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using RegistryV1 = Sia.Registry.V1;

namespace Sia.Risk.Tests;

/// <summary>
/// Writers that overlap for certain: the <see cref="CommandGate"/> holds each at the query that locks the row it changes
/// until all have arrived, then lets them go together. One wins; the others are told the resource moved on; nothing is
/// lost or made twice.
/// </summary>
public sealed class RaceTests(RiskStack stack) : IClassFixture<RiskStack>
{
    /// <summary>Frameworks.PublishAsync's lock of the draft.</summary>
    private const string FrameworkLock = "FROM frameworks WHERE la_code";

    /// <summary>Assessments.LockLatestAsync's lock of the latest version.</summary>
    private const string AssessmentLock = "AND is_latest FOR UPDATE";

    private FrameworkService.FrameworkServiceClient Frameworks => new(stack.CreateChannel());
    private AssessmentService.AssessmentServiceClient Assessments => new(stack.CreateChannel());

    [Fact]
    public async Task Two_overlapping_publishes_of_one_draft_make_one_revision_and_the_other_is_told_it_moved_on()
    {
        var york = new Data.FrameworkEntity { LaCode = "831", DisplayName = YorkFramework.DisplayName, Definition = YorkFramework.Definition }.ToMessage();
        var draft = await Frameworks.CreateFrameworkAsync(new CreateFrameworkRequest { Parent = "localAuthorities/831", FrameworkId = "2015-16", Framework = york });

        Outcome[] outcomes;
        using (var atTheLock = stack.Gate.HoldBefore(FrameworkLock, count: 2))
        {
            var publishes = Enumerable.Range(0, 2).Select(_ => SendAsync(async () =>
                (await Frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name, Etag = draft.Etag })).Name)).ToList();
            await atTheLock.ReleaseOnceArrivedAsync();
            outcomes = await Task.WhenAll(publishes);
        }

        var won = Assert.Single(outcomes, o => o.Code == StatusCode.OK);
        Assert.Equal("localAuthorities/831/frameworks/2015-16@1", won.Detail);
        var lost = Assert.Single(outcomes, o => o.Code != StatusCode.OK);
        Assert.True(lost.Code is StatusCode.Aborted || (lost.Code is StatusCode.FailedPrecondition && lost.Detail.Contains("not changed since", StringComparison.Ordinal)),
            $"The second publish got {lost.Code}: {lost.Detail}");
        var revisions = await Frameworks.ListFrameworkRevisionsAsync(new ListFrameworkRevisionsRequest { Name = draft.Name });
        Assert.Equal([1], revisions.Frameworks.Select(f => f.Revision));
    }

    [Fact]
    public async Task Overlapping_publications_of_one_assessment_version_publish_it_once_and_notify_scrutiny_once()
    {
        var urn = await stack.SchoolAsync("832", grade: 4, RegistryV1.Inspection.Types.CategoryOfConcern.SpecialMeasures);
        var draft = await Assessments.CreateAssessmentAsync(new CreateAssessmentRequest
        {
            Parent = $"schools/{urn}",
            Assessment = new Assessment { AcademicYear = 2015, Round = Assessment.Types.Round.Autumn, AssessmentDate = new Google.Type.Date { Year = 2015, Month = 10, Day = 1 } },
        });
        var moderated = await MoveAsync(await MoveAsync(draft, Assessment.Types.State.Submitted), Assessment.Types.State.Moderated);

        const int callers = 4;
        Outcome[] outcomes;
        using (var atTheLock = stack.Gate.HoldBefore(AssessmentLock, count: callers))
        {
            var publications = Enumerable.Range(0, callers).Select(_ => SendAsync(async () =>
                (await MoveAsync(moderated, Assessment.Types.State.Published)).State.ToString())).ToList();
            await atTheLock.ReleaseOnceArrivedAsync();
            outcomes = await Task.WhenAll(publications);
        }

        Assert.Equal(nameof(Assessment.Types.State.Published), Assert.Single(outcomes, o => o.Code == StatusCode.OK).Detail);
        Assert.All(outcomes.Where(o => o.Code != StatusCode.OK), o => Assert.Equal(StatusCode.Aborted, o.Code));
        var versions = await Assessments.ListAssessmentVersionsAsync(new ListAssessmentVersionsRequest { Name = draft.Name });
        Assert.Equal([(1, Assessment.Types.State.Published)], versions.Assessments.Select(a => (a.Version, a.State)));
        var notifications = await new NotificationService.NotificationServiceClient(stack.CreateChannel())
            .ListNotificationsAsync(new ListNotificationsRequest { Parent = "localAuthorities/832" });
        var notification = Assert.Single(notifications.Notifications);
        Assert.Contains(Notification.Types.Reason.SpecialMeasures, notification.Reasons);
    }

    private Task<Assessment> MoveAsync(Assessment assessment, Assessment.Types.State state) =>
        Assessments.TransitionAssessmentAsync(new TransitionAssessmentRequest { Name = assessment.Name, State = state, Etag = assessment.Etag }).ResponseAsync;

    /// <summary>OK with what the call returned as the detail, or the refusal.</summary>
    private static async Task<Outcome> SendAsync(Func<Task<string>> call)
    {
        try
        {
            return new Outcome(StatusCode.OK, await call());
        }
        catch (RpcException e)
        {
            return new Outcome(e.StatusCode, e.Status.Detail);
        }
    }
}
