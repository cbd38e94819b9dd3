using Sia.Testing.Postgres;

namespace Sia.Risk.Tests.ReadModel;

/// <summary>A test's own registry and an empty database for the risk service's copy of it, with a probe of both; dropped after the test.</summary>
public abstract class RegistryAndEmptyCopy(PostgresServer postgres) : IAsyncLifetime
{
    protected RegistryHost Registry { get; } = new(postgres);
    protected string RiskDatabase { get; private set; } = "";
    internal ReadModelProbe Probe { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Registry.InitializeAsync();
        RiskDatabase = await postgres.CreateDatabaseAsync("risk");
        Probe = new ReadModelProbe(Registry.ConnectionString, RiskDatabase);
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        await postgres.DropDatabaseAsync(RiskDatabase);
    }
}
