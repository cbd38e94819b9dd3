using System.Buffers;
using System.Text;
using Grpc.Core;
using Sia.Gateway.Grpc;

namespace Sia.Gateway.Proxy;

/// <summary>
/// Refuses, INVALID_ARGUMENT naming it, a call with metadata the gateway cannot forward: a name that is not an HTTP token
/// (a space in it, say), which YARP would drop without a word, or a value that is not ASCII, which the HTTP client
/// refuses to send. It is the caller's to fix, so not UNAVAILABLE, which would have it retry. Kestrel has already closed the
/// connection (PROTOCOL_ERROR) on an upper-case name, or a NUL, CR or LF in a value, so none of those reaches here.
/// </summary>
public sealed partial class ForwardableHeadersMiddleware(RequestDelegate next, ILogger<ForwardableHeadersMiddleware> logger)
{
    // RFC 9110's tchar.
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Headers)
        {
            string? problem = null;
            if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(TokenCharacters))
                problem = $"Metadata name '{name}' is not a valid header name, so the SIA gateway cannot forward the call: gRPC metadata names " +
                          "are lower-case letters, digits, '-', '_' and '.', with no spaces.";
            else if (values.Any(value => value is not null && !Ascii.IsValid(value)))
                problem = $"Metadata '{name}' has a value that is not ASCII, so the SIA gateway cannot forward the call: send text metadata as " +
                          "printable ASCII, and binary values base64-encoded under a name ending in '-bin'.";
            if (problem is null) continue;
            LogRefused(logger, context.Request.Path.Value ?? "", context.User.Identity?.Name, name);
            return TrailersOnly.WriteAsync(context, StatusCode.InvalidArgument, problem);
        }
        return next(context);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Refused a call to {Method} from {Partner} with INVALID_ARGUMENT: metadata '{Header}' cannot be forwarded")]
    private static partial void LogRefused(ILogger logger, string method, string? partner, string header);
}
