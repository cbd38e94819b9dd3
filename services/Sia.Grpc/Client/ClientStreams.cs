using System.Buffers;
using Grpc.Core;
using Sia.Grpc.Protocol;

namespace Grpc.Net.Client;

/// <summary>The response messages of a server-streaming or duplex call; throws RpcException when the call fails.</summary>
internal sealed class ClientStreamReader<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class where TResponse : class
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first, and only read Current after it returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var (hasMessage, message) = await call.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        _current = hasMessage ? message : default;
        return hasMessage;
    }
}

/// <summary>The request messages of a client-streaming or duplex call. One write at a time; CompleteAsync half-closes.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content, WriteOptions? writeOptions)
    : IClientStreamWriter<TRequest>
    where TRequest : class where TResponse : class
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private MessageSerializer? _serializer;
    private bool _writing;
    private bool _completed;

    public WriteOptions? WriteOptions { get; set; } = writeOptions;

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (_completed) throw new InvalidOperationException("Request stream has already been completed.");
        if (call.CurrentStatus is { } status) throw StatusException(status);
        if (_writing) throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        _writing = true;
        try
        {
            _buffer.ResetWrittenCount();
            _serializer ??= new MessageSerializer(call.MaxSendMessageSize);
            var compress = !(WriteOptions?.Flags ?? 0).HasFlag(WriteFlags.NoCompress);
            _serializer.Write(_buffer, message, call.RequestMarshaller, compress ? call.Compression : null);

            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CallToken) : null;
            var token = linked?.Token ?? call.CallToken;
            var stream = await content.GetStreamAsync(token).ConfigureAwait(false);
            await stream.WriteAsync(_buffer.WrittenMemory, token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException || call.CurrentStatus is not null)
        {
            throw call.WriteFailed(ex);
        }
        finally
        {
            _writing = false;
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        content.Complete();
        return Task.CompletedTask;
    }

    private Exception StatusException(Status status) => status.StatusCode == StatusCode.OK
        ? new InvalidOperationException("Can't write the message because the call is complete.")
        : call.CreateRpcException(status);
}
