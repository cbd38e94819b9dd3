using Microsoft.Extensions.Configuration;

namespace Grpc.Net.ClientFactory;

/// <summary>Resolves "scheme://service" addresses from Aspire's services:{name}:{endpoint}:{index} configuration.</summary>
public static class ServiceAddressResolver
{
    public static Uri Resolve(Uri address, IConfiguration configuration)
    {
        var host = address.Host;
        string? endpointName = null;
        if (host.StartsWith('_') && host.IndexOf('.') is > 1 and var dot)
        {
            endpointName = host[1..dot];
            host = host[(dot + 1)..];
        }
        var service = configuration.GetSection("services").GetSection(host);
        if (!service.Exists()) return address;

        var candidates = endpointName is not null ? [endpointName] : address.Scheme.Split('+');
        foreach (var candidate in candidates)
        {
            if (service.GetSection(candidate)["0"] is { Length: > 0 } value) return new Uri(value);
        }
        throw new InvalidOperationException(
            $"Service '{host}' is configured, but has no endpoint '{string.Join("' or '", candidates)}' (looked for services:{host}:{candidates[0]}:0).");
    }
}
