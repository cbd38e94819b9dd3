using Sia.Contracts;
using Sia.ServiceDefaults;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Sia.Gateway.Hosting;

/// <summary>
/// The gateway answers gRPC reflection (v1 and v1alpha) itself, without a key, for every SIA service a route forwards: the
/// schema is public (protos/), and a client that reads it before calling (buf curl) then gets the gateway's own answer to
/// the call, such as UNAUTHENTICATED saying how to send a key, rather than "service not found". One reflection service
/// describes the services of every backend, with google.rpc's error details so rich errors decode.
/// </summary>
public static class GatewayReflection
{
    public static void AddGatewayReflection(this WebApplicationBuilder builder) =>
        builder.Services.AddApiReflection(RoutedServices(builder.Configuration.GetSection("ReverseProxy:Routes")));

    /// <summary>The services whose route matches "/{service}/{method}", as every service's route in appsettings.json does.</summary>
    public static IEnumerable<ServiceDescriptor> RoutedServices(IConfiguration routes)
    {
        var paths = routes.GetChildren().Select(route => route["Match:Path"]).ToHashSet(StringComparer.Ordinal);
        return ApiDescriptors.Services.Where(service => paths.Contains($"/{service.FullName}/{{method}}"));
    }
}
