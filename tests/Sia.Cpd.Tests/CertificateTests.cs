using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using static Sia.Cpd.Tests.Registers;

namespace Sia.Cpd.Tests;

/// <summary>Certificates of attendance: signed with the service's key, checked here with its public key alone.</summary>
public sealed class CertificateTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private CertificateService.CertificateServiceClient Certificates => new(stack.CreateChannel());

    [Fact]
    public async Task A_certificate_verifies_with_the_published_key_and_any_change_to_it_does_not()
    {
        var (session, booking) = await AttendedAsync(true, false);
        var client = Certificates;
        var certificate = await client.GetCertificateAsync(new GetCertificateRequest { Name = $"{booking.Name}/certificates/{booking.Delegates[0].Id}" });

        var content = certificate.Content;
        Assert.Equal(("Delegate 1", MinsterView, "Assessment without levels", "alliances/pathfinder", session.Name, 390),
            (content.DelegateName, content.School, content.CourseTitle, content.ProviderAlliance, content.Session, content.DurationMinutes));
        Assert.Equal((session.StartTime, session.EndTime, booking.AttendanceRecordTime), (content.SessionStartTime, content.SessionEndTime, content.IssueTime));
        var key = await client.GetCertificateKeyAsync(new GetCertificateKeyRequest());
        Assert.Equal(certificate.KeyId, key.KeyId);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key.PublicKeyPem);
        Assert.True(publicKey.VerifyData(content.ToByteArray(), certificate.Signature.ToByteArray(), HashAlgorithmName.SHA256));
        Assert.True((await client.VerifyCertificateAsync(new VerifyCertificateRequest { Content = content, Signature = certificate.Signature })).Valid);

        var changed = content.Clone();
        changed.DurationMinutes = 420;
        Assert.False(publicKey.VerifyData(changed.ToByteArray(), certificate.Signature.ToByteArray(), HashAlgorithmName.SHA256));
        Assert.False((await client.VerifyCertificateAsync(new VerifyCertificateRequest { Content = changed, Signature = certificate.Signature })).Valid);
        var renamed = content.Clone();
        renamed.DelegateName = "Delegate 2";
        Assert.False((await client.VerifyCertificateAsync(new VerifyCertificateRequest { Content = renamed, Signature = certificate.Signature })).Valid);
        var signature = certificate.Signature.ToByteArray();
        signature[^1] ^= 1;
        Assert.False((await client.VerifyCertificateAsync(new VerifyCertificateRequest { Content = content, Signature = ByteString.CopyFrom(signature) })).Valid);
    }

    [Fact]
    public async Task A_delegate_who_did_not_attend_has_no_certificate_and_another_school_sees_none()
    {
        var (_, booking) = await AttendedAsync(true, false);
        var client = Certificates;
        var absent = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetCertificateAsync(new GetCertificateRequest { Name = $"{booking.Name}/certificates/{booking.Delegates[1].Id}" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, absent.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetCertificateAsync(new GetCertificateRequest { Name = $"{booking.Name}/certificates/d-nobody00" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var otherSchool = await Assert.ThrowsAsync<RpcException>(() => client.GetCertificateAsync(
            new GetCertificateRequest { Name = $"{booking.Name}/certificates/{booking.Delegates[0].Id}" }, Partners.ActingForSchools(stack.Clock, "Pathfinder Secondary", "990007")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, otherSchool.StatusCode);
        var badName = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetCertificateAsync(new GetCertificateRequest { Name = $"{booking.Name}/evaluations/{booking.Delegates[0].Id}" }).ResponseAsync);
        Assert.Equal(["name"], RpcErrors.ViolatedFields(badName));
    }

    /// <summary>A Minster View booking of a session that has taken place, its register recorded as given.</summary>
    private async Task<(Session Session, Booking Booking)> AttendedAsync(params bool[] attended)
    {
        var session = await SoonSessionAsync(stack);
        var bookings = new BookingService.BookingServiceClient(stack.CreateChannel());
        var booking = await bookings.CreateBookingAsync(Create(session, Booking(places: attended.Length)));
        PassSoonSession(stack);
        return (session, await bookings.RecordAttendanceAsync(Register(booking, attended)));
    }
}
