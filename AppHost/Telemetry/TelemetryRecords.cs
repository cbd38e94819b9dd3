namespace Sia.AppHost.Telemetry;

/// <summary>The resource that sent telemetry: OTEL_SERVICE_NAME and the instance id the AppHost gave it.</summary>
public sealed record TelemetryResource(string ServiceName, string InstanceId);

public sealed record SpanRecord(
    TelemetryResource Resource, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, string Kind,
    DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, string> Attributes, string Status, string StatusMessage)
{
    public TimeSpan Duration => End - Start;
}

public sealed record LogRecord(
    TelemetryResource Resource, string Category, DateTimeOffset Time, int SeverityNumber, string SeverityText, string Message,
    string? TraceId, string? SpanId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A metric's latest point per resource: a gauge or sum value, or a histogram's count and sum.</summary>
public sealed record MetricRecord(
    TelemetryResource Resource, string Name, string Unit, string Description, DateTimeOffset Time, double? Value, ulong? Count, double? Sum);
