using Grpc.Core;
using Grpc.Core.Interceptors;
using Sia.Contracts.DomainErrors;

namespace Sia.Contracts;

/// <summary>
/// Answers a <see cref="DomainException"/> from any handler as the rich gRPC error <see cref="RpcErrors.From"/> makes
/// of it, so that handlers and the domain throw domain errors and never build a status themselves.
/// </summary>
public sealed class DomainErrorInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation) =>
        Translated(() => continuation(request, context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Translated(() => continuation(requestStream, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Translated(() => continuation(request, responseStream, context));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Translated(() => continuation(requestStream, responseStream, context));

    private static async Task<T> Translated<T>(Func<Task<T>> handler)
    {
        try
        {
            return await handler();
        }
        catch (DomainException error)
        {
            throw RpcErrors.From(error);
        }
    }

    private static async Task Translated(Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (DomainException error)
        {
            throw RpcErrors.From(error);
        }
    }
}
