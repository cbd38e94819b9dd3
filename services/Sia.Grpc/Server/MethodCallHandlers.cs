using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Grpc.Shared.Server;

internal sealed class UnaryServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ResolvedServiceOptions options, ServiceActivator<TService> activator, ILogger logger,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, options, activator, logger)
    where TService : class where TRequest : class where TResponse : class
{
    protected override async Task InvokeCoreAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var request = await ReadSingleRequestAsync(call).ConfigureAwait(false);

        var response = interceptors.Length == 0
            ? await InvokeServiceAsync(request, call).ConfigureAwait(false)
            : await Intercepted(interceptors)(request, call).ConfigureAwait(false);
        await call.WriteMessageAsync(response ?? throw NoResponse(), Method.ResponseMarshaller, flush: false).ConfigureAwait(false);
    }

    private UnaryServerMethod<TRequest, TResponse> Intercepted(Interceptor[] interceptors)
    {
        var handler = _handle ??= Handle;
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            var (next, interceptor) = (handler, interceptors[i]);
            handler = (r, c) => interceptor.UnaryServerHandler(r, c, next);
        }
        return handler;
    }

    /// <summary>The call without interceptors: a ValueTask, so a handler that completes at once costs no extra Task.</summary>
    private async ValueTask<TResponse> InvokeServiceAsync(TRequest request, HttpContextServerCallContext call)
    {
        var lease = Activator.Create(call.HttpContext);
        try
        {
            return await invoker(lease.Service, request, call).ConfigureAwait(false);
        }
        finally
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private UnaryServerMethod<TRequest, TResponse>? _handle;

    private async Task<TResponse> Handle(TRequest request, ServerCallContext context)
    {
        await using var lease = Activator.Create(context.GetHttpContext());
        return await invoker(lease.Service, request, context).ConfigureAwait(false);
    }

    internal static RpcException NoResponse() => new(new Status(StatusCode.Internal, "The handler returned no response message."));
}

internal sealed class ClientStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ResolvedServiceOptions options, ServiceActivator<TService> activator, ILogger logger,
    Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, options, activator, logger)
    where TService : class where TRequest : class where TResponse : class
{
    protected override async Task InvokeCoreAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var handler = _handle ??= Handle;
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            var (next, interceptor) = (handler, interceptors[i]);
            handler = (r, c) => interceptor.ClientStreamingServerHandler(r, c, next);
        }
        var requests = new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller);
        var response = await handler(requests, call).ConfigureAwait(false);
        await call.WriteMessageAsync(response ?? throw UnaryServerCallHandler<TService, TRequest, TResponse>.NoResponse(), Method.ResponseMarshaller, flush: false).ConfigureAwait(false);
    }

    private ClientStreamingServerMethod<TRequest, TResponse>? _handle;

    private async Task<TResponse> Handle(IAsyncStreamReader<TRequest> requests, ServerCallContext context)
    {
        await using var lease = Activator.Create(context.GetHttpContext());
        return await invoker(lease.Service, requests, context).ConfigureAwait(false);
    }
}

internal sealed class ServerStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ResolvedServiceOptions options, ServiceActivator<TService> activator, ILogger logger,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, options, activator, logger)
    where TService : class where TRequest : class where TResponse : class
{
    protected override async Task InvokeCoreAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var request = await ReadSingleRequestAsync(call).ConfigureAwait(false);

        var handler = _handle ??= Handle;
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            var (next, interceptor) = (handler, interceptors[i]);
            handler = (r, w, c) => interceptor.ServerStreamingServerHandler(r, w, c, next);
        }
        await handler(request, new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller), call).ConfigureAwait(false);
    }

    private ServerStreamingServerMethod<TRequest, TResponse>? _handle;

    private async Task Handle(TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context)
    {
        await using var lease = Activator.Create(context.GetHttpContext());
        await invoker(lease.Service, request, responses, context).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ResolvedServiceOptions options, ServiceActivator<TService> activator, ILogger logger,
    Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, options, activator, logger)
    where TService : class where TRequest : class where TResponse : class
{
    protected override Task InvokeCoreAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var handler = _handle ??= Handle;
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            var (next, interceptor) = (handler, interceptors[i]);
            handler = (r, w, c) => interceptor.DuplexStreamingServerHandler(r, w, c, next);
        }
        return handler(
            new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller),
            new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller),
            call);
    }

    private DuplexStreamingServerMethod<TRequest, TResponse>? _handle;

    private async Task Handle(IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context)
    {
        await using var lease = Activator.Create(context.GetHttpContext());
        await invoker(lease.Service, requests, responses, context).ConfigureAwait(false);
    }
}
