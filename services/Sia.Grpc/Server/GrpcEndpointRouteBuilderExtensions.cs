using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Shared.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sia.Grpc.Protocol;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Maps every method of a service (a class deriving from a generated ...Base) to its gRPC path.</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder builder) where TService : class
    {
        var services = builder.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call builder.Services.AddGrpc() before MapGrpcService.");
        var globalOptions = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var options = ResolvedServiceOptions.From(ServiceOptions<TService>(services, globalOptions));
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Grpc.AspNetCore.Server.ServerCallHandler");

        var binder = new EndpointServiceBinder<TService>(builder, options, logger, registry);
        FindBindMethod(typeof(TService)).Invoke(null, [binder, null]);
        registry.AddServiceType(typeof(TService));

        if (!registry.UnimplementedEndpointMapped && !globalOptions.IgnoreUnknownServices)
        {
            registry.UnimplementedEndpointMapped = true;
            MapUnimplemented(builder, registry);
        }
        return new GrpcServiceEndpointConventionBuilder(binder.EndpointBuilders);
    }

    /// <summary>The global options with the service's own configuration applied over a copy of them.</summary>
    private static GrpcServiceOptions ServiceOptions<TService>(IServiceProvider services, GrpcServiceOptions global) where TService : class
    {
        var options = new GrpcServiceOptions<TService>
        {
            MaxReceiveMessageSize = global.MaxReceiveMessageSize,
            MaxSendMessageSize = global.MaxSendMessageSize,
            EnableDetailedErrors = global.EnableDetailedErrors,
            ResponseCompressionAlgorithm = global.ResponseCompressionAlgorithm,
            ResponseCompressionLevel = global.ResponseCompressionLevel,
            CompressionProviders = [.. global.CompressionProviders],
            IgnoreUnknownServices = global.IgnoreUnknownServices,
        };
        options.Interceptors.AddRange(global.Interceptors);
        foreach (var configure in services.GetServices<IConfigureOptions<GrpcServiceOptions<TService>>>())
        {
            configure.Configure(options);
        }
        return options;
    }

    private static MethodInfo FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } attribute) continue;
            return attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == attribute.BindMethodName && m.GetParameters() is [{ } first, _] && first.ParameterType == typeof(ServiceBinderBase))
                ?? throw new InvalidOperationException($"{attribute.BindType} has no method {attribute.BindMethodName}(ServiceBinderBase, ...).");
        }
        throw new InvalidOperationException($"{serviceType} is not a gRPC service: it must derive from a generated service base class.");
    }

    /// <summary>Answers gRPC calls to unknown services and methods with UNIMPLEMENTED, as every gRPC server does.</summary>
    private static void MapUnimplemented(IEndpointRouteBuilder builder, GrpcServiceRegistry registry)
    {
        builder.MapPost("{unimplementedService}/{unimplementedMethod}", context =>
        {
            if (!GrpcProtocol.IsGrpcContentType(context.Request.ContentType))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            var service = (string)context.Request.RouteValues["unimplementedService"]!;
            var message = registry.IsKnownService(service) ? "Method is unimplemented." : "Service is unimplemented.";
            context.Response.ContentType = GrpcProtocol.ContentType;
            context.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers[GrpcProtocol.MessageTrailer] = message;
            return Task.CompletedTask;
        })
        .WithDisplayName("gRPC - Unimplemented")
        .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
    }
}

/// <summary>Applies conventions (authorization, metadata...) to every endpoint of a mapped service.</summary>
public sealed class GrpcServiceEndpointConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders) builder.Add(convention);
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in builders) builder.Finally(finallyConvention);
    }
}
