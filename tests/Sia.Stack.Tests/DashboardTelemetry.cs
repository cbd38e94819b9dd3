using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sia.Stack.Tests;

/// <summary>One span as the dashboard's telemetry API gives it (OTLP/JSON), with its resource's service name and instance.</summary>
public sealed record Span(string Service, string InstanceId, string Scope, string Name, ActivityKind Kind, string TraceId, string SpanId,
    string? ParentSpanId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A resource that sent the dashboard telemetry, and which kinds.</summary>
public sealed record TelemetryResource(string Name, bool HasLogs, bool HasTraces, bool HasMetrics);

/// <summary>
/// The Aspire dashboard's telemetry HTTP API (/api/telemetry/...), with the API key the AppHost gave the dashboard
/// (AppHost:DashboardApiKey): the traces, as a developer sees them in the dashboard.
/// </summary>
public sealed class DashboardTelemetry(Uri dashboard, string apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = dashboard, DefaultRequestHeaders = { { "x-api-key", apiKey } } };

    public Task<IReadOnlyList<Span>> TraceAsync(string traceId, CancellationToken cancellationToken) =>
        GetSpansAsync($"/api/telemetry/traces/{traceId}", cancellationToken);

    /// <summary>The resource's latest spans (up to <paramref name="limit"/>).</summary>
    public Task<IReadOnlyList<Span>> SpansAsync(string resource, int limit, CancellationToken cancellationToken) =>
        GetSpansAsync($"/api/telemetry/spans?resource={resource}&limit={limit}", cancellationToken);

    public async Task<IReadOnlyList<TelemetryResource>> ResourcesAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("/api/telemetry/resources", cancellationToken);
        if (!response.IsSuccessStatusCode) return [];
        return await response.Content.ReadFromJsonAsync<List<TelemetryResource>>(JsonSerializerOptions.Web, cancellationToken) ?? [];
    }

    /// <summary>Asks again (spans are exported every second) until <paramref name="done"/> holds, or fails with the last answer.</summary>
    public static async Task<IReadOnlyList<Span>> WaitForAsync(Func<Task<IReadOnlyList<Span>>> ask, Func<IReadOnlyList<Span>, bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var spans = await ask();
            if (done(spans)) return spans;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"After {limit}, the spans were still:\n{string.Join("\n", spans.Select(s => $"{s.Service} {s.Scope} {s.Kind} {s.Name}"))}");
            await Task.Delay(250);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<IReadOnlyList<Span>> GetSpansAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode) return [];
        return Parse(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    /// <summary>{data: {resourceSpans: [{resource: {attributes}, scopeSpans: [{scope: {name}, spans: [...]}]}]}}</summary>
    private static List<Span> Parse(JsonElement body)
    {
        var spans = new List<Span>();
        if (!body.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resources)) return spans;
        foreach (var resource in resources.EnumerateArray())
        {
            var resourceAttributes = Attributes(resource.GetProperty("resource"));
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                var scopeName = scope.GetProperty("scope").GetProperty("name").GetString() ?? "";
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new Span(resourceAttributes.GetValueOrDefault("service.name", ""), resourceAttributes.GetValueOrDefault("service.instance.id", ""),
                        scopeName, span.GetProperty("name").GetString() ?? "", KindOf(span.GetProperty("kind").GetInt32()),
                        span.GetProperty("traceId").GetString() ?? "", span.GetProperty("spanId").GetString() ?? "",
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } parentId ? parentId : null,
                        Attributes(span)));
                }
            }
        }
        return spans;
    }

    private static Dictionary<string, string> Attributes(JsonElement element) =>
        element.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => ValueText(a.GetProperty("value")))
            : [];

    private static string ValueText(JsonElement value) => value.EnumerateObject().FirstOrDefault() is { Value: var inner } ? inner.ToString() : "";

    // OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
    private static ActivityKind KindOf(int otlpKind) => otlpKind switch
    {
        2 => ActivityKind.Server,
        3 => ActivityKind.Client,
        4 => ActivityKind.Producer,
        5 => ActivityKind.Consumer,
        _ => ActivityKind.Internal,
    };
}
