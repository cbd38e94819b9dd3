namespace Sia.Cpd.Domain.Bookings;

/// <summary>What a create asks for: places for a school's delegates, at the SLA price or not, <paramref name="FundedPlaces"/> of them paid by the session's fund.</summary>
internal sealed record BookingContent(int SchoolUrn, int Places, IReadOnlyList<Delegate> Delegates, bool WithSla, int FundedPlaces);

/// <summary>Someone coming on one place. Personal data: never logged, never quoted back in a refusal.</summary>
internal sealed record Delegate(string Name, string Role, string Email);

/// <summary>A booking's state; the API's numbers.</summary>
internal enum BookingState
{
    Unspecified = 0,
    Held = 1,
    Confirmed = 2,
    WaitingListed = 3,
    Cancelled = 4,
    Attended = 5,
    NoShow = 6,
}

/// <summary>Why a booking was cancelled; the API's numbers.</summary>
internal enum CancelReason
{
    None = 0,
    Cancelled = 1,
    Expired = 2,
    OrganiserCancelled = 3,
}
