using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.Registry.Testing;
using Sia.Risk.Data;
using Sia.Testing.Postgres;

namespace Sia.Risk.Tests;

/// <summary>The risk service run by its Program.cs, on real Kestrel h2c at a free loopback port, over its own test database.</summary>
public sealed class RiskHost(PostgresServer postgres) : IAsyncLifetime
{
    private KestrelApplicationFactory<RiskDbContext> _factory = null!;

    public string ConnectionString { get; private set; } = "";
    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("risk");
        _factory = new KestrelApplicationFactory<RiskDbContext>(Environments.Production, [new("ConnectionStrings:riskdb", ConnectionString)]);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        // Returns once Program has migrated the database and listens.
        await Task.Run(_factory.StartServer);
        Address = _factory.Addresses.Single();
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await postgres.DropDatabaseAsync(ConnectionString);
    }
}
