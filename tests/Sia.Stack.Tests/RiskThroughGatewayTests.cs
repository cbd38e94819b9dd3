using System.Diagnostics;
using Grpc.Core;
using Sia.Risk.V1;
using Sia.Testing;

namespace Sia.Stack.Tests;

/// <summary>
/// The risk service behind the gateway, on the demo data the stack loads: York's officer reads York's round and nothing of
/// Middlesbrough's; Middlesbrough's scrutiny key reads its notification and acknowledges it but changes nothing else; and
/// the call is one trace from the gateway through the risk service to its database.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RiskThroughGatewayTests(StackFixture stack)
{
    private static readonly TimeSpan DemoPatience = TimeSpan.FromMinutes(1);
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private AssessmentService.AssessmentServiceClient Assessments => new(stack.Gateway);
    private NotificationService.NotificationServiceClient Notifications => new(stack.Gateway);

    [Fact]
    public async Task Yorks_officer_sees_Yorks_seven_schools_requiring_improvement_and_is_refused_Middlesbrough()
    {
        var york = StackFixture.Bearer(StackFixture.YorkKey);
        var summary = await DemoSummaryAsync(york);

        var middlesbrough = await Assert.ThrowsAsync<RpcException>(async () => await Assessments.SummarizeAssessmentsAsync(
            new SummarizeAssessmentsRequest { LocalAuthority = "localAuthorities/806", AcademicYear = 2014 }, york, Deadline, Cancellation));
        var registryKey = await Assert.ThrowsAsync<RpcException>(async () => await Assessments.SummarizeAssessmentsAsync(
            new SummarizeAssessmentsRequest { LocalAuthority = "localAuthorities/816", AcademicYear = 2015 }, StackFixture.Bearer(StackFixture.DemoKey), Deadline, Cancellation));

        Assert.Equal(7, summary.Categories.Single(c => c.Category == "3").Count);
        Assert.Equal(StatusCode.PermissionDenied, middlesbrough.StatusCode);
        Assert.Contains("localAuthorities/806", middlesbrough.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, registryKey.StatusCode);
        Assert.Contains("AssessmentService/SummarizeAssessments", registryKey.Status.Detail);
    }

    [Fact]
    public async Task Middlesbroughs_scrutiny_reads_and_acknowledges_its_notification_and_its_read_key_changes_nothing_else()
    {
        var scrutiny = StackFixture.Bearer(StackFixture.MiddlesbroughKey);
        ListNotificationsResponse? listed = null;
        await Until.TrueAsync(async () => (listed = await Notifications.ListNotificationsAsync(
            new ListNotificationsRequest { Parent = "localAuthorities/806" }, scrutiny, Deadline, Cancellation)).Notifications.Count > 0,
            "the demo's notification of North Ormesby");

        var notification = Assert.Single(listed!.Notifications);
        var acknowledged = await Notifications.AcknowledgeNotificationAsync(new AcknowledgeNotificationRequest { Name = notification.Name }, scrutiny, Deadline, Cancellation);
        var write = await Assert.ThrowsAsync<RpcException>(async () => await Assessments.CorrectAssessmentAsync(
            new CorrectAssessmentRequest { Name = "schools/990102/assessments/2014-15-autumn", Reason = "A read key may not." }, scrutiny, Deadline, Cancellation));

        Assert.Equal("schools/990102", notification.School);
        Assert.Equal("Middlesbrough Scrutiny", acknowledged.AcknowledgedBy);
        Assert.Equal(StatusCode.PermissionDenied, write.StatusCode);
        Assert.Contains("sia.risk.v1.*:read", write.Status.Detail);
    }

    [Fact]
    public async Task A_risk_call_is_one_trace_from_the_gateway_through_the_risk_service_to_its_database()
    {
        var york = StackFixture.Bearer(StackFixture.YorkKey);
        await DemoSummaryAsync(york);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        york.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Parent = "schools/-", LocalAuthority = "localAuthorities/816", AcademicYear = 2015 },
            york, Deadline, Cancellation);

        var trace = await DashboardTelemetry.WaitForAsync(() => stack.Telemetry.TraceAsync(traceId, Cancellation),
            spans => spans.Any(s => s is { Service: "risk", Scope: "Npgsql" }) && spans.Count(s => s.Kind == ActivityKind.Server) >= 2, TimeSpan.FromSeconds(30));

        var gatewayServer = Assert.Single(trace, s => s is { Service: "gateway", Kind: ActivityKind.Server });
        var proxyClient = Assert.Single(trace, s => s is { Service: "gateway", Kind: ActivityKind.Client });
        var riskServer = Assert.Single(trace, s => s is { Service: "risk", Kind: ActivityKind.Server });
        Assert.Equal("POST /sia.risk.v1.AssessmentService/{method}", gatewayServer.Name);
        Assert.Equal(proxyClient.SpanId, riskServer.ParentSpanId);
        Assert.Equal("/sia.risk.v1.AssessmentService/ListAssessments", riskServer.Attributes["url.path"]);
        Assert.DoesNotContain(trace, s => s.Service == "registry"); // the risk service answers from its own copy
    }

    /// <summary>York's 2015/16 summary once the risk service has loaded its demo (it waits for its copy of the registry first).</summary>
    private async Task<AssessmentSummary> DemoSummaryAsync(Metadata york)
    {
        AssessmentSummary? summary = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < DemoPatience)
        {
            try
            {
                summary = (await Assessments.SummarizeAssessmentsAsync(new SummarizeAssessmentsRequest
                {
                    LocalAuthority = "localAuthorities/816",
                    AcademicYear = 2015,
                    PublishedOnly = true,
                }, york, Deadline, Cancellation)).Summaries[0];
                if (summary.Assessed == 12) return summary;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                // No framework published yet.
            }
            await Task.Delay(250, Cancellation);
        }
        throw new TimeoutException($"York's demo round was not loaded within {DemoPatience}: {summary}");
    }
}
