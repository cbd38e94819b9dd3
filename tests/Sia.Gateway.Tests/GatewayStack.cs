using Grpc.Net.Client;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>A test class's registry (own database, demo data) with a gateway in front; subclasses change the gateway's settings.</summary>
public class GatewayStack(PostgresServer postgres) : IAsyncLifetime
{
    public BackendHost Backend { get; } = new(postgres);
    public GatewayHost Gateway { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        await Backend.InitializeAsync();
        Gateway = await GatewayHost.StartAsync(Backend.Address, Settings);
    }

    public GrpcChannel CreateChannel() => Gateway.CreateChannel();

    public virtual async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
