namespace Sia.Cpd.Domain.Programmes;

/// <summary>What a programme says, all of which an update may change (its alliance and year it may not).</summary>
internal sealed record ProgrammeContent(string DisplayName, string Description, CancellationPolicy CancellationPolicy);

/// <summary>Cancelling is free until <paramref name="FreeUntilWorkingDays"/> working days before a session, then costs the fee.</summary>
internal sealed record CancellationPolicy(int FreeUntilWorkingDays, long LateCancellationFeePence);
