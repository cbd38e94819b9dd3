using Microsoft.EntityFrameworkCore;
using Sia.Funding.Data;

namespace Sia.Funding.Domain.Accounting;

/// <summary>Balances as stored, and as rebuilt from the journal alone: the two always agree.</summary>
internal sealed class LedgerCheck(FundingDbContext db)
{
    public async Task<IReadOnlyDictionary<string, long>> StoredBalancesAsync(CancellationToken cancellationToken) =>
        await db.Balances.AsNoTracking().ToDictionaryAsync(b => b.Account, b => b.BalancePence, StringComparer.Ordinal, cancellationToken);

    /// <summary>Each account's balance as the sum of its journal lines.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RebuiltBalancesAsync(CancellationToken cancellationToken) =>
        await db.JournalLines.AsNoTracking().GroupBy(l => l.Account).Select(g => new { Account = g.Key, BalancePence = g.Sum(l => l.AmountPence) })
            .ToDictionaryAsync(b => b.Account, b => b.BalancePence, StringComparer.Ordinal, cancellationToken);
}
