namespace Grpc.Core;

/// <summary>What a server handler knows about, and can set on, the call it is serving.</summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? _userState;

    /// <summary>The method's path, "/package.Service/Method".</summary>
    public string Method => MethodCore;
    public string Host => HostCore;

    /// <summary>The client's address, as "ipv4:127.0.0.1:5000" or "ipv6:[::1]:5000".</summary>
    public string Peer => PeerCore;

    /// <summary>When the client stops waiting, or <see cref="DateTime.MaxValue"/> without a deadline (UTC).</summary>
    public DateTime Deadline => DeadlineCore;
    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Cancelled when the client cancels, the deadline passes or the connection goes.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;
    public Metadata ResponseTrailers => ResponseTrailersCore;

    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    public WriteOptions? WriteOptions
    {
        get => WriteOptionsCore;
        set => WriteOptionsCore = value;
    }

    /// <summary>State that interceptors and handlers share for this call.</summary>
    public IDictionary<object, object> UserState => _userState ??= [];

    /// <summary>Sends the response headers now; they can be sent only once, before the first message.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => WriteResponseHeadersAsyncCore(responseHeaders);

    protected abstract string MethodCore { get; }
    protected abstract string HostCore { get; }
    protected abstract string PeerCore { get; }
    protected abstract DateTime DeadlineCore { get; }
    protected abstract Metadata RequestHeadersCore { get; }
    protected abstract CancellationToken CancellationTokenCore { get; }
    protected abstract Metadata ResponseTrailersCore { get; }
    protected abstract Status StatusCore { get; set; }
    protected abstract WriteOptions? WriteOptionsCore { get; set; }
    protected abstract Task WriteResponseHeadersAsyncCore(Metadata responseHeaders);
}
