using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Sia.Grpc.Protocol;

namespace Grpc.Net.Client;

/// <summary>How HTTP outcomes become gRPC statuses (grpc/grpc doc/http-grpc-status-mapping.md and PROTOCOL-HTTP2.md).</summary>
internal static class StatusMapping
{
    /// <summary>The status in grpc-status / grpc-message, or null when there is none.</summary>
    public static Status? FromHeaders(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocol.StatusTrailer, out var statusValues)) return null;
        var statusText = statusValues.FirstOrDefault();
        if (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{statusText}'.");
        }
        var message = headers.TryGetValues(GrpcProtocol.MessageTrailer, out var messageValues)
            ? PercentEncoding.Decode(messageValues.FirstOrDefault() ?? "")
            : "";
        return new Status((StatusCode)code, message);
    }

    public static Status FromHttpStatus(HttpStatusCode httpStatus)
    {
        var code = httpStatus switch
        {
            HttpStatusCode.BadRequest => StatusCode.Internal,
            HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
            HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
            HttpStatusCode.NotFound => StatusCode.Unimplemented,
            HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new Status(code, $"Bad gRPC response. HTTP status code: {(int)httpStatus}");
    }

    /// <summary>The status for an HTTP/2 RST_STREAM (or GOAWAY) error code.</summary>
    public static Status FromHttp2ErrorCode(long errorCode, Exception exception)
    {
        var code = errorCode switch
        {
            0x7 => StatusCode.Unavailable,        // REFUSED_STREAM
            0x8 => StatusCode.Cancelled,          // CANCEL
            0xb => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
            0xc => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
            _ => StatusCode.Internal,
        };
        return new Status(code, $"The server reset the stream with HTTP/2 error code {ErrorName(errorCode)} (0x{errorCode:x}).", exception);
    }

    private static string ErrorName(long errorCode) => errorCode switch
    {
        0x0 => "NO_ERROR",
        0x1 => "PROTOCOL_ERROR",
        0x2 => "INTERNAL_ERROR",
        0x3 => "FLOW_CONTROL_ERROR",
        0x4 => "SETTINGS_TIMEOUT",
        0x5 => "STREAM_CLOSED",
        0x6 => "FRAME_SIZE_ERROR",
        0x7 => "REFUSED_STREAM",
        0x8 => "CANCEL",
        0x9 => "COMPRESSION_ERROR",
        0xa => "CONNECT_ERROR",
        0xb => "ENHANCE_YOUR_CALM",
        0xc => "INADEQUATE_SECURITY",
        0xd => "HTTP_1_1_REQUIRED",
        _ => "UNKNOWN",
    };
}
