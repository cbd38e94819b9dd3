using Sia.Contracts.DomainErrors;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Sessions;

/// <summary>
/// What makes a session valid (INVALID_ARGUMENT on create and update, every bad field named): times in order and in its
/// programme's academic year (by the date in England), a venue or online, at least one place, prices of 0 pence or more,
/// open or closed (only CancelSession cancels). Field paths are the API's, under <c>prefix</c> ("session").
/// </summary>
internal static class SessionRules
{
    public const int Venue = 500, Fund = 200, MaxCapacity = 10_000, CancellationReason = 500;

    public static void Validate(SessionContent session, int academicYear, string prefix, Violations violations)
    {
        ValidateTimes(session, academicYear, prefix, violations);
        if (session.Online && session.Venue.Length > 0) violations.Add($"{prefix}.venue", "A session is held at a venue or online, not both: leave venue empty for an online session.");
        else if (!session.Online) violations.CheckRequiredText(session.Venue, Venue, $"{prefix}.venue", "Give the venue, for example \"Priory Street Centre, York\", or set online.");
        if (session.Capacity is < 1 or > MaxCapacity) violations.Add($"{prefix}.capacity", $"A session has 1 to {MaxCapacity:N0} places; this is {session.Capacity}.");
        if (session.MinimumNumbers < 0) violations.Add($"{prefix}.minimum_numbers", $"Minimum numbers are 0 or more; this is {session.MinimumNumbers}.");
        else if (session.MinimumNumbers > session.Capacity) violations.Add($"{prefix}.minimum_numbers", $"Minimum numbers ({session.MinimumNumbers}) are more than the capacity ({session.Capacity}).");
        if (session.PriceWithSlaPence < 0) violations.Add($"{prefix}.price_with_sla_pence", $"A price is 0 pence or more; this is {session.PriceWithSlaPence}.");
        if (session.PriceWithoutSlaPence < 0) violations.Add($"{prefix}.price_without_sla_pence", $"A price is 0 pence or more; this is {session.PriceWithoutSlaPence}.");
        if (session.FundedPlaces is { } funded)
        {
            violations.CheckRequiredText(funded.Fund, Fund, $"{prefix}.funded_places.fund", "Funded places name the fund that pays for them.");
            if (funded.Places < 1 || funded.Places > Math.Max(session.Capacity, 1))
                violations.Add($"{prefix}.funded_places.places", $"Funded places are 1 up to the capacity ({session.Capacity}); this is {funded.Places}.");
        }
        if (session.Status == SessionStatus.Cancelled)
            violations.Add($"{prefix}.status", "A session is cancelled with CancelSession, which cancels its bookings too.");
        else if (!Enum.IsDefined(session.Status) || session.Status == SessionStatus.Unspecified)
            violations.Add($"{prefix}.status", $"{(int)session.Status} is not a status: open or closed.");
    }

    /// <summary>Why the organiser cancels: 1-500 characters, for the schools booked (INVALID_ARGUMENT naming reason).</summary>
    public static void ValidateCancellation(string reason, Violations violations) =>
        violations.CheckRequiredText(reason, CancellationReason, "reason", "Say why the session is cancelled, for example \"below minimum numbers\".");

    private static void ValidateTimes(SessionContent session, int academicYear, string prefix, Violations violations)
    {
        var year = AcademicYear.Label(academicYear);
        if (session.StartTime is not { } start) violations.Add($"{prefix}.start_time", "A session needs its start time.");
        else if (AcademicYear.Of(ClockExtensions.DateInEngland(start)) != academicYear)
            violations.Add($"{prefix}.start_time", $"The session starts on {ClockExtensions.DateInEngland(start):d MMMM yyyy}, outside its programme's academic year {year} (1 September to 31 August).");
        if (session.EndTime is not { } end) violations.Add($"{prefix}.end_time", "A session needs its end time.");
        else if (session.StartTime is { } s && end < s) violations.Add($"{prefix}.end_time", "The session ends before it starts.");
        else if (AcademicYear.Of(ClockExtensions.DateInEngland(end)) != academicYear)
            violations.Add($"{prefix}.end_time", $"The session ends on {ClockExtensions.DateInEngland(end):d MMMM yyyy}, outside its programme's academic year {year} (1 September to 31 August).");
        if (session.BookingDeadline is not { } deadline) violations.Add($"{prefix}.booking_deadline", "A session needs its booking deadline.");
        else if (session.StartTime is { } st && deadline > st) violations.Add($"{prefix}.booking_deadline", "The booking deadline is after the session starts.");
    }
}
