using Grpc.Core;
using Sia.AppHost.Otlp.Collector.Logs;
using Sia.AppHost.Otlp.Collector.Metrics;
using Sia.AppHost.Otlp.Collector.Trace;

namespace Sia.AppHost.Telemetry;

/// <summary>OTLP/gRPC receivers, one per signal, as served by an OpenTelemetry collector.</summary>
internal sealed class TraceReceiver(TelemetryStore store) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        store.Add(OtlpConversion.ToRecords(request));
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

internal sealed class LogsReceiver(TelemetryStore store) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        store.Add(OtlpConversion.ToRecords(request));
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}

internal sealed class MetricsReceiver(TelemetryStore store) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        store.Add(OtlpConversion.ToRecords(request));
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
