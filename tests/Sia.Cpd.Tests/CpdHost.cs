using System.Security.Cryptography;
using Grpc.Net.Client;
using Sia.Cpd.Data;

namespace Sia.Cpd.Tests;

/// <summary>
/// The CPD service run by its Program.cs, with its own appsettings.json, on real Kestrel h2c at a free loopback port, over
/// a database the test owns, asking the registry at the given address.
/// </summary>
public sealed class CpdHost : IAsyncDisposable
{
    private readonly KestrelApplicationFactory<CpdDbContext> _factory;

    private CpdHost(KestrelApplicationFactory<CpdDbContext> factory)
    {
        _factory = factory;
        Address = factory.Addresses.Single();
    }

    public Uri Address { get; }

    public IServiceProvider Services => _factory.Services;
    /// <summary>The tests' certificate signing key (Cpd:Certificates:PrivateKeyPem), made once per test run.</summary>
    public static string CertificateKeyPem { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    public static async Task<CpdHost> StartAsync(string database, Uri registry, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var factory = new KestrelApplicationFactory<CpdDbContext>(Environments.Production,
        [
            new("urls", "http://127.0.0.1:0"),
            new("ConnectionStrings:cpddb", database),
            new("Cpd:Registry:Address", registry.ToString()),
            new("Cpd:Certificates:PrivateKeyPem", CertificateKeyPem),
            .. settings ?? new Dictionary<string, string?>(),
        ], configureServices);
        factory.UseKestrel();
        // Returns once Program has migrated the database and listens.
        await Task.Run(factory.StartServer);
        return new CpdHost(factory);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
