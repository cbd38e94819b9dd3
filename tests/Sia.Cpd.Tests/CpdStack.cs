using System.Globalization;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Sia.Cpd.Data;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;

namespace Sia.Cpd.Tests;

/// <summary>
/// A test class's registry (with its demo data: York's alliances ebor and pathfinder) and CPD service, each over a database
/// of its own; both verify partner headers signed with <see cref="SigningKey"/>, as behind the gateway. Lapsed holds are
/// swept every second.
/// </summary>
public class CpdStack(PostgresServer postgres) : IAsyncLifetime
{
    public const string SigningKey = "cpd-tests-partner-signing-key-0123456789abcdef";

    private CpdHost _cpd = null!;
    private Task<CpdHost>? _second;
    private string _database = "";

    /// <summary>The CPD service's database, for tests that look at it directly.</summary>
    public string Database => _database;

    /// <summary>The CPD service's clock: real time, moved on by the tests (holds lapsing, deadlines passing).</summary>
    public AdvancingClock Clock { get; } = new();

    public RegistryHost Registry { get; } = new(postgres)
    {
        LoadDemoData = true,
        Settings = new Dictionary<string, string?> { [PartnerHeaders.SigningKeyConfigKey] = SigningKey },
    };

    public async ValueTask InitializeAsync()
    {
        await Registry.InitializeAsync();
        _database = await postgres.CreateDatabaseAsync("cpd");
        _cpd = await CpdHost.StartAsync(_database, Registry.Address, Settings, ConfigureServices);
    }

    public GrpcChannel CreateChannel() => _cpd.CreateChannel();

    /// <summary>The first instance's address, for a gateway in front of it.</summary>
    public Uri Address => _cpd.Address;

    /// <summary>A channel to a second instance of the CPD service over the same database (started on first asking), as when it runs scaled out.</summary>
    public async Task<GrpcChannel> CreateSecondInstanceChannelAsync() =>
        (await (_second ??= CpdHost.StartAsync(_database, Registry.Address, Settings, ConfigureServices))).CreateChannel();

    /// <summary>Seconds between sweeps for lapsed holds; 0 leaves them to each session's next change.</summary>
    protected virtual int SweepSeconds => 1;

    private Dictionary<string, string?> Settings => new()
    {
        [PartnerHeaders.SigningKeyConfigKey] = SigningKey,
        ["Cpd:Bookings:SweepSeconds"] = SweepSeconds.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The first instance's <see cref="CommandGate"/>, to hold its commands at a chosen point.</summary>
    public CommandGate Gate => _cpd.Services.GetRequiredService<CommandGate>();

    private void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        CommandGate.Install<CpdDbContext>(services);
    }

    public async ValueTask DisposeAsync()
    {
        if (_second is not null) await (await _second).DisposeAsync();
        await _cpd.DisposeAsync();
        await Registry.DisposeAsync();
        await postgres.DropDatabaseAsync(_database);
    }
}

/// <summary>A <see cref="CpdStack"/> that never sweeps: lapsed holds are released only by their session's next change, as a model can follow.</summary>
public sealed class UnsweptCpdStack(PostgresServer postgres) : CpdStack(postgres)
{
    protected override int SweepSeconds => 0;
}
