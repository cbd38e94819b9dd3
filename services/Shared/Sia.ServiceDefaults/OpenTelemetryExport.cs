using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sia.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs exported over OTLP. Without OpenTelemetry's instrumentation packages (not available
/// here) it subscribes by name to what ASP.NET Core, HttpClient, Npgsql, YARP and our gRPC runtime emit anyway.
/// </summary>
public static class OpenTelemetryExport
{
    public static readonly string[] ActivitySources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "Yarp.ReverseProxy", "Sia.*"];

    public static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "System.Net.Http", "System.Runtime", "Npgsql", "Sia.*"];

    public static void AddOpenTelemetryExport(this IHostApplicationBuilder builder)
    {
        if (OtlpSettings.From(builder.Configuration) is not { } settings) return;
        var resource = Resource(settings, builder.Environment.ApplicationName);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.AddProcessor(new BatchLogRecordExportProcessor(new OtlpLogExporter(settings.ExporterOptions("v1/logs")),
                scheduledDelayMilliseconds: settings.LogDelayMilliseconds));
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, HttpServerSpanTags>();
        builder.Services.AddSingleton(new TelemetryProviders(settings, resource));
        builder.Services.AddHostedService(services => services.GetRequiredService<TelemetryProviders>());
    }

    private static ResourceBuilder Resource(OtlpSettings settings, string applicationName)
    {
        var attributes = new Dictionary<string, string>(settings.ResourceAttributes);
        attributes.Remove("service.instance.id", out var instanceId);
        attributes.Remove("service.name", out var serviceName);
        return ResourceBuilder.CreateEmpty()
            .AddService(settings.ServiceName ?? serviceName ?? applicationName, serviceInstanceId: instanceId, autoGenerateServiceInstanceId: instanceId is null)
            .AddAttributes(attributes.Select(a => new KeyValuePair<string, object>(a.Key, a.Value)));
    }

    /// <summary>The tracer and meter providers, built when the host starts and flushed when it stops.</summary>
    internal sealed class TelemetryProviders(OtlpSettings settings, ResourceBuilder resource) : IHostedService, IDisposable
    {
        private readonly TracerProvider _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(ActivitySources)
            .AddProcessor(new HealthProbeFilter())
            .AddProcessor(new BatchActivityExportProcessor(new OtlpTraceExporter(settings.ExporterOptions("v1/traces")),
                scheduledDelayMilliseconds: settings.TraceDelayMilliseconds))
            .Build();

        private readonly MeterProvider _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddReader(new PeriodicExportingMetricReader(new OtlpMetricExporter(settings.ExporterOptions("v1/metrics")), settings.MetricIntervalMilliseconds))
            .Build();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _tracing.ForceFlush(2000);
            _metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _tracing.Dispose();
            _metrics.Dispose();
        }
    }

    /// <summary>
    /// Drops the spans of health probes (the AppHost asks every second), which would bury real traffic: it runs
    /// before the exporting processor and marks them not recorded, which that processor skips.
    /// </summary>
    private sealed class HealthProbeFilter : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (IsHealthProbe(data)) data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        /// <summary>A health request's span, or a span under one (the database check's query, say); or YARP's active
        /// health checks of its destinations and the requests they make.</summary>
        private static bool IsHealthProbe(Activity activity)
        {
            for (var span = activity; span is not null; span = span.Parent)
            {
                if (span.Source.Name == "Yarp.ReverseProxy" && span.OperationName.Contains("health_check", StringComparison.Ordinal)) return true;
                if (span.Kind != ActivityKind.Server) continue;
                var path = span.GetTagItem("url.path") as string ?? span.DisplayName;
                return path.EndsWith("/health", StringComparison.Ordinal) || path.EndsWith("/alive", StringComparison.Ordinal)
                    || path.Contains("grpc.health.v1.Health/", StringComparison.Ordinal);
            }
            return false;
        }
    }
}
