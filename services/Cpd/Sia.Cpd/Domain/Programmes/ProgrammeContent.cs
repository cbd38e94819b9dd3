using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Programmes;

/// <summary>What a programme says, all of which an update may change (its alliance and year it may not).</summary>
internal sealed record ProgrammeContent(string DisplayName, string Description, CancellationPolicy CancellationPolicy);

/// <summary>Cancelling is free until <paramref name="FreeUntilWorkingDays"/> working days before a session, then costs the fee per place.</summary>
internal sealed record CancellationPolicy(int FreeUntilWorkingDays, long LateCancellationFeePence)
{
    /// <summary>
    /// What cancelling places on a session starting on <paramref name="sessionStartsOn"/> costs on <paramref name="cancelledOn"/>
    /// (both dates in England): nothing on or before the date <see cref="FreeUntilWorkingDays"/> working days (England and
    /// Wales) before the start date, the fee per place after.
    /// </summary>
    public long FeeFor(int places, DateOnly cancelledOn, DateOnly sessionStartsOn) =>
        cancelledOn <= WorkingDays.Before(sessionStartsOn, FreeUntilWorkingDays) ? 0 : checked(LateCancellationFeePence * places);
}
