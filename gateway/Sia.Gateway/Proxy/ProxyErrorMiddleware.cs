using Grpc.Core;
using Sia.Gateway.Grpc;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Sia.Gateway.Proxy;

/// <summary>
/// Turns YARP's forwarding failures, which it answers with a bare 4xx or 5xx, into the gRPC status a client can act on,
/// and logs each failed call once, without a stack trace where the caller caused it: a request body that did not arrive
/// in time (<see cref="RequestBodyDeadline"/>) is DEADLINE_EXCEEDED; a caller that cancelled or hung up, CANCELLED; a
/// service that refused, dropped or did not answer the call, UNAVAILABLE naming the service. YARP's own log of these is
/// off (Yarp.ReverseProxy.Forwarder.HttpForwarder: Error in appsettings.json), as this logs every one.
/// </summary>
public sealed partial class ProxyErrorMiddleware(RequestDelegate next, ILogger<ProxyErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { } error) return;

        var method = context.Request.Path.Value ?? "";
        var partner = context.User.Identity?.Name;
        var service = context.Features.Get<IReverseProxyFeature>()?.Cluster?.Config.ClusterId ?? "backend";
        var (status, message) = (StatusCode.Unavailable, $"The {service} service is unavailable ({Describe(error.Error)}); retry with backoff.");
        if (context.Features.Get<RequestBodyDeadline>() is { Expired: true } deadline)
        {
            LogRequestBodyTimedOut(logger, method, partner, deadline.Timeout);
            (status, message) = (StatusCode.DeadlineExceeded, deadline.OneMessage
                ? $"The call's request message did not arrive within {deadline.Timeout.TotalSeconds:0.###} s, so the SIA gateway ended the call: " +
                  "send the message with the call, and end the request stream after it."
                : $"Nothing more of the call's request stream arrived for {deadline.Timeout.TotalSeconds:0.###} s, so the SIA gateway ended the call: " +
                  "keep sending, or end the request stream when it is complete.");
        }
        else if (context.RequestAborted.IsCancellationRequested || CausedByCaller(error.Error))
        {
            LogCancelled(logger, method, partner, error.Error);
            (status, message) = (StatusCode.Cancelled, "The call was cancelled by the client.");
        }
        else
        {
            LogForwardingFailed(logger, method, service, error.Error, error.Exception);
        }
        if (context.Response.HasStarted) return;
        context.Response.Clear();
        await TrailersOnly.WriteAsync(context, status, message);
    }

    /// <summary>The caller cancelled, hung up or sent a broken request body, before or while the service answered.</summary>
    private static bool CausedByCaller(ForwarderError error) => error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
        or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient;

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.NoAvailableDestinations => "no healthy instance",
        ForwarderError.Request => "could not connect or send the call",
        ForwarderError.RequestTimedOut => "no answer in time",
        _ => $"proxy error {error}",
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Could not forward {Method} to {Service}: {Error}")]
    private static partial void LogForwardingFailed(ILogger logger, string method, string service, ForwarderError error, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "A call to {Method} from {Partner} was cancelled by the client ({Error})")]
    private static partial void LogCancelled(ILogger logger, string method, string? partner, ForwarderError error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ended a call to {Method} from {Partner}: its request body did not arrive within {Timeout}")]
    private static partial void LogRequestBodyTimedOut(ILogger logger, string method, string? partner, TimeSpan timeout);
}
