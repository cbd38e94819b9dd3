using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sia.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every SIA service calls first: Aspire's ServiceDefaults (OpenTelemetry over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is
/// set, service discovery, resilient HttpClients, health checks), plus grpc.health.v1, HTTP/2 connections that one slow
/// call cannot abort for every other call on them, cancelled calls logged once and, with Gateway:PartnerSigningKey, the
/// calling partner, and whom it acts for, from the gateway's signed x-sia-partner headers (<c>context.GetCallingPartner()</c>).
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";
    private const string GrpcHealthPath = "/grpc.health.v1.Health";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.KeepSharedConnectionsOpen();
        // First, so that it sees what every other interceptor throws.
        builder.AddCancelledCallLogging();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Before the service's own interceptors, which then see the verified partner.
        builder.AddCallingPartnerVerification();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Health probes (the AppHost's, YARP's active checks) would bury real traffic; their children go with them.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = request =>
                    request.RequestUri is not { } uri || !IsHealthProbe(new PathString(uri.AbsolutePath)))
                // Before the exporter, which skips what is not recorded.
                .AddProcessor(new UnrecordedParentFilter()));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddGrpc(); // grpc.health.v1 is a gRPC service; a service's own AddGrpc adds to the same registration
        // "self" answers /alive: the process runs. The service's own checks (its database...) join it in /health.
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// /health (every check: ready to serve), /alive (the process is up) and grpc.health.v1.Health. Mapped in every
    /// environment, not only Development as in Aspire's template: the gateway's active health checks and the AppHost use
    /// them, and they say only Healthy or Unhealthy.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapGrpcHealthChecksService();
        return app;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath) || path.StartsWithSegments(GrpcHealthPath);
}
