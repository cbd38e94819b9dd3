using Grpc.Net.Compression;

namespace Sia.Grpc.Protocol;

/// <summary>Names and constants of the gRPC over HTTP/2 protocol (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string StatusDetailsTrailer = "grpc-status-details-bin";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";

    /// <summary>
    /// Not sent on the wire: a call's headers (client) or response headers (server) carry it to ask
    /// for the call's messages to be compressed with the named algorithm, as in grpc-dotnet.
    /// </summary>
    public const string CompressionRequestHeader = "grpc-internal-encoding-request";

    public const int HeaderSize = 5;
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    public static readonly IReadOnlyList<ICompressionProvider> DefaultCompressionProviders =
        [new GzipCompressionProvider(System.IO.Compression.CompressionLevel.Fastest)];

    public static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';');

    public static string AcceptEncodingValue(IReadOnlyList<ICompressionProvider> providers) =>
        providers.Count == 0 ? IdentityEncoding : IdentityEncoding + "," + string.Join(",", providers.Select(p => p.EncodingName));

    public static ICompressionProvider? FindProvider(IReadOnlyList<ICompressionProvider> providers, string encoding)
    {
        foreach (var provider in providers)
        {
            if (string.Equals(provider.EncodingName, encoding, StringComparison.OrdinalIgnoreCase)) return provider;
        }
        return null;
    }
}
