using Sia.Contracts.DomainErrors;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>A booking of a session, ".../sessions/autumn-1/bookings/b-0a1b2c3d4e"; the id is the service's.</summary>
internal readonly record struct BookingName(SessionName Session, string BookingId)
{
    public override string ToString() => $"{Session}/bookings/{BookingId}";

    public static BookingName Parse(string name, string field)
    {
        var marker = name.LastIndexOf("/bookings/", StringComparison.Ordinal);
        if (marker > 0 && CatalogueNames.IsId(name[(marker + "/bookings/".Length)..]))
        {
            try
            {
                return new BookingName(CatalogueNames.ParseSession(name[..marker], field), name[(marker + "/bookings/".Length)..]);
            }
            catch (ValidationFailedException)
            {
                // Said below, as a booking name.
            }
        }
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a booking name; expected alliances/{{alliance id}}/programmes/{{yyyy-yy}}/courses/{{course id}}/sessions/{{session id}}/bookings/{{booking id}}.");
    }
}
