using Sia.Registry.Testing.AnyRequest;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>
/// The sampled registry (resources of each kind, a valid request for every RPC) behind the gateway, whose rate limit is
/// raised so that every call of a fuzz run reaches the registry.
/// </summary>
public sealed class SampledGatewayStack(PostgresServer postgres) : IAsyncLifetime
{
    public SampledRegistryHost Registry { get; } = new SignedRegistryHost(postgres);
    public GatewayHost Gateway { get; private set; } = null!;
    /// <summary>What the gateway logs, at the levels its configuration enables.</summary>
    public CapturedLogs GatewayLogs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Registry.InitializeAsync();
        Gateway = await GatewayHost.StartAsync(Registry.Address, new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:PermitsPerSecond"] = "100000",
            ["Gateway:RateLimit:Burst"] = "100000",
        }, GatewayLogs.AddTo);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Registry.DisposeAsync();
    }

    /// <summary>Verifies the gateway's partner headers, as the registry behind a gateway does.</summary>
    private sealed class SignedRegistryHost(PostgresServer postgres) : SampledRegistryHost(postgres)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [PartnerHeaders.SigningKeyConfigKey] = TestPartners.SigningKey,
        };
    }
}
