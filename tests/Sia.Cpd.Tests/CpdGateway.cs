using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Gateway;

namespace Sia.Cpd.Tests;

/// <summary>
/// The real gateway (its own Program and appsettings.json, on Kestrel h2c) in front of a <see cref="CpdStack"/>: one
/// partner key acting for York (LA 816) with every CPD method, signing partner headers with the stack's key, its rate
/// limit out of reach.
/// </summary>
public sealed class CpdGateway : IAsyncDisposable
{
    public const string YorkKey = "cpd-tests-york-key";

    private readonly KestrelApplicationFactory<GatewayOptions> _factory;

    private CpdGateway(KestrelApplicationFactory<GatewayOptions> factory) => _factory = factory;

    public static Metadata York => new() { { "authorization", $"Bearer {YorkKey}" } };

    public static async Task<CpdGateway> StartAsync(Uri cpd, Uri registry)
    {
        var factory = new KestrelApplicationFactory<GatewayOptions>(Environments.Production,
        [
            new("urls", "http://127.0.0.1:0"),
            new("services:cpd:http:0", cpd.ToString()),
            new("services:registry:http:0", registry.ToString()),
            new("Gateway:PartnerSigningKey", CpdStack.SigningKey),
            new("Gateway:Partners:0:Name", "York LA bookings"),
            new("Gateway:Partners:0:KeyHash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(YorkKey)))),
            new("Gateway:Partners:0:Scopes:0", "sia.cpd.v1.*"),
            new("Gateway:Partners:0:ActsFor:LocalAuthorities:0", "816"),
            new("Gateway:RateLimit:PermitsPerSecond", "1000000"),
            new("Gateway:RateLimit:Burst", "1000000"),
        ]);
        factory.UseKestrel();
        await Task.Run(factory.StartServer);
        return new CpdGateway(factory);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(_factory.Addresses.Single());

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
