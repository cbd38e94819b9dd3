using Google.Protobuf;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Domain.Certificates;
using Sia.Cpd.Grpc.Mapping;
using Sia.Cpd.V1;

namespace Sia.Cpd.Grpc;

/// <summary>
/// Certificates of attendance, signed over the protobuf encoding of their content: seen by those who see the booking
/// (BookingAccess); the key and verification open to any caller.
/// </summary>
internal sealed class CertificateGrpcService(Certificates certificates, CertificateSigner signer) : CertificateService.CertificateServiceBase
{
    public override async Task<Certificate> GetCertificate(GetCertificateRequest request, ServerCallContext context)
    {
        var name = DelegateName.Parse(request.Name, Certificates.Collection, "name");
        var facts = await certificates.GetAsync(name, b => context.RequireBooking(b, name.Booking.ToString()), context.CancellationToken);
        var content = facts.ToContent();
        return new Certificate { Name = name.ToString(), Content = content, Signature = ByteString.CopyFrom(signer.Sign(content.ToByteArray())), KeyId = signer.KeyId };
    }

    public override Task<CertificateKey> GetCertificateKey(GetCertificateKeyRequest request, ServerCallContext context) =>
        Task.FromResult(new CertificateKey { KeyId = signer.KeyId, Algorithm = CertificateSigner.Algorithm, PublicKeyPem = signer.PublicKeyPem });

    public override Task<VerifyCertificateResponse> VerifyCertificate(VerifyCertificateRequest request, ServerCallContext context)
    {
        var content = request.Content ?? throw new ValidationFailedException("content", "The certificate's content to verify is missing.");
        return Task.FromResult(new VerifyCertificateResponse { Valid = signer.Verify(content.ToByteArray(), request.Signature.ToByteArray()) });
    }
}
