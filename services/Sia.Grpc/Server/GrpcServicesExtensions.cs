using Grpc.AspNetCore.Server;
using Grpc.Shared.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by AddGrpc, to configure the gRPC server further.</summary>
public interface IGrpcServerBuilder
{
    IServiceCollection Services { get; }
}

public static class GrpcServicesExtensions
{
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configureOptions = null)
    {
        services.AddRouting();
        services.AddOptions();
        services.TryAddSingleton<GrpcServiceRegistry>();
        if (configureOptions is not null) services.Configure(configureOptions);
        return new GrpcServerBuilder(services);
    }

    /// <summary>Options for one service, applied over the global ones.</summary>
    public static IGrpcServerBuilder AddServiceOptions<TService>(this IGrpcServerBuilder builder, Action<GrpcServiceOptions<TService>> configure)
        where TService : class
    {
        builder.Services.Configure(configure);
        return builder;
    }

    private sealed record GrpcServerBuilder(IServiceCollection Services) : IGrpcServerBuilder;
}
