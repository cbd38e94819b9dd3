using Microsoft.EntityFrameworkCore;
using Sia.Funding.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Funding.Domain.Accounting;

/// <summary>
/// The double-entry ledger: every movement becomes a journal entry whose lines sum to zero, and each account's stored
/// balance moves with it in the same save. A movement of an existing fund's money is posted under that fund's lock
/// (<see cref="FundLocks"/>), so its balances are read and written one movement at a time; a fund's opening moves only
/// accounts that are new with it.
/// </summary>
internal sealed class Ledger(FundingDbContext db, TimeProvider clock)
{
    /// <summary>Adds the movement's entry and balance changes to the pending changes, to commit with the resource it is about.</summary>
    public async Task PostAsync(Movement movement, CancellationToken cancellationToken)
    {
        if (movement.Postings.Count < 2 || movement.Postings.Any(p => p.AmountPence == 0) || movement.Postings.Sum(p => p.AmountPence) != 0)
            throw new InvalidOperationException($"A movement of {movement.Subject} has postings that are not two or more non-zero amounts summing to zero.");
        db.JournalEntries.Add(new JournalEntryEntity
        {
            Kind = movement.Kind,
            Subject = movement.Subject,
            Reason = movement.Reason,
            Actor = movement.Actor,
            RequestId = movement.RequestId,
            CreateTime = clock.UtcNowForDatabase(),
            Lines = [.. movement.Postings.Select(p => new JournalLineEntity { Account = p.Account, AmountPence = p.AmountPence })],
        });
        foreach (var posting in movement.Postings)
        {
            if (await db.Balances.FindAsync([posting.Account], cancellationToken) is { } balance) balance.BalancePence = checked(balance.BalancePence + posting.AmountPence);
            else db.Balances.Add(new BalanceEntity { Account = posting.Account, BalancePence = posting.AmountPence });
        }
    }

    /// <summary>The accounts' stored balances; an account no movement has touched has none (read as 0 by callers).</summary>
    public async Task<IReadOnlyDictionary<string, long>> BalancesAsync(IReadOnlyCollection<string> accounts, CancellationToken cancellationToken) =>
        await db.Balances.AsNoTracking().Where(b => accounts.Contains(b.Account)).ToDictionaryAsync(b => b.Account, b => b.BalancePence, cancellationToken);
}
