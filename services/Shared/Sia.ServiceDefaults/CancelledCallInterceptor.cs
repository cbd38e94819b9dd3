using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Sia.ServiceDefaults;

/// <summary>
/// A handler that throws because its call was cancelled (its caller cancelled it or hung up, or its deadline passed), as a
/// read from a reset stream throws IOException or a write to an ended one InvalidOperationException, has its exception
/// become an OperationCanceledException (the original inside), which grpc-dotnet logs as a cancelled call, not as an error
/// with a stack trace. The exceptions of calls that were not cancelled are left as they are.
/// </summary>
internal sealed class CancelledCallInterceptor : Interceptor
{
    // Kestrel signals a caller's reset or hang-up on the thread pool: a read or write can fail just before the call's token
    // is cancelled.
    private static readonly TimeSpan CancellationLag = TimeSpan.FromSeconds(1);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not (OperationCanceledException or RpcException))
        {
            if (await CancelledAsync(e, context)) throw Cancelled(e, context);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (e is not (OperationCanceledException or RpcException))
        {
            if (await CancelledAsync(e, context)) throw Cancelled(e, context);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not (OperationCanceledException or RpcException))
        {
            if (await CancelledAsync(e, context)) throw Cancelled(e, context);
            throw;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (e is not (OperationCanceledException or RpcException))
        {
            if (await CancelledAsync(e, context)) throw Cancelled(e, context);
            throw;
        }
    }

    private static async Task<bool> CancelledAsync(Exception e, ServerCallContext context)
    {
        if (context.CancellationToken.IsCancellationRequested) return true;
        if (e is not IOException) return false;
        try
        {
            await Task.Delay(CancellationLag, context.CancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private static OperationCanceledException Cancelled(Exception e, ServerCallContext context) =>
        new($"The call was cancelled, and then its handler threw {e.GetType().Name}: {e.Message}", e, context.CancellationToken);
}
