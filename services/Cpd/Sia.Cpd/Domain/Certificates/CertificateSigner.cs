using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Sia.Cpd.Domain.Certificates;

/// <summary>
/// Signs and verifies certificates' content with the configured key: ECDSA P-256 over SHA-256, signatures in IEEE P1363
/// form (r then s). Its public half, and the id that names it, are published for offline checks.
/// </summary>
internal sealed class CertificateSigner
{
    public const string Algorithm = "ECDSA_P256_SHA256";

    // An ECDsa instance is not documented as safe to share across threads: each operation imports the key afresh.
    private readonly ECParameters _key;

    public CertificateSigner(IOptions<CertificateOptions> options)
    {
        using var key = TryLoad(options.Value.PrivateKeyPem) ?? throw new InvalidOperationException($"{CertificateOptions.Section}:PrivateKeyPem is not an ECDSA P-256 private key.");
        _key = key.ExportParameters(includePrivateParameters: true);
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key's SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    public string PublicKeyPem { get; }

    public byte[] Sign(byte[] content)
    {
        using var key = ECDsa.Create(_key);
        return key.SignData(content, HashAlgorithmName.SHA256);
    }

    public bool Verify(byte[] content, byte[] signature)
    {
        using var key = ECDsa.Create(_key);
        return key.VerifyData(content, signature, HashAlgorithmName.SHA256);
    }

    public static bool IsP256PrivateKey(string pem)
    {
        using var key = TryLoad(pem);
        return key is not null;
    }

    /// <summary>The key in <paramref name="pem"/> if it is an ECDSA private key on P-256; null otherwise.</summary>
    private static ECDsa? TryLoad(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.ExportParameters(includePrivateParameters: true) is { D: not null, Curve.Oid.Value: "1.2.840.10045.3.1.7" }) return key;
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException)
        {
            // Not a key: null below.
        }
        key.Dispose();
        return null;
    }
}
