using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Sia.Gateway.Grpc;

/// <summary>
/// The gateway's own gRPC answers: HTTP 200, content-type application/grpc, and the status in the headers of a response
/// that ends there (a trailers-only response), as a gRPC server would answer. Clients show grpc-message to the caller.
/// </summary>
public static class TrailersOnly
{
    public static Task WriteAsync(HttpContext context, StatusCode status, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        return response.CompleteAsync();
    }

    /// <summary>grpc-message's encoding: UTF-8 bytes outside printable ASCII, and '%', as %XX.</summary>
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%') builder.Append((char)b);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
