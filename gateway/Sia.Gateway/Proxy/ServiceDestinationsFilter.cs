using Yarp.ReverseProxy.Configuration;

namespace Sia.Gateway.Proxy;

/// <summary>
/// Points each cluster at the addresses Aspire gives the service of the same name, services:{cluster}:http:{n}
/// (environment services__registry__http__0), when there are any; otherwise the cluster keeps its configured destinations.
/// So an AppHost only sets the service variables, as it does for any client of the service.
/// </summary>
public sealed class ServiceDestinationsFilter(IConfiguration configuration) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        var addresses = configuration.GetSection($"services:{cluster.ClusterId}:http").GetChildren()
            .Where(endpoint => !string.IsNullOrWhiteSpace(endpoint.Value))
            .ToList();
        if (addresses.Count == 0) return ValueTask.FromResult(cluster);
        var destinations = addresses.ToDictionary(
            endpoint => $"{cluster.ClusterId}/{endpoint.Key}",
            endpoint => new DestinationConfig { Address = endpoint.Value! },
            StringComparer.OrdinalIgnoreCase);
        return ValueTask.FromResult(cluster with { Destinations = destinations });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
