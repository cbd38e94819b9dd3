using Grpc.Net.Client;
using Sia.Funding.Data;
using Sia.Registry.Testing;

namespace Sia.Funding.Tests;

/// <summary>
/// The funding service run by its Program.cs, with its own appsettings.json, on real Kestrel h2c at a free loopback port,
/// over a database the test owns.
/// </summary>
public sealed class FundingHost : IAsyncDisposable
{
    private readonly KestrelApplicationFactory<FundingDbContext> _factory;

    private FundingHost(KestrelApplicationFactory<FundingDbContext> factory)
    {
        _factory = factory;
        Address = factory.Addresses.Single();
    }

    public Uri Address { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<FundingHost> StartAsync(string database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new KestrelApplicationFactory<FundingDbContext>(Environments.Production,
        [
            new("urls", "http://127.0.0.1:0"),
            new("ConnectionStrings:fundingdb", database),
            .. settings ?? new Dictionary<string, string?>(),
        ]);
        factory.UseKestrel();
        // Returns once Program has migrated the database and listens.
        await Task.Run(factory.StartServer);
        return new FundingHost(factory);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
