using System.Globalization;
using System.Net;
using Grpc.Core;
using Grpc.Net.Compression;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Sia.Grpc.Protocol;

namespace Grpc.Shared.Server;

/// <summary>
/// One server call over one HTTP/2 stream: its headers, deadline, cancellation, message I/O and how it ends
/// (trailers, or trailers-only when nothing was sent yet).
/// </summary>
internal sealed partial class HttpContextServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _httpContext;
    private readonly IMethod _method;
    private readonly ResolvedServiceOptions _options;
    private readonly ILogger _logger;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private CancellationTokenSource? _deadlineCts;
    private TaskCompletionSource? _deadlineReached;
    private SemaphoreSlim? _writeLock;
    private MessageSerializer? _serializer;
    private ICompressionProvider? _responseCompression;
    private bool _ended;
    private bool _messageWritten;

    public HttpContextServerCallContext(HttpContext httpContext, IMethod method, ResolvedServiceOptions options, ILogger logger)
    {
        _httpContext = httpContext;
        _method = method;
        _options = options;
        _logger = logger;
        CallCancellationToken = httpContext.RequestAborted;
    }

    public HttpContext HttpContext => _httpContext;
    public MessageReader Reader { get; private set; } = null!;

    /// <summary>Completes when the deadline passes; null for a call without a deadline.</summary>
    public Task? DeadlineTask => _deadlineReached?.Task;

    private CancellationToken CallCancellationToken { get; set; }
    private DateTime DeadlineValue { get; set; } = DateTime.MaxValue;

    protected override string MethodCore => _method.FullName;
    protected override string HostCore => _httpContext.Request.Host.Value ?? "";
    protected override string PeerCore => FormatPeer(_httpContext.Connection.RemoteIpAddress, _httpContext.Connection.RemotePort);
    protected override DateTime DeadlineCore => DeadlineValue;
    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders();
    protected override CancellationToken CancellationTokenCore => CallCancellationToken;
    protected override Metadata ResponseTrailersCore => _responseTrailers ??= [];
    protected override Status StatusCore { get; set; } = Status.DefaultSuccess;
    protected override WriteOptions? WriteOptionsCore { get; set; }

    /// <summary>
    /// Reads the protocol headers. Returns a status to end the call with at once (trailers-only),
    /// or null when the call can go on.
    /// </summary>
    public Status? Initialize()
    {
        var request = _httpContext.Request;
        var response = _httpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        ICompressionProvider? requestCompression = null;
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            requestCompression = GrpcProtocol.FindProvider(_options.CompressionProviders, encoding);
            if (requestCompression is null)
            {
                response.Headers[GrpcProtocol.AcceptEncodingHeader] = AcceptEncoding;
                return new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {AcceptEncoding}");
            }
        }
        Reader = new MessageReader(request.BodyReader, _options.MaxReceiveMessageSize, requestCompression,
            encoding.Length == 0 ? GrpcProtocol.IdentityEncoding : encoding);

        if (_options.ResponseCompressionAlgorithm is { } algorithm) TrySetResponseCompression(algorithm);

        var timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var timeout))
            {
                return new Status(StatusCode.Internal, $"Invalid grpc-timeout value '{timeoutHeader}'.");
            }
            StartDeadline(timeout);
        }
        return null;
    }

    private string AcceptEncoding => GrpcProtocol.AcceptEncodingValue(_options.CompressionProviders);

    private void StartDeadline(TimeSpan timeout)
    {
        DeadlineValue = timeout >= DateTime.MaxValue - DateTime.UtcNow ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        _deadlineReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writeLock = new SemaphoreSlim(1, 1);
        var requestAborted = _httpContext.RequestAborted;
        var deadlineReached = _deadlineReached;
        _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        CallCancellationToken = _deadlineCts.Token;
        // The timer can fire as the call ends, after Kestrel has disposed the HttpContext: touch only what was captured.
        _deadlineCts.Token.Register(() =>
        {
            if (!requestAborted.IsCancellationRequested) deadlineReached.TrySetResult();
        });
        // Timers beyond about 49 days are not supported, and such a deadline never matters in practice.
        if (timeout < TimeSpan.FromDays(49)) _deadlineCts.CancelAfter(timeout);
    }

    /// <summary>Compresses this call's responses with the algorithm when the client accepts it.</summary>
    private void TrySetResponseCompression(string algorithm)
    {
        var provider = GrpcProtocol.FindProvider(_options.CompressionProviders, algorithm);
        var accepted = _httpContext.Request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString();
        if (provider is null || !AcceptsEncoding(accepted, provider.EncodingName)) return;
        _responseCompression = provider;
        _httpContext.Response.Headers[GrpcProtocol.EncodingHeader] = provider.EncodingName;
    }

    private static bool AcceptsEncoding(string acceptEncoding, string encoding)
    {
        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            if (acceptEncoding.AsSpan()[range].Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        var response = _httpContext.Response;
        if (response.HasStarted) throw new InvalidOperationException("Response headers can only be sent once per call.");
        foreach (var entry in responseHeaders)
        {
            if (entry.Key == GrpcProtocol.CompressionRequestHeader)
            {
                TrySetResponseCompression(entry.Value);
                continue;
            }
            response.Headers.Append(entry.Key, MetadataHeaders.EncodeValue(entry));
        }
        return response.BodyWriter.FlushAsync(CallCancellationToken).AsTask();
    }

    /// <summary>Writes one response message; streaming writes flush at once, a unary response flushes with the trailers.</summary>
    public Task WriteMessageAsync<TResponse>(TResponse message, Marshaller<TResponse> marshaller, bool flush)
    {
        if (_writeLock is null)
        {
            Serialize(message, marshaller);
            return flush ? _httpContext.Response.BodyWriter.FlushAsync(CallCancellationToken).AsTask() : Task.CompletedTask;
        }
        return WriteMessageLockedAsync(message, marshaller, flush);
    }

    /// <summary>A call with a deadline can be ended by its timer while the handler writes: writes and the end take turns.</summary>
    private async Task WriteMessageLockedAsync<TResponse>(TResponse message, Marshaller<TResponse> marshaller, bool flush)
    {
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            Serialize(message, marshaller);
            if (flush) await _httpContext.Response.BodyWriter.FlushAsync(CallCancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Serialize<TResponse>(TResponse message, Marshaller<TResponse> marshaller)
    {
        if (_ended) throw new InvalidOperationException("Can't write the message because the call is complete.");
        CallCancellationToken.ThrowIfCancellationRequested();
        var compress = _responseCompression is not null && ((WriteOptions?.Flags ?? 0) & WriteFlags.NoCompress) == 0;
        _serializer ??= new MessageSerializer(_options.MaxSendMessageSize, _options.ResponseCompressionLevel);
        _serializer.Write(_httpContext.Response.BodyWriter, message, marshaller, compress ? _responseCompression : null);
        _messageWritten = true;
    }

    /// <summary>Turns what a handler threw into the call's status, keeping internals out of it unless detailed errors are on.</summary>
    public void SetStatusFromException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            Status = rpc.Status;
            foreach (var entry in rpc.Trailers) ResponseTrailers.Add(entry);
            return;
        }
        // Kestrel can fail a body read before RequestAborted fires when the client goes away.
        if (_httpContext.RequestAborted.IsCancellationRequested || exception is IOException or ConnectionAbortedException)
        {
            Status = new Status(StatusCode.Cancelled, "The call was cancelled by the client.");
            return;
        }
        if (_deadlineCts?.IsCancellationRequested == true)
        {
            Status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            return;
        }
        LogHandlerException(_logger, _method.FullName, exception);
        var detail = _options.EnableDetailedErrors
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.";
        Status = new Status(StatusCode.Unknown, detail, exception);
    }

    /// <summary>Ends the call with its status: as trailers, or as the only headers when nothing was sent.</summary>
    public Task EndCallAsync()
    {
        if (_writeLock is null)
        {
            EndCall();
            return Task.CompletedTask;
        }
        return EndCallLockedAsync();
    }

    private async Task EndCallLockedAsync()
    {
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            EndCall();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void EndCall()
    {
        if (_ended) return;
        _ended = true;
        if (_httpContext.RequestAborted.IsCancellationRequested) return;
        var response = _httpContext.Response;
        // A written but unflushed message has not started the response, yet it rules out trailers-only.
        if (!response.HasStarted && !_messageWritten)
        {
            WriteStatus(response.Headers, Status, _responseTrailers);
            return;
        }
        var trailersFeature = _httpContext.Features.Get<IHttpResponseTrailersFeature>()
            ?? throw new InvalidOperationException("The server does not support response trailers; gRPC needs HTTP/2.");
        WriteStatus(trailersFeature.Trailers, Status, _responseTrailers);
    }

    /// <summary>Ends a call whose deadline passed while its handler still runs, and sends the status at once.</summary>
    public async Task EndCallOnDeadlineAsync()
    {
        Status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        await EndCallAsync().ConfigureAwait(false);
        if (!_httpContext.RequestAborted.IsCancellationRequested)
        {
            await _httpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static void WriteStatus(IHeaderDictionary target, Status status, Metadata? trailers)
    {
        target[GrpcProtocol.StatusTrailer] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(status.Detail)) target[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        if (trailers is null) return;
        foreach (var entry in trailers)
        {
            target.Append(entry.Key, MetadataHeaders.EncodeValue(entry));
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var header in _httpContext.Request.Headers)
        {
            MetadataHeaders.AddHeader(metadata, header.Key, header.Value);
        }
        return metadata;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };

    public void Dispose()
    {
        _deadlineCts?.Dispose();
        _writeLock?.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Error status code 'Unknown' raised: the handler of {Method} threw.")]
    private static partial void LogHandlerException(ILogger logger, string method, Exception exception);
}
