using System.Runtime.CompilerServices;

namespace Grpc.Core;

/// <summary>What every client call type shares: headers, status and trailers once known, and disposal.</summary>
public abstract class AsyncCallBase(Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction) : IDisposable
{
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    /// <summary>The call's status; throws until the call has ended.</summary>
    public Status GetStatus() => getStatusFunc();

    /// <summary>The trailers the server sent; throws until the call has ended.</summary>
    public Metadata GetTrailers() => getTrailersFunc();

    /// <summary>Ends the call, cancelling it if it is still running.</summary>
    public void Dispose() => disposeAction();
}

public sealed class AsyncUnaryCall<TResponse>(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction)
{
    public Task<TResponse> ResponseAsync { get; } = responseAsync;
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);
}

public sealed class AsyncServerStreamingCall<TResponse>(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction)
{
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}

public sealed class AsyncClientStreamingCall<TRequest, TResponse>(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;
    public Task<TResponse> ResponseAsync { get; } = responseAsync;
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);
}

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}
