using Sia.Contracts.DomainErrors;

namespace Sia.Funding.Domain.Allocations;

/// <summary>What makes an allocation valid (INVALID_ARGUMENT). Field paths are the API's, under "allocation".</summary>
internal static class AllocationRules
{
    public const int Reason = 1000;

    public static void Validate(AllocationContent allocation, FundName fund, Violations violations)
    {
        if (!FundingNames.IsProvider(allocation.Provider, fund.LocalAuthorityCode))
        {
            violations.Add("allocation.provider",
                $"{(allocation.Provider.Length == 0 ? "An allocation needs a provider" : $"{TextChecks.Quote(allocation.Provider)} is not a provider")}: alliances/{{id}}, "
                + $"systemLeaders/{{id}}, a cluster of the fund's LA ({fund.LocalAuthority}/clusters/{{id}}) or the LA itself ({fund.LocalAuthority}) for money it retains.");
        }
        if (allocation.ImprovementPriority is { } priority && !FundingNames.IsPriorityName(priority))
        {
            violations.Add("allocation.improvement_priority",
                $"{TextChecks.Quote(priority)} is not an improvement priority's name; expected localAuthorities/{{code}}/priorities/{{id}} or alliances/{{id}}/priorities/{{id}}, or leave it empty.");
        }
        if (allocation.AmountPence <= 0)
            violations.Add("allocation.amount_pence", $"An allocation's amount is more than 0 pence (25170000 is £251,700.00); this is {allocation.AmountPence}.");
        violations.CheckRequiredText(allocation.Reason, Reason, "allocation.reason",
            "An allocation needs a reason, recorded in the ledger, for example \"2015/16 commissioning: school-to-school support\".");
    }
}
