using System.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Grpc.Shared.Server;

/// <summary>
/// Receives a service's methods from its generated BindService and maps each to a POST endpoint at the
/// method's path, calling the service type's override of the method on an instance made per call.
/// </summary>
internal sealed class EndpointServiceBinder<TService>(
    IEndpointRouteBuilder endpoints, ResolvedServiceOptions options, ILogger logger, GrpcServiceRegistry registry)
    : ServiceBinderBase where TService : class
{
    private readonly ServiceActivator<TService> _activator = new(endpoints.ServiceProvider);

    public List<IEndpointConventionBuilder> EndpointBuilders { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = CreateInvoker<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(method, typeof(TRequest), typeof(ServerCallContext));
        Map(method, new UnaryServerCallHandler<TService, TRequest, TResponse>(method, options, _activator, logger, invoker).HandleCallAsync);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = CreateInvoker<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        Map(method, new ClientStreamingServerCallHandler<TService, TRequest, TResponse>(method, options, _activator, logger, invoker).HandleCallAsync);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = CreateInvoker<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Map(method, new ServerStreamingServerCallHandler<TService, TRequest, TResponse>(method, options, _activator, logger, invoker).HandleCallAsync);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = CreateInvoker<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Map(method, new DuplexStreamingServerCallHandler<TService, TRequest, TResponse>(method, options, _activator, logger, invoker).HandleCallAsync);
    }

    private void Map(IMethod method, RequestDelegate handler)
    {
        registry.AddMethod(method);
        var builder = endpoints.MapPost(method.FullName, handler)
            .WithDisplayName($"gRPC - {method.FullName}")
            .WithMetadata(method);
        EndpointBuilders.Add(builder);
    }

    /// <summary>An open-instance delegate to the service type's public method of the RPC's name.</summary>
    private static TDelegate CreateInvoker<TDelegate>(IMethod method, params Type[] parameterTypes) where TDelegate : Delegate
    {
        var methodInfo = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameterTypes)
            ?? throw new InvalidOperationException($"Could not find method '{method.Name}' on {typeof(TService)} for {method.FullName}.");
        return methodInfo.CreateDelegate<TDelegate>();
    }
}
