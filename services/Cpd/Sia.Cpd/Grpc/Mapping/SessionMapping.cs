using Sia.Cpd.Data;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Sessions;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using FundedPlaces = Sia.Cpd.Domain.Sessions.FundedPlaces;
using Types = Sia.Cpd.V1.Session.Types;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>Sessions between the API's messages and the domain's records; money in pence both sides.</summary>
internal static class SessionMapping
{
    public static readonly UpdateMask<SessionContent> UpdatableFields = new(new Dictionary<string, Func<SessionContent, SessionContent, SessionContent>>
    {
        ["start_time"] = (requested, current) => current with { StartTime = requested.StartTime },
        ["end_time"] = (requested, current) => current with { EndTime = requested.EndTime },
        ["venue"] = (requested, current) => current with { Venue = requested.Venue },
        ["online"] = (requested, current) => current with { Online = requested.Online },
        ["capacity"] = (requested, current) => current with { Capacity = requested.Capacity },
        ["minimum_numbers"] = (requested, current) => current with { MinimumNumbers = requested.MinimumNumbers },
        ["booking_deadline"] = (requested, current) => current with { BookingDeadline = requested.BookingDeadline },
        ["price_with_sla_pence"] = (requested, current) => current with { PriceWithSlaPence = requested.PriceWithSlaPence },
        ["price_without_sla_pence"] = (requested, current) => current with { PriceWithoutSlaPence = requested.PriceWithoutSlaPence },
        ["funded_places"] = (requested, current) => current with { FundedPlaces = requested.FundedPlaces },
        ["status"] = (requested, current) => current with { Status = requested.Status },
    });

    public static Session ToMessage(this SessionEntity entity) => new()
    {
        Name = new SessionName(new CourseName(new ProgrammeName(entity.AllianceId, entity.AcademicYear), entity.CourseId), entity.SessionId).ToString(),
        StartTime = Times.ToMessage(entity.StartTime),
        EndTime = Times.ToMessage(entity.EndTime),
        Venue = entity.Venue,
        Online = entity.Online,
        Capacity = entity.Capacity,
        MinimumNumbers = entity.MinimumNumbers,
        BookingDeadline = Times.ToMessage(entity.BookingDeadline),
        PriceWithSlaPence = entity.PriceWithSlaPence,
        PriceWithoutSlaPence = entity.PriceWithoutSlaPence,
        FundedPlaces = entity.FundedPlacesFund is { } fund ? new Types.FundedPlaces { Fund = fund, Places = entity.FundedPlaces } : null,
        Status = (Types.Status)entity.Status,
        CreateTime = Times.ToMessage(entity.CreateTime),
        UpdateTime = Times.ToMessage(entity.UpdateTime),
        Etag = Etag.From(entity.Version),
        CancellationReason = entity.CancellationReason ?? "",
    };

    /// <summary>What a request gives a session; an unspecified status is OPEN on create (<paramref name="defaultStatus"/>) and left for the rules to refuse on update.</summary>
    public static SessionContent ToContent(this Session message, SessionStatus defaultStatus) => new(
        Times.ToDomain(message.StartTime), Times.ToDomain(message.EndTime), message.Venue, message.Online, message.Capacity, message.MinimumNumbers,
        Times.ToDomain(message.BookingDeadline), message.PriceWithSlaPence, message.PriceWithoutSlaPence,
        message.FundedPlaces is { } funded ? new FundedPlaces(funded.Fund, funded.Places) : null,
        message.Status == Types.Status.Unspecified ? defaultStatus : (SessionStatus)message.Status);
}
