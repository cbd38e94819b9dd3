using Grpc.Net.Client;
using Sia.Risk.Data;

namespace Sia.Risk.Tests;

/// <summary>
/// The risk service run by its Program.cs, with its own appsettings.json, on real Kestrel h2c at a free loopback port, over a
/// database the test owns (so that another host can start on it again), following the registry at the given address.
/// Reconnect delays are short (100-400 ms) unless the settings say otherwise.
/// </summary>
public sealed class RiskHost : IAsyncDisposable
{
    private readonly KestrelApplicationFactory<RiskDbContext> _factory;

    private RiskHost(KestrelApplicationFactory<RiskDbContext> factory)
    {
        _factory = factory;
        Address = factory.Addresses.Single();
    }

    public Uri Address { get; }
    public IServiceProvider Services => _factory.Services;

    public static async Task<RiskHost> StartAsync(string database, Uri registry, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var factory = new KestrelApplicationFactory<RiskDbContext>(Environments.Production,
        [
            new("urls", "http://127.0.0.1:0"),
            new("ConnectionStrings:riskdb", database),
            new("Risk:Registry:Address", registry.ToString()),
            new("Risk:Registry:ReconnectDelay", "00:00:00.1"),
            new("Risk:Registry:MaxReconnectDelay", "00:00:00.4"),
            .. settings ?? new Dictionary<string, string?>(),
        ], configureServices);
        factory.UseKestrel();
        // Returns once Program has migrated the database and listens.
        await Task.Run(factory.StartServer);
        return new RiskHost(factory);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
