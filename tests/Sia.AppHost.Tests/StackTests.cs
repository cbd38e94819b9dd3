using System.Diagnostics;
using Grpc.Core;
using Sia.AppHost.Hosting;
using Sia.Registry.V1;

namespace Sia.AppHost.Tests;

/// <summary>The stack the AppHost starts, end to end: through the gateway to the registry and PostgreSQL, and the trace that leaves.</summary>
public sealed class StackTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private static readonly GetSchoolRequest SpecialMeasuresSchool = new() { Name = "schools/990102" };

    private SchoolService.SchoolServiceClient Schools => new(stack.Gateway);
    private LocalAuthorityService.LocalAuthorityServiceClient LocalAuthorities => new(stack.Gateway);

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task A_call_through_the_gateway_with_the_demo_key_reads_the_demo_data()
    {
        var school = await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer(StackFixture.DemoKey), Deadline);

        Assert.Equal((990102, "806"), (school.Urn, school.LocalAuthorityCode));
    }

    [Fact]
    public async Task No_key_and_a_wrong_key_are_UNAUTHENTICATED()
    {
        var none = await Assert.ThrowsAsync<RpcException>(async () => await Schools.GetSchoolAsync(SpecialMeasuresSchool, new Metadata(), Deadline));
        var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
            await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer("not-a-partner-key"), Deadline));

        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.NotEqual(none.Status.Detail, wrong.Status.Detail);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_PERMISSION_DENIED()
    {
        var reader = StackFixture.Bearer(StackFixture.SchoolsReaderKey);
        await Schools.GetSchoolAsync(SpecialMeasuresSchool, reader, Deadline);

        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await LocalAuthorities.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "localAuthorities/806" }, reader, Deadline));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("LocalAuthorityService/GetLocalAuthority", denied.Status.Detail);
    }

    [Fact]
    public async Task A_partner_past_its_rate_limit_gets_RESOURCE_EXHAUSTED()
    {
        var reader = StackFixture.Bearer(StackFixture.SchoolsReaderKey);
        var calls = Enumerable.Range(0, StackFixture.Burst * 3).Select(async _ =>
        {
            try
            {
                await Schools.GetSchoolAsync(SpecialMeasuresSchool, reader, Deadline);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        });
        var outcomes = await Task.WhenAll(calls);

        Assert.Contains(StatusCode.OK, outcomes);
        Assert.Contains(StatusCode.ResourceExhausted, outcomes);
        Assert.All(outcomes, status => Assert.True(status is StatusCode.OK or StatusCode.ResourceExhausted, $"unexpected {status}"));
        await Task.Delay(TimeSpan.FromSeconds((double)StackFixture.Burst / StackFixture.PermitsPerSecond)); // refilled for the other tests
    }

    [Fact]
    public async Task One_call_is_one_trace_from_the_gateway_through_the_registry_to_PostgreSQL()
    {
        var traceId = await TracedCallAsync();
        var trace = await stack.App.Telemetry.WaitForAsync(store => store.Trace(traceId),
            spans => spans.Any(s => s.Scope == "Npgsql") && spans.Count(s => s.Kind == "Server") >= 3, TimeSpan.FromSeconds(30));

        var gatewayServer = Assert.Single(trace, s => s.Resource.ServiceName == "gateway" && s.Kind == "Server" && s.Scope == "Microsoft.AspNetCore");
        var proxyClient = Assert.Single(trace, s => s.Resource.ServiceName == "gateway" && s.Kind == "Client");
        var registryServer = Assert.Single(trace, s => s.Resource.ServiceName == "registry" && s.Kind == "Server" && s.Scope == "Microsoft.AspNetCore");
        var database = trace.Where(s => s.Resource.ServiceName == "registry" && s.Scope == "Npgsql").ToList();
        Assert.Equal("POST /sia.registry.v1.SchoolService/{method}", gatewayServer.Name);
        Assert.Equal(proxyClient.SpanId, registryServer.ParentSpanId);
        Assert.NotEmpty(database);
        Assert.All(database, span => Assert.Equal("Client", span.Kind));
        Assert.All(trace, span => Assert.StartsWith(span.Resource.ServiceName + "-", span.Resource.InstanceId));
        var spanIds = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace.Where(s => s != gatewayServer), span => Assert.Contains(span.ParentSpanId!, spanIds));
    }

    [Fact]
    public async Task Health_probes_leave_no_traces_in_the_collector()
    {
        // The gateway probes the registry's /health every second here. A call's spans, exported after a few probes, mark
        // the point by which the probes' spans would have arrived too.
        await Task.Delay(StackFixture.HealthCheckInterval * 4);
        var traceId = await TracedCallAsync();
        await stack.App.Telemetry.WaitForAsync(store => store.Trace(traceId), trace => trace.Any(s => s.Scope == "Npgsql"), TimeSpan.FromSeconds(30));

        var spans = stack.App.Telemetry.Spans();
        Assert.DoesNotContain(spans, s => s.Name.Contains("health", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(spans, s => s.Attributes.GetValueOrDefault("url.path") is "/health" or "/alive");
        Assert.DoesNotContain(spans, s => s.Attributes.GetValueOrDefault("url.full")?.EndsWith("/health", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task When_the_registry_dies_the_gateway_answers_UNAVAILABLE_until_the_AppHost_has_restarted_it()
    {
        var before = stack.App.GetResourceState("registry");
        using (var registry = Process.GetProcessById(before.ProcessId!.Value)) registry.Kill();

        var unavailable = await Assert.ThrowsAsync<RpcException>(async () =>
            await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer(StackFixture.DemoKey), Deadline));
        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var after = await stack.App.WaitForResourceAsync("registry",
            s => s.State == ResourceState.Healthy && s.Restarts > before.Restarts, timeout.Token);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        await RetryUntilAsync(async () => await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer(StackFixture.DemoKey), Deadline),
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_registry_that_hangs_shows_as_Unhealthy_and_Healthy_again_once_it_answers()
    {
        var pid = stack.App.GetResourceState("registry").ProcessId!.Value;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await SignalAsync("STOP", pid);
        try
        {
            var hung = await stack.App.WaitForResourceAsync("registry", s => s.State == ResourceState.Unhealthy, timeout.Token);
            Assert.Equal(pid, hung.ProcessId);
        }
        finally
        {
            await SignalAsync("CONT", pid);
        }
        var back = await stack.App.WaitForResourceAsync("registry", s => s.State == ResourceState.Healthy, timeout.Token);

        Assert.Equal(pid, back.ProcessId);
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Calls GetSchool through the gateway as part of a new trace (the caller's traceparent), whose id it returns.</summary>
    private async Task<string> TracedCallAsync()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var headers = StackFixture.Bearer(StackFixture.DemoKey);
        headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await Schools.GetSchoolAsync(SpecialMeasuresSchool, headers, Deadline);
        return traceId;
    }

    /// <summary>The gateway's health checks may still count the destination down for a moment after it is back.</summary>
    private static async Task RetryUntilAsync(Func<Task> call, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && clock.Elapsed < limit)
            {
                await Task.Delay(200);
            }
        }
    }
}
