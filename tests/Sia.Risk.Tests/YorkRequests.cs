using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Risk.V1;

namespace Sia.Risk.Tests;

/// <summary>What a call answered: its status and detail (an import: NOT_FOUND with the reason when its row was refused).</summary>
public sealed record Outcome(StatusCode Code, string Detail);

/// <summary>
/// A request aimed at York's data (LA 816) in the demo, for one RPC, made with the given partner headers; the status a
/// partner that does not act for York gets (<see cref="Denial"/>), and what its detail must name.
/// </summary>
public sealed record YorkRequest(string Method, string Aim, StatusCode Denial, string Names, Func<GrpcChannel, Metadata, Task> Call)
{
    public override string ToString() => $"{Method}: {Aim}";

    public async Task<Outcome> SendAsync(GrpcChannel channel, Metadata headers)
    {
        try
        {
            await Call(channel, headers);
            return new Outcome(StatusCode.OK, "");
        }
        catch (RpcException e)
        {
            return new Outcome(e.StatusCode, e.Status.Detail);
        }
    }
}

/// <summary>
/// One or more requests per RPC of sia.risk.v1, aimed at York's data: an LA's frameworks, notifications and priorities, and
/// lists across an LA's schools, are PERMISSION_DENIED to a partner that does not act for the LA (its detail naming whom the
/// partner acts for); a school's assessments and support plans NOT_FOUND (naming the resource); an indicators file's row
/// for the school is refused as for a school not known. York's partner gets OK, or an error that is not about access (a
/// stale etag, a move its state does not allow).
/// </summary>
public static class YorkRequests
{
    private const string York = "localAuthorities/816";
    private const string Framework = York + "/frameworks/2015-16";
    private const string Assessment = "schools/990001/assessments/2015-16-autumn";
    private const string SupportPlan = "schools/990001/supportPlans/2015-16";
    private const string Priority = York + "/priorities/p1-good-or-better";
    private const string Notification = York + "/notifications/1";
    private const string ActsForMiddlesbrough = "acts for localAuthorities/806 only";

