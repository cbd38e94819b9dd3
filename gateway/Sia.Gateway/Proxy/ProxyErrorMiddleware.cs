using Grpc.Core;
using Sia.Gateway.Grpc;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Sia.Gateway.Proxy;

/// <summary>
/// Turns YARP's forwarding failures (a refused or timed-out connection, no destination, a reset backend), which it
/// answers with a bare 502/503/504, into the gRPC status a client can act on: UNAVAILABLE, naming the service.
/// </summary>
public sealed partial class ProxyErrorMiddleware(RequestDelegate next, ILogger<ProxyErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { } error || context.Response.HasStarted) return;

        var service = context.Features.Get<IReverseProxyFeature>()?.Cluster?.Config.ClusterId ?? "backend";
        LogForwardingFailed(logger, context.Request.Path.Value, service, error.Error, error.Exception?.Message);
        context.Response.Clear();
        if (error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            await TrailersOnly.WriteAsync(context, StatusCode.Cancelled, "The call was cancelled by the client.");
            return;
        }
        await TrailersOnly.WriteAsync(context, StatusCode.Unavailable,
            $"The {service} service is unavailable ({Describe(error.Error)}); retry with backoff.");
    }

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.NoAvailableDestinations => "no healthy instance",
        ForwarderError.Request => "could not connect or send the call",
        ForwarderError.RequestTimedOut => "no answer in time",
        _ => $"proxy error {error}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forward {Method} to {Service}: {Error} {Reason}")]
    private static partial void LogForwardingFailed(ILogger logger, string? method, string service, ForwarderError error, string? reason);
}
