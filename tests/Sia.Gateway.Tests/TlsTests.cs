using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Sia.Registry.V1;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>A gateway given a certificate (a self-signed one made here, as a password-protected PFX): it adds a TLS endpoint.</summary>
public sealed class TlsStack : GatewayStack
{
    private const string Password = "gateway-test";
    private readonly string _pfxPath = Path.Combine(Path.GetTempPath(), $"sia-gateway-test-{Guid.NewGuid():N}.pfx");

    public TlsStack(PostgresServer postgres) : base(postgres)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(_pfxPath, certificate.Export(X509ContentType.Pfx, Password));
        Thumbprint = certificate.Thumbprint;
    }

    public string Thumbprint { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:Tls:CertificatePath"] = _pfxPath,
        ["Gateway:Tls:Password"] = Password,
        ["Gateway:Tls:Url"] = "https://127.0.0.1:0",
    };

    /// <summary>Trusts exactly the test's certificate.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && new X509Certificate2(certificate).Thumbprint == Thumbprint;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_pfxPath);
    }
}

public sealed class TlsTests(TlsStack stack) : IClassFixture<TlsStack>
{
    [Fact]
    public async Task The_TLS_endpoint_serves_a_call()
    {
        var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = stack.Validate } };
        using var channel = GrpcChannel.ForAddress(stack.Gateway.TlsAddress!, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });

        var school = await new SchoolService.SchoolServiceClient(channel).GetSchoolAsync(new GetSchoolRequest { Name = "schools/990001" },
            TestPartners.Bearer(TestPartners.FullKey), DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(Uri.UriSchemeHttps, stack.Gateway.TlsAddress!.Scheme);
        Assert.Equal("Minster View Primary School", school.DisplayName);
    }

    [Fact]
    public async Task TLS_negotiates_HTTP2_by_ALPN_even_when_the_client_also_offers_HTTP11()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(stack.Gateway.TlsAddress!.Host, stack.Gateway.TlsAddress.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, stack.Validate);

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http11, SslApplicationProtocol.Http2],
        });

        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task The_h2c_endpoint_still_serves_beside_it()
    {
        var school = await new SchoolService.SchoolServiceClient(stack.CreateChannel()).GetSchoolAsync(new GetSchoolRequest { Name = "schools/990001" },
            TestPartners.Bearer(TestPartners.FullKey), DateTime.UtcNow.AddSeconds(30));

        Assert.Equal("Minster View Primary School", school.DisplayName);
    }
}
