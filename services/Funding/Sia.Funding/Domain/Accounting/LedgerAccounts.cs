namespace Sia.Funding.Domain.Accounting;

/// <summary>
/// The ledger's accounts, named after the resource whose money they hold: a fund's source (which gave the fund its money
/// and so stands below zero by it), its unallocated balance, and each allocation's balance.
/// </summary>
internal static class LedgerAccounts
{
    public static string Source(FundName fund) => $"{fund}#source";

    public static string Unallocated(FundName fund) => $"{fund}#unallocated";

    public static string Allocation(AllocationName allocation) => $"{allocation}#balance";
}