    public static IReadOnlyList<YorkRequest> All { get; } =
    [
        new("FrameworkService.GetFramework", "York's draft", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Frameworks(c).GetFrameworkAsync(new GetFrameworkRequest { Name = Framework }, h)),
        new("FrameworkService.ListFrameworks", "York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Frameworks(c).ListFrameworksAsync(new ListFrameworksRequest { Parent = York }, h)),
        new("FrameworkService.ListFrameworkRevisions", "York's 2015-16", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Frameworks(c).ListFrameworkRevisionsAsync(new ListFrameworkRevisionsRequest { Name = Framework }, h)),
        new("FrameworkService.CreateFramework", "York's 2016-17", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
        {
            var content = await Frameworks(c).GetFrameworkAsync(new GetFrameworkRequest { Name = Framework });
            await Frameworks(c).CreateFrameworkAsync(new CreateFrameworkRequest { Parent = York, FrameworkId = "2016-17", Framework = content }, h);
        }),
        new("FrameworkService.UpdateFramework", "York's draft's name", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
        {
            var current = await Frameworks(c).GetFrameworkAsync(new GetFrameworkRequest { Name = Framework });
            await Frameworks(c).UpdateFrameworkAsync(new UpdateFrameworkRequest
            {
                Framework = new Framework { Name = Framework, Etag = current.Etag, DisplayName = current.DisplayName + " (checked)" },
                UpdateMask = new FieldMask { Paths = { "display_name" } },
            }, h);
        }),
        new("FrameworkService.PublishFramework", "York's draft", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
        {
            var current = await Frameworks(c).GetFrameworkAsync(new GetFrameworkRequest { Name = Framework });
            await Frameworks(c).PublishFrameworkAsync(new PublishFrameworkRequest { Name = Framework, Etag = current.Etag }, h);
        }),

        new("AssessmentService.GetAssessment", "a York school's", StatusCode.NotFound, Assessment, async (c, h) =>
            await Assessments(c).GetAssessmentAsync(new GetAssessmentRequest { Name = Assessment }, h)),
        new("AssessmentService.GetAssessment", "a York school's first version", StatusCode.NotFound, Assessment + "@1", async (c, h) =>
            await Assessments(c).GetAssessmentAsync(new GetAssessmentRequest { Name = Assessment + "@1" }, h)),
        new("AssessmentService.ListAssessments", "a York school's", StatusCode.NotFound, "schools/990001", async (c, h) =>
            await Assessments(c).ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/990001" }, h)),
        new("AssessmentService.ListAssessments", "across York's schools", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Assessments(c).ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/-", LocalAuthority = York }, h)),
        new("AssessmentService.ListAssessmentVersions", "a York school's", StatusCode.NotFound, Assessment, async (c, h) =>
            await Assessments(c).ListAssessmentVersionsAsync(new ListAssessmentVersionsRequest { Name = Assessment }, h)),
        new("AssessmentService.CreateAssessment", "a York school's spring round", StatusCode.NotFound, "schools/990005", async (c, h) =>
            await Assessments(c).CreateAssessmentAsync(new CreateAssessmentRequest
            {
                Parent = "schools/990005",
                Assessment = new Assessment { AcademicYear = 2015, Round = V1.Assessment.Types.Round.Spring, AssessmentDate = new Google.Type.Date { Year = 2016, Month = 2, Day = 1 } },
            }, h)),
        new("AssessmentService.UpdateAssessment", "a York school's warning notice", StatusCode.NotFound, Assessment, async (c, h) =>
        {
            var current = await Assessments(c).GetAssessmentAsync(new GetAssessmentRequest { Name = Assessment });
            await Assessments(c).UpdateAssessmentAsync(new UpdateAssessmentRequest
            {
                Assessment = new Assessment { Name = Assessment, Etag = current.Etag, WarningNoticeIssued = true },
                UpdateMask = new FieldMask { Paths = { "warning_notice_issued" } },
            }, h);
        }),
        new("AssessmentService.TransitionAssessment", "a York school's, on to the next state", StatusCode.NotFound, Assessment, async (c, h) =>
        {
            var current = await Assessments(c).GetAssessmentAsync(new GetAssessmentRequest { Name = Assessment });
            var next = current.State == V1.Assessment.Types.State.Published ? V1.Assessment.Types.State.Draft : current.State + 1;
            await Assessments(c).TransitionAssessmentAsync(new TransitionAssessmentRequest { Name = Assessment, Etag = current.Etag, State = next }, h);
        }),
        new("AssessmentService.CorrectAssessment", "a York school's", StatusCode.NotFound, Assessment, async (c, h) =>
        {
            var current = await Assessments(c).GetAssessmentAsync(new GetAssessmentRequest { Name = Assessment });
            await Assessments(c).CorrectAssessmentAsync(new CorrectAssessmentRequest { Name = Assessment, Etag = current.Etag, Reason = "Checked by the authorization tests." }, h);
        }),
        new("AssessmentService.SummarizeAssessments", "York's 2015/16", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Assessments(c).SummarizeAssessmentsAsync(new SummarizeAssessmentsRequest { LocalAuthority = York, AcademicYear = 2015 }, h)),
        // The autumn round, which the demo has done: York's partner is let in and creates nothing.
        new("AssessmentService.RunAssessmentRound", "York's 2015/16 autumn round", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Assessments(c).RunAssessmentRoundAsync(new RunAssessmentRoundRequest { LocalAuthority = York, AcademicYear = 2015, Round = V1.Assessment.Types.Round.Autumn }, h)),

        new("SupportPlanService.GetSupportPlan", "a York school's", StatusCode.NotFound, SupportPlan, async (c, h) =>
            await SupportPlans(c).GetSupportPlanAsync(new GetSupportPlanRequest { Name = SupportPlan }, h)),
        new("SupportPlanService.ListSupportPlans", "a York school's", StatusCode.NotFound, "schools/990001", async (c, h) =>
            await SupportPlans(c).ListSupportPlansAsync(new ListSupportPlansRequest { Parent = "schools/990001" }, h)),
        new("SupportPlanService.ListSupportPlans", "across York's schools", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await SupportPlans(c).ListSupportPlansAsync(new ListSupportPlansRequest { Parent = "schools/-", LocalAuthority = York }, h)),
        new("SupportPlanService.CreateSupportPlan", "a York school's next year", StatusCode.NotFound, "schools/990001", async (c, h) =>
        {
            var plan = await SupportPlans(c).GetSupportPlanAsync(new GetSupportPlanRequest { Name = SupportPlan });
            await SupportPlans(c).CreateSupportPlanAsync(new CreateSupportPlanRequest { Parent = "schools/990001", SupportPlanId = "2016-17", SupportPlan = plan }, h);
        }),
        new("SupportPlanService.UpdateSupportPlan", "a York school's summary", StatusCode.NotFound, SupportPlan, async (c, h) =>
        {
            var current = await SupportPlans(c).GetSupportPlanAsync(new GetSupportPlanRequest { Name = SupportPlan });
            await SupportPlans(c).UpdateSupportPlanAsync(new UpdateSupportPlanRequest
            {
                SupportPlan = new SupportPlan { Name = SupportPlan, Etag = current.Etag, Summary = current.Summary + " Checked." },
                UpdateMask = new FieldMask { Paths = { "summary" } },
            }, h);
        }),

        new("PriorityService.GetPriority", "one of York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Priorities(c).GetPriorityAsync(new GetPriorityRequest { Name = Priority }, h)),
        new("PriorityService.ListPriorities", "York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Priorities(c).ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York }, h)),
        new("PriorityService.CreatePriority", "a new one of York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
        {
            var priority = await Priorities(c).GetPriorityAsync(new GetPriorityRequest { Name = Priority });
            await Priorities(c).CreatePriorityAsync(new CreatePriorityRequest { Parent = York, PriorityId = "checked-access", Priority = priority }, h);
        }),
        new("PriorityService.UpdatePriority", "one of York's titles", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
        {
            var current = await Priorities(c).GetPriorityAsync(new GetPriorityRequest { Name = Priority });
            await Priorities(c).UpdatePriorityAsync(new UpdatePriorityRequest
            {
                Priority = new Priority { Name = Priority, Etag = current.Etag, Title = current.Title + " (checked)" },
                UpdateMask = new FieldMask { Paths = { "title" } },
            }, h);
        }),

        new("NotificationService.GetNotification", "one of York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Notifications(c).GetNotificationAsync(new GetNotificationRequest { Name = Notification }, h)),
        new("NotificationService.ListNotifications", "York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Notifications(c).ListNotificationsAsync(new ListNotificationsRequest { Parent = York }, h)),
        new("NotificationService.AcknowledgeNotification", "one of York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
            await Notifications(c).AcknowledgeNotificationAsync(new AcknowledgeNotificationRequest { Name = Notification }, h)),
        new("NotificationService.WatchNotifications", "York's", StatusCode.PermissionDenied, ActsForMiddlesbrough, async (c, h) =>
        {
            // The service sends the headers once it has let the watcher in; a refusal is a response of trailers only, whose
            // status the stream's first read throws at once. A watcher let in waits for a notification: York has none.
            using var call = Notifications(c).WatchNotifications(new WatchNotificationsRequest { Parent = York }, h, deadline: DateTime.UtcNow.AddSeconds(30));
            await call.ResponseHeadersAsync;
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await call.ResponseStream.MoveNext(wait.Token);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && wait.IsCancellationRequested)
            {
            }
        }),

        new("IndicatorImportService.ImportIndicators", "a row of a York school", StatusCode.NotFound, "urn '990005' is not a school known to the caller", async (c, h) =>
        {
            using var call = new IndicatorImportService.IndicatorImportServiceClient(c).ImportIndicators(h);
            var csv = $"urn,indicator,academic_year,value\n990005,authz_check_pct,2015-16,12.25\n";
            await call.RequestStream.WriteAsync(new ImportIndicatorsRequest { Chunk = ByteString.CopyFrom(Encoding.UTF8.GetBytes(csv)) });
            await call.RequestStream.CompleteAsync();
            var response = await call;
            // A refused row is the import's refusal: as NOT_FOUND, its reason the detail.
            if (response.RejectedRows.FirstOrDefault() is { } refused) throw new RpcException(new Status(StatusCode.NotFound, $"line {refused.LineNumber}: {refused.Reason}"));
        }),
    ];

    private static FrameworkService.FrameworkServiceClient Frameworks(GrpcChannel channel) => new(channel);
    private static AssessmentService.AssessmentServiceClient Assessments(GrpcChannel channel) => new(channel);
    private static SupportPlanService.SupportPlanServiceClient SupportPlans(GrpcChannel channel) => new(channel);
    private static PriorityService.PriorityServiceClient Priorities(GrpcChannel channel) => new(channel);
    private static NotificationService.NotificationServiceClient Notifications(GrpcChannel channel) => new(channel);
}
