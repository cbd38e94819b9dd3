using Grpc.Net.Client;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>A test class's registry (own database, demo data) with a gateway in front; subclasses change the gateway's settings.</summary>
public class GatewayStack(PostgresServer postgres) : IAsyncLifetime
{
    public BackendHost Backend { get; private set; } = null!;
    public GatewayHost Gateway { get; private set; } = null!;
    /// <summary>What the gateway logs, at the levels its configuration enables.</summary>
    public CapturedLogs GatewayLogs { get; } = new();

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual IReadOnlyDictionary<string, string?> BackendSettings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        Backend = new BackendHost(postgres, BackendSettings);
        await Backend.InitializeAsync();
        Gateway = await GatewayHost.StartAsync(Backend.Address, Settings, GatewayLogs.AddTo);
    }

    public GrpcChannel CreateChannel() => Gateway.CreateChannel();

    public virtual async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
