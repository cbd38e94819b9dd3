using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using Grpc.Core;
using Grpc.Net.Compression;
using Sia.Grpc.Protocol;

namespace Grpc.Net.Client;

/// <summary>
/// One client call as one HTTP/2 request. The status is set once: from the trailers, from trailers-only
/// headers, or from whatever ended the call (deadline, cancellation, a reset stream, a lost connection).
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> where TRequest : class where TResponse : class
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly string? _host;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private CancellationTokenRegistration _userCancellation;
    private CancellationTokenRegistration _shutdownRegistration;
    private CancelReason _cancelReason;
    private Task _sendTask = Task.CompletedTask;
    private StreamingRequestContent? _streamingContent;
    private HttpResponseMessage? _response;
    private MessageReader? _reader;
    private Activity? _activity;
    private Timer? _deadlineTimer;
    private Status? _status;
    private Metadata? _trailers;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _host = host;
        _options = options;
        if (options.CancellationToken.CanBeCanceled)
        {
            _userCancellation = options.CancellationToken.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(CancelReason.Client), this);
        }
        _shutdownRegistration = channel.ShutdownToken.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(CancelReason.Shutdown), this);
        RequestCompression = FindRequestCompression();
    }

    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(49);

    private enum CancelReason { None, Client, Deadline, Shutdown, Disposed }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;
    private ICompressionProvider? RequestCompression { get; }

    public Task<TResponse> StartUnary(TRequest request)
    {
        _sendTask = SendAsync(() => SerializedContent(request));
        return ReadSingleResponseAsync();
    }

    public IAsyncStreamReader<TResponse> StartServerStreaming(TRequest request)
    {
        _sendTask = SendAsync(() => SerializedContent(request));
        return new ClientStreamReader<TRequest, TResponse>(this);
    }

    public (IClientStreamWriter<TRequest>, Task<TResponse>) StartClientStreaming()
    {
        var writer = StartRequestStream();
        return (writer, ReadSingleResponseAsync());
    }

    public (IClientStreamWriter<TRequest>, IAsyncStreamReader<TResponse>) StartDuplexStreaming() =>
        (StartRequestStream(), new ClientStreamReader<TRequest, TResponse>(this));

    private ClientStreamWriter<TRequest, TResponse> StartRequestStream()
    {
        _streamingContent = new StreamingRequestContent();
        _sendTask = SendAsync(() => _streamingContent);
        return new ClientStreamWriter<TRequest, TResponse>(this, _streamingContent, _options.WriteOptions);
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("Can't get the call trailers because the call has not completed successfully.");

    public void Dispose() => Cancel(CancelReason.Disposed);

    internal CancellationToken CallToken => _cts.Token;
    internal int? MaxSendMessageSize => _channel.MaxSendMessageSize;
    internal Marshaller<TRequest> RequestMarshaller => _method.RequestMarshaller;
    internal ICompressionProvider? Compression => RequestCompression;

    /// <summary>Reads the next response message; false at the end of an OK call, an RpcException for any other status.</summary>
    internal async Task<(bool HasMessage, TResponse Message)> ReadNextAsync(CancellationToken cancellationToken)
    {
        await _sendTask.ConfigureAwait(false);
        if (_status is null)
        {
            using var registration = cancellationToken.CanBeCanceled
                ? cancellationToken.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(CancelReason.Client), this)
                : default;
            try
            {
                var (hasMessage, message) = await _reader!.ReadAsync(_method.ResponseMarshaller, _cts.Token).ConfigureAwait(false);
                if (hasMessage) return (true, message);
                Complete(StatusMapping.FromHeaders(_response!.TrailingHeaders)
                    ?? new Status(StatusCode.Internal, "The server ended the response without a grpc-status."), ReadMetadata(_response.TrailingHeaders));
            }
            catch (Exception ex)
            {
                Complete(StatusFromException(ex), Metadata.Empty);
            }
        }
        var status = _status!.Value;
        if (status.StatusCode == StatusCode.OK) return (false, default!);
        throw CreateRpcException(status);
    }

    /// <summary>A request-stream write failed: the call's status says why, once the call has one.</summary>
    internal Exception WriteFailed(Exception exception)
    {
        if (_status is null) Complete(StatusFromException(exception), Metadata.Empty);
        return _status!.Value.StatusCode == StatusCode.OK
            ? new InvalidOperationException("Can't write the message because the call is complete.")
            : CreateRpcException(_status.Value);
    }

    internal Status? CurrentStatus => _status;

    internal RpcException CreateRpcException(Status status) => new(status, _trailers ?? Metadata.Empty);

    private async Task<TResponse> ReadSingleResponseAsync()
    {
        var (hasMessage, message) = await ReadNextAsync(default).ConfigureAwait(false);
        if (!hasMessage)
        {
            Complete(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."), Metadata.Empty, overrideOk: true);
            throw CreateRpcException(_status!.Value);
        }
        var (extra, _) = await ReadNextAsync(default).ConfigureAwait(false);
        if (extra)
        {
            Complete(new Status(StatusCode.Internal, "The server sent more than one response message for a call that expects one."), Metadata.Empty);
            throw CreateRpcException(_status!.Value);
        }
        return message;
    }

    private async Task SendAsync(Func<HttpContent> createContent)
    {
        _activity = GrpcClientDiagnostics.StartCall(_method);
        try
        {
            if (RemainingTime() is { } remaining)
            {
                if (remaining <= TimeSpan.Zero)
                {
                    Complete(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), Metadata.Empty);
                    return;
                }
                // Timers beyond about 49 days are not supported; such a deadline never fires in practice.
                if (remaining < MaxTimerDelay)
                {
                    _deadlineTimer = new Timer(static state => ((GrpcCall<TRequest, TResponse>)state!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
                }
            }
            using var request = CreateRequest(createContent(), RemainingTime());
            GrpcClientDiagnostics.InjectContext(_activity, request);
            _response = await _channel.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _cts.Token).ConfigureAwait(false);
            if (_status is not null)
            {
                _response.Dispose();
                return;
            }
            if (ValidateResponse(_response) is { } immediate)
            {
                var headers = ReadMetadata(_response.Headers);
                _responseHeaders.TrySetResult(headers);
                Complete(immediate, headers);
                return;
            }
            var decompression = FindResponseDecompression(_response, out var encoding);
            var stream = await _response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            _reader = new MessageReader(PipeReader.Create(stream), _channel.MaxReceiveMessageSize, decompression, encoding);
            _responseHeaders.TrySetResult(ReadMetadata(_response.Headers));
        }
        catch (Exception ex)
        {
            Complete(StatusFromException(ex), Metadata.Empty);
        }
    }

    private HttpRequestMessage CreateRequest(HttpContent content, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("TE", "trailers");
        headers.TryAddWithoutValidation("User-Agent", GrpcChannel.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, _channel.AcceptEncoding);
        if (RequestCompression is not null) headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, RequestCompression.EncodingName);
        if (timeout is { } value) headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(value));
        if (_host is not null) headers.Host = _host;
        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (MetadataHeaders.IsSent(entry)) headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.EncodeValue(entry));
            }
        }
        return request;
    }

    private HttpContent SerializedContent(TRequest message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new MessageSerializer(_channel.MaxSendMessageSize).Write(buffer, message, _method.RequestMarshaller,
            (_options.WriteOptions?.Flags ?? 0).HasFlag(WriteFlags.NoCompress) ? null : RequestCompression);
        return new ReadOnlyMemoryContent(buffer.WrittenMemory);
    }

    /// <summary>The status to end with at once when the response is not a gRPC stream, or is trailers-only.</summary>
    private static Status? ValidateResponse(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return StatusMapping.FromHeaders(response.Headers) ?? StatusMapping.FromHttpStatus(response.StatusCode);
        }
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return StatusMapping.FromHeaders(response.Headers)
                ?? new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}");
        }
        return StatusMapping.FromHeaders(response.Headers);
    }

    private ICompressionProvider? FindResponseDecompression(HttpResponseMessage response, out string encoding)
    {
        encoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.FirstOrDefault() ?? "" : "";
        if (encoding.Length == 0 || encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            encoding = GrpcProtocol.IdentityEncoding;
            return null;
        }
        return GrpcProtocol.FindProvider(_channel.CompressionProviders, encoding)
            ?? throw new RpcException(new Status(StatusCode.Internal, $"The server compressed with '{encoding}', which this channel has no provider for."));
    }

    private ICompressionProvider? FindRequestCompression()
    {
        if (_options.Headers?.GetValue(GrpcProtocol.CompressionRequestHeader) is not { } algorithm) return null;
        return GrpcProtocol.FindProvider(_channel.CompressionProviders, algorithm)
            ?? throw new InvalidOperationException($"Could not find a compression provider for '{algorithm}'. Add one to GrpcChannelOptions.CompressionProviders.");
    }

    private TimeSpan? RemainingTime() =>
        _options.Deadline is { } deadline && deadline != DateTime.MaxValue ? deadline.ToUniversalTime() - DateTime.UtcNow : null;

    /// <summary>The status is set before the call's token is cancelled, so every failure that follows reports the deadline.</summary>
    private void OnDeadline()
    {
        lock (_gate)
        {
            if (_cancelReason == CancelReason.None) _cancelReason = CancelReason.Deadline;
        }
        Complete(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), Metadata.Empty);
    }

    private void Cancel(CancelReason reason)
    {
        lock (_gate)
        {
            if (_cancelReason == CancelReason.None) _cancelReason = reason;
        }
        var status = reason switch
        {
            CancelReason.Client => new Status(StatusCode.Cancelled, "Call canceled by the client."),
            CancelReason.Shutdown => new Status(StatusCode.Cancelled, "The channel was disposed."),
            CancelReason.Disposed => new Status(StatusCode.Cancelled, "gRPC call disposed."),
            _ => (Status?)null,
        };
        if (status is { } cancelled) Complete(cancelled, Metadata.Empty);
        _cts.Cancel();
    }

    private Status StatusFromException(Exception exception)
    {
        if (exception is RpcException rpc) return rpc.Status;
        if (_cts.IsCancellationRequested)
        {
            return _cancelReason == CancelReason.Deadline
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : new Status(StatusCode.Cancelled, "Call canceled by the client.", exception);
        }
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocolError) return StatusMapping.FromHttp2ErrorCode(protocolError.ErrorCode, exception);
        }
        return exception switch
        {
            HttpRequestException => new Status(StatusCode.Unavailable, $"Error starting gRPC call. {exception.GetType().Name}: {exception.Message}", exception),
            IOException or ObjectDisposedException => new Status(StatusCode.Unavailable, $"Error reading from the server. {exception.GetType().Name}: {exception.Message}", exception),
            _ => new Status(StatusCode.Internal, $"Error in the gRPC call. {exception.GetType().Name}: {exception.Message}", exception),
        };
    }

    /// <summary>Sets the status once; a failed call then releases its stream (resetting it if still open).</summary>
    private void Complete(Status status, Metadata trailers, bool overrideOk = false)
    {
        lock (_gate)
        {
            if (_status is { } existing && !(overrideOk && existing.StatusCode == StatusCode.OK)) return;
            _status = status;
            _trailers = trailers;
        }
        if (status.StatusCode != StatusCode.OK)
        {
            if (_responseHeaders.TrySetException(CreateRpcException(status))) _ = _responseHeaders.Task.Exception;
            if (!_cts.IsCancellationRequested) _cts.Cancel();
        }
        _deadlineTimer?.Dispose();
        _streamingContent?.Abort();
        _response?.Dispose();
        _userCancellation.Dispose();
        _shutdownRegistration.Dispose();
        GrpcClientDiagnostics.EndCall(_activity, status);
    }

    private static Metadata ReadMetadata(System.Net.Http.Headers.HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            MetadataHeaders.AddHeader(metadata, header.Key, header.Value);
        }
        return metadata;
    }
}
