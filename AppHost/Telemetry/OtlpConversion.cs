using Google.Protobuf;
using Google.Protobuf.Collections;
using Sia.AppHost.Otlp.Collector.Logs;
using Sia.AppHost.Otlp.Collector.Metrics;
using Sia.AppHost.Otlp.Collector.Trace;
using Sia.AppHost.Otlp.Common;
using OtlpMetric = Sia.AppHost.Otlp.Metrics.Metric;
using OtlpResource = Sia.AppHost.Otlp.Resource.Resource;

namespace Sia.AppHost.Telemetry;

/// <summary>From OTLP export requests to the store's records.</summary>
internal static class OtlpConversion
{
    public static IEnumerable<SpanRecord> ToRecords(ExportTraceServiceRequest request) =>
        from resourceSpans in request.ResourceSpans
        let resource = ToResource(resourceSpans.Resource)
        from scopeSpans in resourceSpans.ScopeSpans
        from span in scopeSpans.Spans
        select new SpanRecord(
            resource, scopeSpans.Scope?.Name ?? "", Hex(span.TraceId), Hex(span.SpanId), span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
            span.Name, span.Kind.ToString(), Time(span.StartTimeUnixNano), Time(span.EndTimeUnixNano), ToDictionary(span.Attributes),
            span.Status?.Code.ToString() ?? "Unset", span.Status?.Message ?? "");

    public static IEnumerable<LogRecord> ToRecords(ExportLogsServiceRequest request) =>
        from resourceLogs in request.ResourceLogs
        let resource = ToResource(resourceLogs.Resource)
        from scopeLogs in resourceLogs.ScopeLogs
        from log in scopeLogs.LogRecords
        select new LogRecord(
            resource, scopeLogs.Scope?.Name ?? "", Time(log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano), log.SeverityNumber,
            log.SeverityText, log.Body is null ? "" : Text(log.Body), log.TraceId.IsEmpty ? null : Hex(log.TraceId),
            log.SpanId.IsEmpty ? null : Hex(log.SpanId), ToDictionary(log.Attributes));

    public static IEnumerable<MetricRecord> ToRecords(ExportMetricsServiceRequest request) =>
        from resourceMetrics in request.ResourceMetrics
        let resource = ToResource(resourceMetrics.Resource)
        from scopeMetrics in resourceMetrics.ScopeMetrics
        from metric in scopeMetrics.Metrics
        select ToRecord(resource, metric);

    private static MetricRecord ToRecord(TelemetryResource resource, OtlpMetric metric)
    {
        var record = new MetricRecord(resource, metric.Name, metric.Unit, metric.Description, DateTimeOffset.UnixEpoch, null, null, null);
        switch (metric.DataCase)
        {
            case OtlpMetric.DataOneofCase.Gauge when metric.Gauge.DataPoints.LastOrDefault() is { } point:
                return record with { Time = Time(point.TimeUnixNano), Value = point.HasAsDouble ? point.AsDouble : point.AsInt };
            case OtlpMetric.DataOneofCase.Sum when metric.Sum.DataPoints.Count > 0:
                return record with { Time = Time(metric.Sum.DataPoints.Max(p => p.TimeUnixNano)), Value = metric.Sum.DataPoints.Sum(p => p.HasAsDouble ? p.AsDouble : p.AsInt) };
            case OtlpMetric.DataOneofCase.Histogram when metric.Histogram.DataPoints.Count > 0:
                var points = metric.Histogram.DataPoints;
                return record with { Time = Time(points.Max(p => p.TimeUnixNano)), Count = (ulong)points.Sum(p => (decimal)p.Count), Sum = points.Sum(p => p.Sum) };
            case OtlpMetric.DataOneofCase.ExponentialHistogram when metric.ExponentialHistogram.DataPoints.Count > 0:
                var exponential = metric.ExponentialHistogram.DataPoints;
                return record with { Time = Time(exponential.Max(p => p.TimeUnixNano)), Count = (ulong)exponential.Sum(p => (decimal)p.Count), Sum = exponential.Sum(p => p.Sum) };
            default:
                return record;
        }
    }

    private static TelemetryResource ToResource(OtlpResource? resource)
    {
        var attributes = ToDictionary(resource?.Attributes ?? []);
        return new TelemetryResource(attributes.GetValueOrDefault("service.name", "unknown_service"), attributes.GetValueOrDefault("service.instance.id", ""));
    }

    private static Dictionary<string, string> ToDictionary(RepeatedField<KeyValue> attributes)
    {
        var result = new Dictionary<string, string>();
        foreach (var attribute in attributes) result[attribute.Key] = attribute.Value is null ? "" : Text(attribute.Value);
        return result;
    }

    private static string Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {(kv.Value is null ? "" : Text(kv.Value))}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };

    private static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);

    private static DateTimeOffset Time(ulong unixNanoseconds) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / 100));
}
