using System.Globalization;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.V1;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using Delegate = Sia.Cpd.Domain.Bookings.Delegate;
using Types = Sia.Cpd.V1.Booking.Types;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>Bookings between the API's messages and the domain's records.</summary>
internal static class BookingMapping
{
    /// <summary>What UpdateBooking may change: who comes (substitution).</summary>
    public static readonly UpdateMask<BookingContent> UpdatableFields = new(new Dictionary<string, Func<BookingContent, BookingContent, BookingContent>>
    {
        ["delegates"] = (requested, current) => current with { Delegates = requested.Delegates },
    });

    public static Booking ToMessage(this BookingEntity entity)
    {
        var message = new Booking
        {
            Name = entity.NameOf().ToString(),
            School = $"schools/{entity.SchoolUrn}",
            Places = entity.Places,
            State = (Types.State)entity.State,
            HoldExpireTime = entity.HoldExpireTime is { } expire ? Times.ToMessage(expire) : null,
            WaitingPosition = entity.WaitingPosition,
            WithSla = entity.WithSla,
            PricePence = entity.PricePence,
            BookedBy = entity.BookedBy,
            CancelReason = (Types.CancelReason)entity.CancelReason,
            CreateTime = Times.ToMessage(entity.CreateTime),
            UpdateTime = Times.ToMessage(entity.UpdateTime),
            Etag = Etag.From(entity.Version),
            CancellationFeePence = entity.CancellationFeePence,
            AttendanceRecordTime = entity.AttendanceRecordTime is { } recorded ? Times.ToMessage(recorded) : null,
            FundedPlaces = entity.FundedPlaces,
            Fund = entity.Fund ?? "",
            FundedPence = entity.FundedPence,
        };
        foreach (var booked in BookedDelegate.Read(entity.Delegates))
            message.Delegates.Add(new Types.Delegate { Id = booked.Id, Name = booked.Name, Role = booked.Role, Email = booked.Email, Attended = booked.Attended == true });
        return message;
    }

    public static BookingName NameOf(this BookingEntity entity) =>
        new(new SessionName(new CourseName(new ProgrammeName(entity.AllianceId, entity.AcademicYear), entity.CourseId), entity.SessionId), entity.BookingId);

    public static List<AttendanceLine> ToRegister(this RecordAttendanceRequest request) =>
        [.. request.Attendance.Select(line => new AttendanceLine(line.DelegateId, line.Attended))];

    /// <summary>What a create asks for; the school as "schools/{urn}" (INVALID_ARGUMENT naming booking.school otherwise).</summary>
    public static BookingContent ToContent(this Booking message) =>
        new(ParseSchool(message.School), message.Places, message.ToDelegates(), message.WithSla, message.FundedPlaces);

    public static IReadOnlyList<Delegate> ToDelegates(this Booking message) => [.. message.Delegates.Select(d => new Delegate(d.Name, d.Role, d.Email))];

    private static int ParseSchool(string school) =>
        school.StartsWith("schools/", StringComparison.Ordinal) && PartnerActsFor.IsSchoolUrn(school["schools/".Length..])
            ? int.Parse(school["schools/".Length..], CultureInfo.InvariantCulture)
            : throw new ValidationFailedException("booking.school", $"{TextChecks.Quote(school)} is not a school's name; expected schools/{{urn}}, for example schools/990001.");
}
