using Grpc.Net.Client;
using Sia.Registry.Testing;
using Sia.Risk.Data;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;

namespace Sia.Risk.Tests;

/// <summary>
/// A test class's registry and risk service, each over a database of its own, the risk service following the registry;
/// both verify partner headers signed with <see cref="SigningKey"/>, as behind the gateway. The risk service's DbContext
/// has a <see cref="CommandGate"/> for race tests (every command passes it untouched unless a test holds some).
/// </summary>
public sealed class RiskStack(PostgresServer postgres) : IAsyncLifetime
{
    public const string SigningKey = "risk-tests-partner-signing-key-0123456789abcdef";

    private RiskHost _risk = null!;

    public RegistryHost Registry { get; } = new(postgres) { Settings = new Dictionary<string, string?> { [PartnerHeaders.SigningKeyConfigKey] = SigningKey } };
    public string RiskDatabase { get; private set; } = "";

    public CommandGate Gate => _risk.Services.GetRequiredService<CommandGate>();

    public async ValueTask InitializeAsync()
    {
        await Registry.InitializeAsync();
        RiskDatabase = await postgres.CreateDatabaseAsync("risk");
        _risk = await RiskHost.StartAsync(RiskDatabase, Registry.Address, new Dictionary<string, string?> { [PartnerHeaders.SigningKeyConfigKey] = SigningKey },
            CommandGate.Install<RiskDbContext>);
    }

    public GrpcChannel CreateChannel() => _risk.CreateChannel();

    public async ValueTask DisposeAsync()
    {
        await _risk.DisposeAsync();
        await Registry.DisposeAsync();
        await postgres.DropDatabaseAsync(RiskDatabase);
    }
}
