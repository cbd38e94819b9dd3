using Sia.Contracts.DomainErrors;

namespace Sia.Cpd.Domain.Programmes;

/// <summary>What makes a programme valid (INVALID_ARGUMENT on create and update). Field paths are the API's, under <c>prefix</c> ("programme").</summary>
internal static class ProgrammeRules
{
    public const int DisplayName = 200, Description = 5000, MaxFreeUntilWorkingDays = 60;

    public static void Validate(ProgrammeContent programme, string prefix, Violations violations)
    {
        violations.CheckRequiredText(programme.DisplayName, DisplayName, $"{prefix}.display_name",
            "A programme needs a display name, for example \"Pathfinder TSA CPD programme 2015/16\".");
        violations.CheckText(programme.Description, Description, $"{prefix}.description");
        var policy = programme.CancellationPolicy;
        if (policy.FreeUntilWorkingDays is < 0 or > MaxFreeUntilWorkingDays)
            violations.Add($"{prefix}.cancellation_policy.free_until_working_days", $"Free cancellation ends 0 to {MaxFreeUntilWorkingDays} working days before a session; this is {policy.FreeUntilWorkingDays}.");
        if (policy.LateCancellationFeePence < 0)
            violations.Add($"{prefix}.cancellation_policy.late_cancellation_fee_pence", $"A fee is 0 pence or more; this is {policy.LateCancellationFeePence}.");
    }
}
