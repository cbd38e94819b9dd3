using Sia.Contracts.DomainErrors;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// What makes a booking request valid (INVALID_ARGUMENT, every bad field named under "booking"): 1 place or more, up to
/// the session's capacity, 0 funded places up to places, one delegate per place with a name, role and an email address.
/// Refusals never quote a delegate's details.
/// </summary>
internal static class BookingRules
{
    public const int Name = 200, Role = 200, Email = 254;

    public static void Validate(BookingContent booking, Violations violations)
    {
        if (booking.Places < 1) violations.Add("booking.places", $"A booking is for 1 place or more; this is {booking.Places}.");
        if (booking.FundedPlaces < 0 || booking.FundedPlaces > Math.Max(booking.Places, 0))
            violations.Add("booking.funded_places", $"Funded places are 0 up to the booking's places ({booking.Places}); this is {booking.FundedPlaces}.");
        if (booking.Delegates.Count != booking.Places)
            violations.Add("booking.delegates", $"Name one delegate per place: {booking.Places} places, {booking.Delegates.Count} delegates.");
        for (var i = 0; i < booking.Delegates.Count; i++)
        {
            var (name, role, email) = booking.Delegates[i];
            var at = $"booking.delegates[{i}]";
            violations.CheckRequiredText(name, Name, $"{at}.name", "Give the delegate's name.");
            violations.CheckRequiredText(role, Role, $"{at}.role", "Give the delegate's role, for example \"Year 2 teacher\".");
            if (violations.CheckRequiredText(email, Email, $"{at}.email", "Give the delegate's email address.") && !IsEmail(email))
                violations.Add($"{at}.email", "This is not an email address: one @ with text either side, no spaces.");
        }
    }

    /// <summary>The places fit the session at all (INVALID_ARGUMENT naming booking.places otherwise).</summary>
    public static void RequireWithinCapacity(int places, int capacity)
    {
        if (places > capacity) throw new ValidationFailedException("booking.places", $"The session has {capacity} places; this booking asks for {places}.");
    }

    /// <summary>A register names each of the booking's delegates exactly once, by id (INVALID_ARGUMENT naming attendance[i] otherwise).</summary>
    public static void ValidateRegister(IReadOnlyList<BookedDelegate> delegates, IReadOnlyList<AttendanceLine> register, Violations violations)
    {
        var ids = delegates.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < register.Count; i++)
        {
            var id = register[i].DelegateId;
            if (!ids.Contains(id)) violations.Add($"attendance[{i}].delegate_id", $"{TextChecks.Quote(id)} is not a delegate of this booking; use the ids its delegates have.");
            else if (!seen.Add(id)) violations.Add($"attendance[{i}].delegate_id", $"{TextChecks.Quote(id)} is listed twice; list each delegate once.");
        }
        var missing = ids.Count(id => !seen.Contains(id));
        if (missing > 0) violations.Add("attendance", $"The register leaves out {missing} of the booking's {ids.Count} delegates: list every one, attended or not.");
    }

    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace) && email[(at + 1)..].Contains('.');
    }
}
