using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.Testing.Postgres;
using Xunit;

namespace Sia.Registry.Testing;

/// <summary>The registry service as Program.cs runs it, on real Kestrel h2c, over its own test database.</summary>
public sealed class RegistryHost(PostgresServer postgres) : IAsyncLifetime
{
    private WebApplication _app = null!;

    /// <summary>Registry:LoadDemoData; null leaves it to the environment's default.</summary>
    public bool? LoadDemoData { get; init; } = false;
    public string EnvironmentName { get; init; } = Environments.Production;

    /// <summary>Configuration over the test database's, as environment variables would give it (Gateway:PartnerSigningKey...).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Services to add after the registry's own, for a test to see what its handlers see (an interceptor...).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Middleware to run before the registry's endpoints, for a test to see what reaches it.</summary>
    public Action<WebApplication>? BeforeEndpoints { get; init; }

    public string ConnectionString { get; private set; } = "";
    public Uri Address { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("registry");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = EnvironmentName });
        builder.Configuration["ConnectionStrings:registrydb"] = ConnectionString;
        if (LoadDemoData is { } load) builder.Configuration["Registry:LoadDemoData"] = load ? "true" : "false";
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddRegistryServices();
        ConfigureServices?.Invoke(builder.Services);
        _app = builder.Build();
        await _app.MigrateRegistryDatabaseAsync();
        BeforeEndpoints?.Invoke(_app);
        _app.MapDefaultEndpoints();
        _app.MapRegistryEndpoints();
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await postgres.DropDatabaseAsync(ConnectionString);
    }
}
