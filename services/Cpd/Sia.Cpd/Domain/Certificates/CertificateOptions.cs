using System.ComponentModel.DataAnnotations;

namespace Sia.Cpd.Domain.Certificates;

/// <summary>Cpd:Certificates: the ECDSA P-256 private key certificates are signed with, as PEM (PKCS#8 or SEC1). A secret outside Development.</summary>
internal sealed class CertificateOptions
{
    public const string Section = "Cpd:Certificates";

    [Required]
    public string PrivateKeyPem { get; set; } = "";
}
