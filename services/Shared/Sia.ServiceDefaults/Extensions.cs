using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sia.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every SIA service calls first, as with Aspire's ServiceDefaults: telemetry over OTLP when the
/// environment asks for it, and health checks served as /health, /alive and grpc.health.v1.
/// gRPC clients find their addresses in Aspire's services__{name}__{endpoint}__0 through AddGrpcClient. With
/// Gateway:PartnerSigningKey, a call's signed x-sia-partner header gives its <c>context.GetCallingPartner()</c>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddOpenTelemetryExport();
        builder.Services.AddGrpc(); // for grpc.health.v1; a service's own AddGrpc adds its options to the same registration
        // "self" answers /alive: the process runs. The service's own checks (its database...) join it in /health.
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        // Before the service's own interceptors, which then see the verified partner.
        builder.AddCallingPartnerVerification();
        return builder;
    }

    /// <summary>/health (every check: ready to serve), /alive (the process is up) and grpc.health.v1.Health.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapGrpcHealthChecksService();
        return app;
    }
}
