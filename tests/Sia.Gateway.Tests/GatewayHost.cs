using Grpc.Net.Client;

namespace Sia.Gateway.Tests;

/// <summary>
/// The gateway run by its Program.cs, with its own appsettings.json (the real routes and clusters), on real Kestrel at free
/// loopback ports, given the test partners and the registry's address as an AppHost would (services:registry:http:0).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly KestrelApplicationFactory<GatewayOptions> _factory;

    private GatewayHost(KestrelApplicationFactory<GatewayOptions> factory)
    {
        _factory = factory;
        var addresses = factory.Addresses;
        Address = addresses.First(a => a.Scheme == Uri.UriSchemeHttp);
        TlsAddress = addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>The h2c endpoint.</summary>
    public Uri Address { get; }

    /// <summary>The TLS endpoint, when Gateway:Tls:CertificatePath was given.</summary>
    public Uri? TlsAddress { get; }

    public static async Task<GatewayHost> StartAsync(Uri registry, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var factory = new KestrelApplicationFactory<GatewayOptions>(Environments.Production,
        [
            .. TestPartners.Settings,
            new("urls", "http://127.0.0.1:0"),
            new("services:registry:http:0", registry.ToString()),
            .. settings ?? new Dictionary<string, string?>(),
        ], configureServices);
        // Kestrel listens where the gateway's own configuration says (urls, and Gateway:Tls:Url with a certificate).
        factory.UseKestrel();
        await Task.Run(factory.StartServer);
        return new GatewayHost(factory);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
