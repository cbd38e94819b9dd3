using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using System.Reflection;
using Google.Protobuf;
using Grpc.Core;
using Sia.Contracts;
using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Grpc;

/// <summary>
/// Maps a generated gRPC service as MapGrpcService does, except that a request protobuf can't parse is INVALID_ARGUMENT
/// (naming the field, for a string that is not UTF-8: protobuf.js writes a lone surrogate so), where grpc-dotnet answers
/// UNKNOWN and logs an error. It parses requests before any interceptor runs, so the service is mapped as a
/// ServerServiceDefinition whose request marshallers catch the failure; the handler is made per call, as for MapGrpcService.
/// </summary>
public static class StrictRequestParsing
{
    public static void MapGrpcServiceParsingStrictly<TService>(this IEndpointRouteBuilder endpoints) where TService : class
    {
        var definition = ServerServiceDefinition.CreateBuilder();
        BindServiceMethod(typeof(TService)).Invoke(null, [new Binder<TService>(definition), null]);
        endpoints.MapGrpcService(definition.Build());
    }

    /// <summary>The generated static BindService(ServiceBinderBase, TServiceBase) that lists the service's methods to a binder.</summary>
    private static MethodInfo BindServiceMethod(Type service)
    {
        for (var type = service; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>() is { } bind)
                return bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type])!;
        }
        throw new InvalidOperationException($"{service.Name} does not derive from a generated gRPC service base.");
    }

    private sealed class Binder<TService>(ServerServiceDefinition.Builder definition) : ServiceBinderBase where TService : class
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var call = Handler<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            definition.AddMethod(ParsingStrictly(method), (request, context) => call(Service(context), request, context));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var call = Handler<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            definition.AddMethod(ParsingStrictly(method), (requests, context) => call(Service(context), requests, context));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var call = Handler<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
                method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            definition.AddMethod(ParsingStrictly(method), (request, responses, context) => call(Service(context), request, responses, context));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var call = Handler<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            definition.AddMethod(ParsingStrictly(method), (requests, responses, context) => call(Service(context), requests, responses, context));
        }

        private static TDelegate Handler<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate =>
            typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)!.CreateDelegate<TDelegate>();

        private static TService Service(ServerCallContext context) =>
            ActivatorUtilities.GetServiceOrCreateInstance<TService>(context.GetHttpContext().RequestServices);
    }

    private static Method<TRequest, TResponse> ParsingStrictly<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var requestType = ApiDescriptors.Services.Single(s => s.FullName == method.ServiceName).FindMethodByName(method.Name).InputType;
        var parse = method.RequestMarshaller.ContextualDeserializer;
        var marshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                return parse(context);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw NonUtf8Strings.FindField(context.PayloadAsNewBuffer(), requestType) is { } field
                    ? RpcErrors.From(new ValidationFailedException(field, "This text is not UTF-8: strings must be Unicode text, which a lone surrogate is not."))
                    : new RpcException(new Status(StatusCode.InvalidArgument, $"The request is not a {requestType.Name} protobuf can read: {ex.Message}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }
}
