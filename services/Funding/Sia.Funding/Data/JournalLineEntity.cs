namespace Sia.Funding.Data;

/// <summary>One account's side of a journal entry: pence into the account (positive) or out of it (negative).</summary>
internal sealed class JournalLineEntity
{
    public long Id { get; init; }
    public long EntryId { get; init; }

    /// <summary>The account, as <c>Domain.Ledger.LedgerAccounts</c> names them.</summary>
    public required string Account { get; init; }
    public long AmountPence { get; init; }
}
