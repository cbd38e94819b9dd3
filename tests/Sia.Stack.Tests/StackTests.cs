using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Npgsql;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Stack.Tests;

/// <summary>The stack the AppHost starts, end to end: through the gateway to the registry and PostgreSQL, and the trace it leaves.</summary>
[Collection(StackCollection.Name)]
public sealed class StackTests(StackFixture stack)
{
    private static readonly GetSchoolRequest SpecialMeasuresSchool = new() { Name = "schools/990102" };
    private static readonly TimeSpan TelemetryPatience = TimeSpan.FromSeconds(30);

    private SchoolService.SchoolServiceClient Schools => new(stack.Gateway);
    private LocalAuthorityService.LocalAuthorityServiceClient LocalAuthorities => new(stack.Gateway);
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_through_the_gateway_with_the_demo_key_reads_the_demo_data()
    {
        var school = await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer(StackFixture.DemoKey), Deadline, Cancellation);

        Assert.Equal((990102, "806"), (school.Urn, school.LocalAuthorityCode));
    }

    [Fact]
    public async Task The_risk_service_copies_the_registrys_schools_and_inspections_through_its_change_stream()
    {
        var registryDb = await stack.App.GetConnectionStringAsync("registrydb", Cancellation);
        var riskDb = await stack.App.GetConnectionStringAsync("riskdb", Cancellation);
        var registry = (await CountAsync(registryDb, "schools"), await CountAsync(registryDb, "inspections"));

        await Until.TrueAsync(async () => (await CountAsync(riskDb, "registry_schools"), await CountAsync(riskDb, "registry_inspections")) == registry,
            "the risk service to copy the registry's schools and inspections");

        Assert.True(registry.Item1 > 0 && registry.Item2 > 0, $"the demo data: {registry}");
    }

    [Fact]
    public async Task No_key_and_a_wrong_key_are_UNAUTHENTICATED()
    {
        var none = await Assert.ThrowsAsync<RpcException>(async () => await Schools.GetSchoolAsync(SpecialMeasuresSchool, new Metadata(), Deadline, Cancellation));
        var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
            await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer("not-a-partner-key"), Deadline, Cancellation));

        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.NotEqual(none.Status.Detail, wrong.Status.Detail);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_PERMISSION_DENIED()
    {
        var reader = StackFixture.Bearer(StackFixture.SchoolsReaderKey);
        await Schools.GetSchoolAsync(SpecialMeasuresSchool, reader, Deadline, Cancellation);

        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await LocalAuthorities.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "localAuthorities/806" }, reader, Deadline, Cancellation));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("LocalAuthorityService/GetLocalAuthority", denied.Status.Detail);
    }

    [Fact]
    public async Task A_partner_past_its_rate_limit_gets_RESOURCE_EXHAUSTED()
    {
        var limited = StackFixture.Bearer(StackFixture.RateLimitedKey);
        var calls = Enumerable.Range(0, StackFixture.Burst * 3).Select(async _ =>
        {
            try
            {
                await Schools.GetSchoolAsync(SpecialMeasuresSchool, limited, Deadline, Cancellation);
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
    }

    [Fact]
    public async Task One_call_is_one_trace_in_the_dashboard_from_the_gateway_through_the_registry_to_PostgreSQL()
    {
        var traceId = await TracedCallAsync();

        var trace = await DashboardTelemetry.WaitForAsync(() => stack.Telemetry.TraceAsync(traceId, Cancellation),
            spans => spans.Any(s => s.Scope == "Npgsql") && spans.Count(s => s.Kind == ActivityKind.Server) >= 2, TelemetryPatience);

        var gatewayServer = Assert.Single(trace, s => s is { Service: "gateway", Kind: ActivityKind.Server });
        var proxyClient = Assert.Single(trace, s => s is { Service: "gateway", Kind: ActivityKind.Client });
        var registryServer = Assert.Single(trace, s => s is { Service: "registry", Kind: ActivityKind.Server });
        var database = trace.Where(s => s is { Service: "registry", Scope: "Npgsql" }).ToList();
        Assert.Equal("POST /sia.registry.v1.SchoolService/{method}", gatewayServer.Name);
        Assert.Equal(gatewayServer.SpanId, proxyClient.ParentSpanId);
        Assert.Equal(proxyClient.SpanId, registryServer.ParentSpanId);
        Assert.Equal("/sia.registry.v1.SchoolService/GetSchool", registryServer.Attributes["url.path"]);
        Assert.NotEmpty(database);
        Assert.All(database, span => Assert.Equal(ActivityKind.Client, span.Kind));
        Assert.All(trace, span => Assert.NotEmpty(span.InstanceId));
        var spanIds = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace.Where(s => s != gatewayServer), span => Assert.Contains(span.ParentSpanId!, spanIds));
    }

    [Fact]
    public async Task The_services_send_the_dashboard_their_traces_structured_logs_and_metrics()
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<TelemetryResource> resources;
        do
        {
            resources = await stack.Telemetry.ResourcesAsync(Cancellation);
            if (resources.Count(r => r is { Name: "registry" or "gateway" or "risk", HasLogs: true, HasTraces: true, HasMetrics: true }) == 3) return;
            await Task.Delay(250, Cancellation);
        }
        while (clock.Elapsed < TelemetryPatience);
        Assert.Fail($"The dashboard has: {string.Join("; ", resources)}");
    }

    [Fact]
    public async Task Health_probes_leave_no_traces_in_the_dashboard()
    {
        // The AppHost probed both services before the stack was healthy, and the gateway probed the registry as it started
        // (then every second); the test probes both once more, as the AppHost does. A process exports its spans in the
        // order they end, so once a later call's spans from both services are in the dashboard, the probes' would be too.
        foreach (var service in new[] { "registry", "gateway" }) await ProbeHealthAsync(service);
        var traceId = await TracedCallAsync();
        await DashboardTelemetry.WaitForAsync(() => stack.Telemetry.TraceAsync(traceId, Cancellation),
            spans => spans.Any(s => s.Scope == "Npgsql") && spans.Any(s => s is { Service: "gateway", Kind: ActivityKind.Server }), TelemetryPatience);

        foreach (var service in new[] { "gateway", "registry" })
        {
            var spans = await stack.Telemetry.SpansAsync(service, limit: 1000, Cancellation);
            Assert.NotEmpty(spans);
            Assert.DoesNotContain(spans, s => s.Name.Contains("health", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(spans, s => s.Attributes.GetValueOrDefault("url.path") is "/health" or "/alive");
            Assert.DoesNotContain(spans, s => s.Attributes.GetValueOrDefault("url.full")?.EndsWith("/health", StringComparison.Ordinal) == true);
            // A probe's own database query (the registry's /health checks its database) would be a span without its parent.
            // (Queries with no parent at all are the registry's own: its migrations and demo data at start-up, and the reads
            // of its change stream, which the risk service follows for as long as it runs.)
            Assert.All(spans.Where(s => s.ParentSpanId is not null && s.Scope == "Npgsql"),
                s => Assert.Contains(spans, parent => parent.SpanId == s.ParentSpanId));
        }
    }

    [Fact]
    public async Task A_killed_registry_is_reported_the_gateway_answers_UNAVAILABLE_and_a_restart_brings_it_back()
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        using (var registry = Process.GetProcessById(Pid("registry"))) registry.Kill();

        var unavailable = await Assert.ThrowsAsync<RpcException>(async () =>
            await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer(StackFixture.DemoKey), Deadline, limit.Token));
        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);
        var exited = await stack.App.ResourceNotifications.WaitForResourceAsync("registry",
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), limit.Token);
        Assert.NotEqual(0, exited.Snapshot.ExitCode);

        var started = await stack.App.ResourceCommands.ExecuteCommandAsync("registry", KnownResourceCommands.StartCommand, limit.Token);
        Assert.True(started.Success, started.Message);
        await stack.App.ResourceNotifications.WaitForResourceHealthyAsync("registry", limit.Token);
        await RetryWhileUnavailableAsync(async () => await Schools.GetSchoolAsync(SpecialMeasuresSchool, StackFixture.Bearer(StackFixture.DemoKey), Deadline, limit.Token),
            TimeSpan.FromSeconds(30));
    }

    private static async Task<long> CountAsync(string? connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancellation);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await count.ExecuteScalarAsync(Cancellation))!;
    }

    private int Pid(string resource) =>
        stack.App.ResourceNotifications.TryGetCurrentState(resource, out var state)
        && state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{resource} has no process id");

    /// <summary>GET /health over h2c, as the AppHost's health checks ask it.</summary>
    private async Task ProbeHealthAsync(string service)
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.GetAsync(new Uri(stack.App.GetEndpoint(service, "http"), "/health"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Calls GetSchool through the gateway as part of a new trace (the caller's traceparent), whose id it returns.</summary>
    private async Task<string> TracedCallAsync()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var headers = StackFixture.Bearer(StackFixture.DemoKey);
        headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await Schools.GetSchoolAsync(SpecialMeasuresSchool, headers, Deadline, Cancellation);
        return traceId;
    }

    /// <summary>The gateway's health checks may still count the destination down for a moment after it is back.</summary>
    private static async Task RetryWhileUnavailableAsync(Func<Task> call, TimeSpan limit)
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
                await Task.Delay(200, Cancellation);
            }
        }
    }
}
