using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Grpc.Net.ClientFactory;

/// <summary>How a client registered with AddGrpcClient reaches its server.</summary>
public sealed class GrpcClientFactoryOptions
{
    /// <summary>
    /// The server address. A host that names a service in configuration ("http://registry") is resolved with
    /// Aspire's convention, services:{name}:{endpoint}:0, where the endpoint is the scheme ("https+http://"
    /// tries https, then http) or a name given as "_endpoint.name" ("http://_grpc.registry").
    /// </summary>
    public Uri? Address { get; set; }

    public IList<Action<GrpcChannelOptions>> ChannelOptionsActions { get; } = [];

    public IList<Func<IServiceProvider, Interceptor>> InterceptorFactories { get; } = [];
}
