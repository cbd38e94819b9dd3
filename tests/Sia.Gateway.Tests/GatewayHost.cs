using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>
/// The gateway as its Program.cs runs it, with its own appsettings.json (the real routes and clusters), on real Kestrel at
/// free loopback ports, given the test partners and the registry's address as an AppHost would (services:registry:http:0).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app)
    {
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        Address = addresses.First(a => a.Scheme == Uri.UriSchemeHttp);
        TlsAddress = addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>The h2c endpoint.</summary>
    public Uri Address { get; }

    /// <summary>The TLS endpoint, when Gateway:Tls:CertificatePath was given.</summary>
    public Uri? TlsAddress { get; }

    public static async Task<GatewayHost> StartAsync(Uri registry, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = RepoPaths.Combine("gateway", "Sia.Gateway"),
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Configuration.AddInMemoryCollection(TestPartners.Settings);
        builder.Configuration["urls"] = "http://127.0.0.1:0";
        builder.Configuration["services:registry:http:0"] = registry.ToString();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddGatewayServices();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGatewayEndpoints();
        await app.StartAsync();
        return new GatewayHost(app);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
