using Grpc.Net.Compression;
using Sia.Grpc.Protocol;

namespace Grpc.Net.Client;

public sealed class GrpcChannelOptions
{
    /// <summary>Largest message a call may receive, in bytes (4 MB by default; null for no limit).</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest message a call may send, in bytes (no limit by default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>The handler to send with; by default a SocketsHttpHandler with one multiplexed connection pool.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>An HttpClient to send with, instead of a handler.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Whether disposing the channel disposes the given HttpClient or HttpHandler.</summary>
    public bool DisposeHttpClient { get; set; }

    public IList<ICompressionProvider> CompressionProviders { get; set; } = [.. GrpcProtocol.DefaultCompressionProviders];
}
