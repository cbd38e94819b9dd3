using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcClientServiceExtensions
{
    /// <summary>Registers a generated client, created from DI with a channel to the configured address.</summary>
    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, Action<GrpcClientFactoryOptions> configure) where TClient : ClientBase =>
        services.AddGrpcClient<TClient>(typeof(TClient).Name, configure);

    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, string name, Action<GrpcClientFactoryOptions> configure) where TClient : ClientBase
    {
        services.Configure(name, configure);
        services.TryAddSingleton<GrpcClientActivator>();
        services.AddTransient(provider => provider.GetRequiredService<GrpcClientActivator>().Create<TClient>(name));
        return services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        });
    }

    /// <summary>Adds a client interceptor, resolved from DI for each client instance.</summary>
    public static IHttpClientBuilder AddInterceptor<TInterceptor>(this IHttpClientBuilder builder) where TInterceptor : Interceptor
    {
        builder.Services.Configure<GrpcClientFactoryOptions>(builder.Name, options =>
            options.InterceptorFactories.Add(provider => provider.GetRequiredService<TInterceptor>()));
        return builder;
    }

    public static IHttpClientBuilder ConfigureChannel(this IHttpClientBuilder builder, Action<GrpcChannelOptions> configure)
    {
        builder.Services.Configure<GrpcClientFactoryOptions>(builder.Name, options => options.ChannelOptionsActions.Add(configure));
        return builder;
    }

    private sealed class GrpcClientActivator(
        IHttpClientFactory httpClients, IOptionsMonitor<GrpcClientFactoryOptions> optionsMonitor, IConfiguration configuration, IServiceProvider services)
    {
        public TClient Create<TClient>(string name) where TClient : ClientBase
        {
            var options = optionsMonitor.Get(name);
            var address = options.Address ?? throw new InvalidOperationException($"gRPC client '{name}' has no address: set GrpcClientFactoryOptions.Address.");
            var channelOptions = new GrpcChannelOptions { HttpClient = httpClients.CreateClient(name), DisposeHttpClient = true };
            foreach (var configureChannel in options.ChannelOptionsActions) configureChannel(channelOptions);
            var channel = GrpcChannel.ForAddress(ServiceAddressResolver.Resolve(address, configuration), channelOptions);
            var interceptors = options.InterceptorFactories.Select(factory => factory(services)).ToArray();
            CallInvoker invoker = interceptors.Length == 0 ? channel.CreateCallInvoker() : channel.Intercept(interceptors);
            return ActivatorUtilities.CreateInstance<TClient>(services, invoker);
        }
    }
}
