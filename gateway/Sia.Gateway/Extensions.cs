using Grpc.Core;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Sia.Gateway.Grpc;
using Sia.Gateway.Hosting;
using Sia.Gateway.Partners;
using Sia.Gateway.Proxy;
using Sia.Gateway.RateLimiting;
using Sia.Gateway.Streaming;

namespace Sia.Gateway;

public static class Extensions
{
    /// <summary>
    /// The gateway's services: YARP with the routes and clusters of ReverseProxy, partner keys, rate limits and the
    /// endpoints (see <see cref="GatewayEndpoints"/>), all from configuration. Call after AddServiceDefaults.
    /// </summary>
    public static void AddGatewayServices(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GatewayOptions.Section);
        var settings = section.Get<GatewayOptions>(GatewayOptions.Strictly) ?? new GatewayOptions();
        builder.Services.AddOptions<GatewayOptions>().Bind(section, GatewayOptions.Strictly).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        // The gateway serves only grpc.health.v1 and reflection itself: without this grpc-dotnet's catch-all for unknown
        // methods would answer before the gateway's fallback below, which names the path the partner called.
        builder.Services.AddGrpc(options => options.IgnoreUnknownServices = true);
        builder.AddGatewayReflection();
        // YARP registers data protection for session affinity cookies, which the gateway never issues: keep keys in memory.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddSingleton<PartnerDirectory>();
        builder.Services.AddSingleton<FailedAuthenticationThrottle>();
        builder.Services.AddSingleton<PartnerStreamLimitMiddleware>();
        builder.Services.AddRateLimiter(options => PartnerRateLimiter.Configure(options, settings.RateLimit));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms<PartnerHeadersTransform>()
            .ConfigureHttpClient((_, handler) => handler.ConnectTimeout = settings.ConnectTimeout);
        GatewayEndpoints.Configure(builder, settings.Tls);
    }

    /// <summary>
    /// The proxy, behind partner keys, rate limits, metadata checks and stream caps; reflection; and the fallback for paths no
    /// route serves. Reflection and MapDefaultEndpoints' /health, /alive and grpc.health.v1 stay outside the proxy pipeline:
    /// no key, no rate limit.
    /// </summary>
    public static void MapGatewayEndpoints(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<PartnerAuthenticationMiddleware>();
            proxy.UseRateLimiter();
            proxy.UseMiddleware<ForwardableHeadersMiddleware>();
            proxy.UseMiddleware<PartnerStreamLimitMiddleware>();
            proxy.UseMiddleware<ProxyErrorMiddleware>();
            proxy.UseMiddleware<RequestBodyMiddleware>();
            // No UseSessionAffinity: partners' calls carry no affinity cookie, and any instance of a service may answer.
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapGrpcReflectionService();
        // A gRPC call to a method no route serves: UNIMPLEMENTED, as a gRPC server answers, rather than a bare 404.
        app.MapFallback("{**path}", context => context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
            ? TrailersOnly.WriteAsync(context, StatusCode.Unimplemented, $"The SIA gateway serves no method {context.Request.Path}.")
            : Results.NotFound().ExecuteAsync(context));
    }
}
