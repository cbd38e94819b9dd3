namespace Sia.Funding.Domain.Accounting;

/// <summary>
/// The ledger's accounts, named after the resource whose money they hold: a fund's source (which gave the fund its money
/// and so stands below zero by it), its unallocated balance, each allocation's balance, and each commitment's balance
/// (what is left to spend) and what is spent of it.
/// </summary>
internal static class LedgerAccounts
{
    public static string Source(FundName fund) => $"{fund}#source";

    public static string Unallocated(FundName fund) => $"{fund}#unallocated";

    public static string Allocation(AllocationName allocation) => $"{allocation}#balance";

    public static string Commitment(CommitmentName commitment) => $"{commitment}#balance";

    public static string Spent(CommitmentName commitment) => $"{commitment}#spent";
}
