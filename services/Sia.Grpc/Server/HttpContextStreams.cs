using Grpc.Core;

namespace Grpc.Shared.Server;

/// <summary>The request messages of a client-streaming or duplex call.</summary>
internal sealed class HttpContextStreamReader<TRequest>(HttpContextServerCallContext call, Marshaller<TRequest> marshaller) : IAsyncStreamReader<TRequest>
{
    private TRequest? _current;

    public TRequest Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first, and only read Current after it returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
            : null;
        var token = linked?.Token ?? call.CancellationToken;
        var (hasMessage, message) = await call.Reader.ReadAsync(marshaller, token).ConfigureAwait(false);
        _current = hasMessage ? message : default;
        return hasMessage;
    }
}

/// <summary>The response messages of a server-streaming or duplex call.</summary>
internal sealed class HttpContextStreamWriter<TResponse>(HttpContextServerCallContext call, Marshaller<TResponse> marshaller) : IServerStreamWriter<TResponse>
{
    public WriteOptions? WriteOptions
    {
        get => call.WriteOptions;
        set => call.WriteOptions = value;
    }

    public Task WriteAsync(TResponse message) => call.WriteMessageAsync(message, marshaller, flush: true);
}
