using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Certificates;
using Sia.Cpd.V1;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>What a certificate states, as the message its signature is over.</summary>
internal static class CertificateMapping
{
    public static CertificateContent ToContent(this CertificateFacts facts) => new()
    {
        Certificate = facts.Name.ToString(),
        DelegateName = facts.DelegateName,
        School = $"schools/{facts.SchoolUrn}",
        CourseTitle = facts.CourseTitle,
        ProviderAlliance = CatalogueNames.Alliance(facts.AllianceId),
        Session = facts.Name.Booking.Session.ToString(),
        SessionStartTime = Times.ToMessage(facts.StartTime),
        SessionEndTime = Times.ToMessage(facts.EndTime),
        DurationMinutes = facts.DurationMinutes,
        IssueTime = Times.ToMessage(facts.IssueTime),
    };
}
