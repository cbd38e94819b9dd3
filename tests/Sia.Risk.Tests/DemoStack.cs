using Grpc.Net.Client;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;

namespace Sia.Risk.Tests;

/// <summary>
/// A test class's registry with its demo data, and the risk service following it with its own demo loaded (York's 2015/16
/// autumn round, support plans and priorities; Middlesbrough's 2014/15 with one scrutiny notification), each over a
/// database of its own; both verify partner headers signed with <see cref="RiskStack.SigningKey"/>. Ready once the demo
/// loader has finished and the registry's inspections are recomputed: then the service writes nothing of its own accord.
/// </summary>
public sealed class DemoStack(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Signing = new() { [PartnerHeaders.SigningKeyConfigKey] = RiskStack.SigningKey };
    private static readonly Dictionary<string, string?> WithDemo = new(Signing) { ["Risk:LoadDemoData"] = "true" };

    private readonly RegistryHost _registry = new(postgres) { LoadDemoData = true, Settings = Signing };
    private RiskHost _risk = null!;

    public string RiskDatabase { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await _registry.InitializeAsync();
        RiskDatabase = await postgres.CreateDatabaseAsync("risk");
        await StartRiskAsync();
    }

    public GrpcChannel CreateChannel() => _risk.CreateChannel();

    /// <summary>Stops the risk service and starts it again on its database, its demo loader run again.</summary>
    public async Task RestartAsync()
    {
        await _risk.DisposeAsync();
        await StartRiskAsync();
    }

    private async Task StartRiskAsync()
    {
        _risk = await RiskHost.StartAsync(RiskDatabase, _registry.Address, WithDemo);
        // The loader logs, rather than throws, a failure: the tests' assertions show it.
        await _risk.Services.GetServices<IHostedService>().OfType<Demo.RiskDemoLoader>().Single().ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));
        await RecomputeQueue.EmptyAsync(RiskDatabase);
    }

    public async ValueTask DisposeAsync()
    {
        await _risk.DisposeAsync();
        await _registry.DisposeAsync();
        await postgres.DropDatabaseAsync(RiskDatabase);
    }
}
