using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.AppHost.Telemetry;

namespace Sia.AppHost.Tests;

/// <summary>
/// A service on ServiceDefaults exports through the real OpenTelemetry .NET OTLP exporter into the AppHost's collector,
/// configured only by the OTEL_* settings the AppHost gives (as Aspire does), over OTLP/gRPC and OTLP/HTTP.
/// </summary>
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private TelemetryCollector _collector = null!;

    public async ValueTask InitializeAsync() => _collector = await TelemetryCollector.StartAsync(grpcPort: 0, httpPort: 0);

    public ValueTask DisposeAsync() => _collector.DisposeAsync();

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task A_request_arrives_as_one_trace_with_its_logs_and_metrics_under_the_service_name(string protocol)
    {
        await using var service = await StartServiceAsync(protocol, instanceId: $"demo-{protocol}");
        using var http = Http2Client();

        using var health = await http.GetAsync(new Uri(service.Address, "/health"));
        using var alive = await http.GetAsync(new Uri(service.Address, "/alive"));
        using var response = await http.GetAsync(new Uri(service.Address, "/work"));
        var traceId = (await response.Content.ReadAsStringAsync()).Trim();

        // The test's own HttpClient is traced too (the tracer listens process-wide): it is the root.
        var trace = await _collector.Store.WaitForAsync(s => s.Trace(traceId), spans => spans.Count >= 4, TimeSpan.FromSeconds(20));
        var logs = await _collector.Store.WaitForAsync(s => s.Logs("demo"), l => l.Any(r => r.Message.Contains("Working")), TimeSpan.FromSeconds(20));
        var metrics = await _collector.Store.WaitForAsync(s => s.Metrics("demo"), m => m.Any(r => r.Name == "http.server.request.duration"), TimeSpan.FromSeconds(20));

        Assert.Equal(["GET", "GET", "GET /inner", "GET /work"], trace.Select(s => s.Name).Order());
        Assert.All(trace, span => Assert.Equal(new TelemetryResource("demo", $"demo-{protocol}"), span.Resource));
        var work = Assert.Single(trace, s => s.Name == "GET /work");
        Assert.Equal(("Microsoft.AspNetCore", "Server", "/work", "200"), (work.Scope, work.Kind, work.Attributes["url.path"], work.Attributes["http.response.status_code"]));
        var inner = Assert.Single(trace, s => s.Name == "GET /inner");
        var call = Assert.Single(trace, s => s.SpanId == inner.ParentSpanId);
        Assert.Equal(("Client", work.SpanId), (call.Kind, call.ParentSpanId));
        var log = Assert.Single(logs, l => l.Message.Contains("Working"));
        Assert.Equal((traceId, work.SpanId), (log.TraceId, log.SpanId));
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration" && m.Count > 0);
        Assert.DoesNotContain(_collector.Store.Spans("demo"), s => s.Kind == "Server" && s.Attributes.GetValueOrDefault("url.path") is "/health" or "/alive");
    }

    [Fact]
    public async Task The_query_api_serves_a_trace_as_json()
    {
        await using var service = await StartServiceAsync("grpc", instanceId: "demo-query");
        using var http = Http2Client();
        using var response = await http.GetAsync(new Uri(service.Address, "/work"));
        var traceId = (await response.Content.ReadAsStringAsync()).Trim();
        await _collector.Store.WaitForAsync(s => s.Trace(traceId), spans => spans.Count >= 4, TimeSpan.FromSeconds(20));

        using var api = new HttpClient();
        var json = await api.GetStringAsync(new Uri(_collector.OtlpHttpEndpoint, $"/api/traces/{traceId}"));
        var resources = await api.GetStringAsync(new Uri(_collector.OtlpHttpEndpoint, "/api/resources"));

        Assert.Contains($"\"traceId\":\"{traceId}\"", json);
        Assert.Contains("\"serviceName\":\"demo\"", resources);
    }

    [Fact]
    public void The_store_keeps_the_newest_spans_within_its_bound()
    {
        var store = new TelemetryStore(maxSpans: 3);
        var resource = new TelemetryResource("demo", "1");

        store.Add(Enumerable.Range(1, 5).Select(i => new SpanRecord(resource, "test", $"trace-{i}", $"span-{i}", null, $"span {i}", "Internal",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new Dictionary<string, string>(), "Unset", "")));

        Assert.Equal(["trace-3", "trace-4", "trace-5"], store.Spans().Select(s => s.TraceId));
        Assert.Empty(store.Trace("trace-1"));
    }

    /// <summary>A service as an AppHost would start it: ServiceDefaults, with Aspire's OTEL_* variables as configuration.</summary>
    private async Task<RunningService> StartServiceAsync(string protocol, string instanceId)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = (protocol == "grpc" ? _collector.OtlpGrpcEndpoint : _collector.OtlpHttpEndpoint).ToString();
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol;
        builder.Configuration["OTEL_SERVICE_NAME"] = "demo";
        builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}";
        builder.Configuration["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        builder.Configuration["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        builder.Configuration["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("self").ConfigureHttpClient(client =>
        {
            client.DefaultRequestVersion = HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        });
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/inner", () => "inner");
        app.MapGet("/work", async (IHttpClientFactory clients, HttpContext context, ILogger<TelemetryExportTests> logger) =>
        {
            logger.LogWarning("Working on {Path}", context.Request.Path);
            var inner = new Uri($"{context.Request.Scheme}://{context.Request.Host}/inner");
            await clients.CreateClient("self").GetStringAsync(inner);
            return System.Diagnostics.Activity.Current!.TraceId.ToHexString();
        });
        await app.StartAsync();
        return new RunningService(app);
    }

    private static HttpClient Http2Client() => new() { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

    private sealed class RunningService(WebApplication app) : IAsyncDisposable
    {
        public Uri Address { get; } = new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
