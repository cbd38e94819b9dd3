using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Grpc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.Grpc.Tests.Infrastructure;
using Sia.Testing;

namespace Sia.Grpc.Tests.Server;

/// <summary>gRPC over TLS, with HTTP/2 chosen by ALPN, using a certificate the test makes.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task A_call_over_TLS_negotiates_HTTP_2_by_ALPN()
    {
        using var certificate = CreateSelfSignedCertificate();
        var tlsPort = PeerProcess.FreePort();
        await using var server = await TestServer.StartAsync(builder => builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, tlsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            })));
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        using var channel = GrpcChannel.ForAddress($"https://localhost:{tlsPort}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });

        var response = await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 7 });

        Assert.Equal(7, response.Payload.Body.Length);
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
