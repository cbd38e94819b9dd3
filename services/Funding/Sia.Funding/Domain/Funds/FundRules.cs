using Sia.Contracts.DomainErrors;

namespace Sia.Funding.Domain.Funds;

/// <summary>What makes a fund valid (INVALID_ARGUMENT on create and update). Field paths are the API's, under "fund".</summary>
internal static class FundRules
{
    public const int Purpose = 200, SchoolsForumDecision = 5000;

    public static void Validate(FundContent fund, Violations violations)
    {
        if (fund.Source is null)
            violations.Add("fund.source", "A fund needs a source: SOURCE_DSG_DE_DELEGATION, SOURCE_CENTRAL_GRANT or SOURCE_OTHER.");
        violations.CheckRequiredText(fund.Purpose, Purpose, "fund.purpose", "A fund needs a purpose, for example \"Schools Causing Concern\".");
        violations.CheckText(fund.SchoolsForumDecision, SchoolsForumDecision, "fund.schools_forum_decision");
    }

    public static void Validate(NewFund fund, Violations violations)
    {
        if (fund.AmountPence <= 0)
            violations.Add("fund.amount_pence", $"A fund's amount is more than 0 pence (20000000 is £200,000.00); this is {fund.AmountPence}.");
        Validate(fund.Content, violations);
    }
}
