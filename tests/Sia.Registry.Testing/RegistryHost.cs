using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.Registry.Data;
using Sia.Testing.Postgres;
using Xunit;

namespace Sia.Registry.Testing;

/// <summary>The registry service run by its Program.cs, on real Kestrel h2c at a free loopback port, over its own test database.</summary>
public sealed class RegistryHost(PostgresServer postgres) : IAsyncLifetime
{
    private KestrelApplicationFactory<RegistryDbContext> _factory = null!;

    /// <summary>Registry:LoadDemoData; null leaves it to the environment's default.</summary>
    public bool? LoadDemoData { get; init; } = false;
    public string EnvironmentName { get; init; } = Environments.Production;

    /// <summary>Configuration over the test database's, as environment variables would give it (Gateway:PartnerSigningKey...).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Services to add after the registry's own, for a test to see what its handlers see (an interceptor...).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Middleware to run before the registry's endpoints, for a test to see what reaches it.</summary>
    public Action<IApplicationBuilder>? BeforeEndpoints { get; init; }

    /// <summary>A database to run on, left as it is at the end, instead of a new one dropped at the end: to start a registry again on the same data.</summary>
    public string? Database { get; init; }

    /// <summary>The loopback port to listen on; 0 for a free one.</summary>
    public int Port { get; init; }

    public string ConnectionString { get; private set; } = "";
    public Uri Address { get; private set; } = null!;
    public IServiceProvider Services => _factory.Services;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = Database ?? await postgres.CreateDatabaseAsync("registry");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:registrydb"] = ConnectionString };
        if (LoadDemoData is { } load) settings["Registry:LoadDemoData"] = load ? "true" : "false";
        _factory = new KestrelApplicationFactory<RegistryDbContext>(EnvironmentName, [.. settings, .. Settings], services =>
        {
            ConfigureServices?.Invoke(services);
            if (BeforeEndpoints is { } before) services.AddSingleton<IStartupFilter>(new BeforeEndpointsFilter(before));
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http2));
        // Returns once Program has migrated the database (and loaded the demo data if asked) and listens; it blocks till then.
        await Task.Run(_factory.StartServer);
        Address = _factory.Addresses.Single();
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Database is null) await postgres.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>Startup filters wrap the pipeline Program builds: what this adds runs before all of it.</summary>
    private sealed class BeforeEndpointsFilter(Action<IApplicationBuilder> before) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            before(app);
            next(app);
        };
    }
}
