namespace Sia.Cpd.Domain.Sessions;

/// <summary>
/// What a session says, all of which an update may change (its course and id it may not). Times are UTC; a time the
/// request left out is null (SessionRules refuses it). Money is in pence.
/// </summary>
internal sealed record SessionContent(
    DateTime? StartTime,
    DateTime? EndTime,
    string Venue,
    bool Online,
    int Capacity,
    int MinimumNumbers,
    DateTime? BookingDeadline,
    long PriceWithSlaPence,
    long PriceWithoutSlaPence,
    FundedPlaces? FundedPlaces,
    SessionStatus Status);

/// <summary><paramref name="Places"/> places paid for by <paramref name="Fund"/> (a resource name, free text for now).</summary>
internal sealed record FundedPlaces(string Fund, int Places);

/// <summary>A session's status; the API's numbers.</summary>
internal enum SessionStatus
{
    Unspecified = 0,
    Open = 1,
    Closed = 2,
    Cancelled = 3,
}
