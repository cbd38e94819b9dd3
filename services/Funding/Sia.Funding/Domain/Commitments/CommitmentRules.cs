using Sia.Contracts.DomainErrors;

namespace Sia.Funding.Domain.Commitments;

/// <summary>What makes a commitment, a spend and a release valid (INVALID_ARGUMENT). Field paths are the API's.</summary>
internal static class CommitmentRules
{
    public const int Purpose = 1000, Source = 500, InvoiceReference = 100, Reason = 1000;

    public static void Validate(CommitmentContent commitment, Violations violations)
    {
        if (commitment.Kind is null)
        {
            violations.Add("commitment.kind",
                "A commitment needs a kind: KIND_SUPPORT_PLAN_INTERVENTION, KIND_SYSTEM_LEADER_DEPLOYMENT, KIND_FUNDED_CPD_PLACE or KIND_OTHER.");
        }
        violations.CheckRequiredText(commitment.Purpose, Purpose, "commitment.purpose",
            "A commitment needs a purpose, recorded in the ledger, for example \"NLE deployment to Park Grove, autumn term 2015\".");
        if (commitment.School is { } school && !FundingNames.IsSchoolName(school))
            violations.Add("commitment.school", $"{TextChecks.Quote(school)} is not a school's name; expected schools/{{6-digit URN}}, for example schools/121615, or leave it empty.");
        if (commitment.Source is { } source && (source.Length > Source || !FundingNames.IsResourceName(source)))
        {
            violations.Add("commitment.source",
                $"{TextChecks.Quote(source)} is not a resource name; expected \"collection/id\" pairs of at most {Source} characters, for example "
                + "localAuthorities/816/priorities/p1/interventions/i1, or leave it empty.");
        }
        if (commitment.AmountPence <= 0)
            violations.Add("commitment.amount_pence", $"A commitment's amount is more than 0 pence (1000000 is £10,000.00); this is {commitment.AmountPence}.");
    }

    public static void Validate(NewSpend spend, DateOnly todayInEngland, Violations violations)
    {
        violations.CheckRequiredText(spend.InvoiceReference, InvoiceReference, "invoice_reference",
            "A spend needs the invoice's reference, for example \"EBOR-2015-117\".");
        if (spend.SpendDate is not { } date)
            violations.Add("spend_date", "A spend needs the invoice's date.");
        else if (date > todayInEngland)
            violations.Add("spend_date", $"{date:yyyy-MM-dd} is after today in England ({todayInEngland:yyyy-MM-dd}): record a spend once the invoice is dated.");
        if (spend.AmountPence <= 0)
            violations.Add("amount_pence", $"A spend's amount is more than 0 pence (250000 is £2,500.00); this is {spend.AmountPence}.");
    }

    public static void ValidateRelease(string reason, Violations violations) =>
        violations.CheckRequiredText(reason, Reason, "reason", "A release needs a reason, recorded in the ledger, for example \"the deployment ended early\".");
}
