using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Grpc.Net.Compression;
using Sia.Grpc.Protocol;

namespace Grpc.Net.Client;

/// <summary>
/// A channel to one server address over HTTP/2: h2c with prior knowledge for http://, TLS with ALPN for https://.
/// Calls share the channel's connection pool and are multiplexed as streams.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly bool _disposeHttpClient;
    private readonly CancellationTokenSource _shutdown = new();

    private GrpcChannel(Uri address, GrpcChannelOptions options) : base(address.Authority)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"Address '{address}' must start with http:// or https://.", nameof(address));
        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        CompressionProviders = options.CompressionProviders.ToArray();
        AcceptEncoding = GrpcProtocol.AcceptEncodingValue(CompressionProviders);
        if (options.HttpClient is { } httpClient)
        {
            HttpClient = httpClient;
            _disposeHttpClient = options.DisposeHttpClient;
        }
        else
        {
            HttpClient = new HttpClient(options.HttpHandler ?? CreateDefaultHandler(), disposeHandler: options.HttpHandler is null || options.DisposeHttpClient)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _disposeHttpClient = true;
        }
    }

    internal const string UserAgent = "grpc-dotnet-sia/1.0";

    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    public Uri Address { get; }
    internal HttpClient HttpClient { get; }
    internal int? MaxReceiveMessageSize { get; }
    internal int? MaxSendMessageSize { get; }
    internal IReadOnlyList<ICompressionProvider> CompressionProviders { get; }
    internal string AcceptEncoding { get; }
    internal CancellationToken ShutdownToken => _shutdown.Token;

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null) => new(address, options ?? new GrpcChannelOptions());

    internal Uri GetMethodUri(IMethod method) => _methodUris.GetOrAdd(method.FullName,
        static (path, address) => new Uri(address, address.AbsolutePath.TrimEnd('/') + path), Address);

    public override CallInvoker CreateCallInvoker() => new HttpClientCallInvoker(this);

    /// <summary>Cancels the channel's calls that are still running and releases its connections.</summary>
    public void Dispose()
    {
        if (_shutdown.IsCancellationRequested) return;
        _shutdown.Cancel();
        if (_disposeHttpClient) HttpClient.Dispose();
    }

    protected override Task ShutdownAsyncCore()
    {
        Dispose();
        return Task.CompletedTask;
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    };
}
