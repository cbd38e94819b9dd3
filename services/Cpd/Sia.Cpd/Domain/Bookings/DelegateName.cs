using Sia.Contracts.DomainErrors;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// A resource of one delegate of a booking, by the delegate's id: ".../bookings/b-0a1b2c3d4e/evaluations/d-0a1b2c3d"
/// (<paramref name="Collection"/> "evaluations") or ".../certificates/d-0a1b2c3d".
/// </summary>
internal readonly record struct DelegateName(BookingName Booking, string Collection, string DelegateId)
{
    public override string ToString() => $"{Booking}/{Collection}/{DelegateId}";

    public static DelegateName Parse(string name, string collection, string field)
    {
        var marker = name.LastIndexOf($"/{collection}/", StringComparison.Ordinal);
        if (marker > 0 && CatalogueNames.IsId(name[(marker + collection.Length + 2)..]))
        {
            try
            {
                return new DelegateName(BookingName.Parse(name[..marker], field), collection, name[(marker + collection.Length + 2)..]);
            }
            catch (ValidationFailedException)
            {
                // Said below, as this resource's name.
            }
        }
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a name of {collection}; expected alliances/{{alliance id}}/programmes/{{yyyy-yy}}/courses/{{course id}}/sessions/{{session id}}/bookings/{{booking id}}/{collection}/{{delegate id}}.");
    }
}
