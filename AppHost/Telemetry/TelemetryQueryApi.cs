namespace Sia.AppHost.Telemetry;

/// <summary>Read-only JSON over the store, for tests and, later, a dashboard page.</summary>
internal static class TelemetryQueryApi
{
    public static void Map(WebApplication app, TelemetryStore store)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/resources", () => store.Resources());
        api.MapGet("/traces/{traceId}", (string traceId) => store.Trace(traceId.ToLowerInvariant()));
        api.MapGet("/spans", (string? service) => store.Spans(service));
        api.MapGet("/logs", (string? service) => store.Logs(service));
        api.MapGet("/metrics", (string? service) => store.Metrics(service));
    }
}
