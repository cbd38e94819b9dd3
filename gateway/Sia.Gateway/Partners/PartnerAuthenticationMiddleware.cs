using System.Globalization;
using System.Net;
using System.Security.Claims;
using Grpc.Core;
using Sia.Gateway.Grpc;

namespace Sia.Gateway.Partners;

/// <summary>
/// Lets a call through only with a partner's API key ("authorization: Bearer KEY") whose scopes cover the method;
/// the partner becomes the request's user, and its <see cref="Partner"/> a feature of the request (which the signed
/// headers name). Calls without a valid key are counted by client address, and an address with too many is refused for
/// a while (<see cref="FailedAuthenticationThrottle"/>). Keys and the authorization header are never logged.
/// </summary>
public sealed partial class PartnerAuthenticationMiddleware(RequestDelegate next, PartnerDirectory partners, FailedAuthenticationThrottle throttle,
    ILogger<PartnerAuthenticationMiddleware> logger)
{
    public const string AuthenticationType = "SiaPartnerKey";

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Path.Value ?? "";
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var authorization = context.Request.Headers.Authorization;
        var key = authorization.Count == 1 && TryReadBearer(authorization[0], out var bearer) ? bearer : null;
        var partner = key is null ? null : partners.Find(key);

        if (throttle.Refuses(address, exempt: partner is not null && partner.Name == ConnectionPartner.Get(context), out var retryAfter))
        {
            var milliseconds = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
            context.Response.Headers["grpc-retry-pushback-ms"] = milliseconds.ToString(CultureInfo.InvariantCulture);
            return TrailersOnly.WriteAsync(context, StatusCode.ResourceExhausted,
                $"The SIA gateway is refusing new calls from {address} for {Math.Ceiling(retryAfter.TotalSeconds):0} s: {throttle.Limit} calls " +
                $"from it within {throttle.Window.TotalSeconds:0} s had no valid partner API key. Check that you send your whole key as " +
                "metadata 'authorization: Bearer <key>'.");
        }
        if (authorization.Count == 0)
            return Unauthenticated(context, address, method, "no API key",
                "This call needs your SIA partner API key, sent as metadata 'authorization: Bearer <key>'.");
        if (key is null)
            return Unauthenticated(context, address, method, "malformed authorization",
                "The authorization metadata must be 'Bearer <key>', with the SIA partner API key you were issued.");
        if (partner is null)
            return Unauthenticated(context, address, method, "unknown API key",
                "The API key is not valid: check that you send the whole key you were issued; if it was revoked, ask SIA for a new one.");
        if (!partner.MayCall(method))
            return Reject(context, StatusCode.PermissionDenied, method, $"partner {partner.Name} out of scope",
                $"Partner '{partner.Name}' may not call {method}: its API key's scopes are {string.Join(", ", partner.Scopes)}. " +
                "Ask SIA to add this service or method to your key's scopes.");

        ConnectionPartner.Remember(context, partner);
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, partner.Name)], AuthenticationType));
        context.Features.Set(partner);
        return next(context);
    }

    private static bool TryReadBearer(string? value, out string key)
    {
        const string scheme = "Bearer ";
        key = "";
        if (value is null || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        key = value[scheme.Length..].Trim();
        return key.Length > 0 && !key.Contains(' ');
    }

    private Task Unauthenticated(HttpContext context, IPAddress address, string method, string reason, string message)
    {
        var answer = Reject(context, StatusCode.Unauthenticated, method, reason, message);
        throttle.RecordFailure(address);
        return answer;
    }

    private Task Reject(HttpContext context, StatusCode status, string method, string reason, string message)
    {
        LogRejected(logger, method, status, reason);
        return TrailersOnly.WriteAsync(context, status, message);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Refused a call to {Method} with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, StatusCode status, string reason);
}
