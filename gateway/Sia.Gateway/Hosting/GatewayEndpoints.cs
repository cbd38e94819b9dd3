using System.Security.Cryptography.X509Certificates;

namespace Sia.Gateway.Hosting;

/// <summary>
/// Where the gateway listens: the URLs configured the usual way (Urls, ASPNETCORE_URLS, --urls; default
/// <see cref="DefaultUrl"/>), HTTP/2 only by Kestrel:EndpointDefaults in appsettings.json, so http:// is h2c; plus a TLS
/// endpoint (ALPN h2) at Gateway:Tls:Url when Gateway:Tls:CertificatePath is set.
/// </summary>
public static class GatewayEndpoints
{
    // In code rather than as Urls in appsettings.json, which would override the ASPNETCORE_URLS an AppHost sets.
    public const string DefaultUrl = "http://localhost:5100";

    public static void Configure(WebApplicationBuilder builder, TlsOptions tls)
    {
        var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrl;
        if (tls.CertificatePath is null)
        {
            builder.WebHost.UseUrls(urls);
            return;
        }
        var certificate = LoadCertificate(tls);
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), tls.Url]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
    }

    private static X509Certificate2 LoadCertificate(TlsOptions tls)
    {
        var path = tls.CertificatePath!;
        if (!File.Exists(path)) throw new InvalidOperationException($"Gateway:Tls:CertificatePath: no file at '{path}'.");
        if (tls.KeyPath is not null) return X509Certificate2.CreateFromPemFile(path, tls.KeyPath);
        return X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password);
    }
}
