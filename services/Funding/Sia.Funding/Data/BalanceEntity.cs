namespace Sia.Funding.Data;

/// <summary>An account's balance: the sum of its journal lines, kept in step with them in the same transaction.</summary>
internal sealed class BalanceEntity
{
    public required string Account { get; init; }
    public long BalancePence { get; set; }
}
