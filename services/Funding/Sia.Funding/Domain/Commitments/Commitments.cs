using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Data;
using Sia.Funding.Domain.Accounting;
using Sia.ServiceKit.Domain;

namespace Sia.Funding.Domain.Commitments;

/// <summary>
/// Allocations' commitments, and the spend against them. Every movement of a commitment's money (making it, spending
/// it, releasing it) runs under its fund's row lock (<see cref="FundLocks"/>) and reads the balances it moves there, so
/// an allocation's commitments never add up to more than the allocation and a commitment is never overspent.
/// </summary>
internal sealed class Commitments(FundingDbContext db, FundLocks locks, Ledger ledger, CreateRequestLog log, TimeProvider clock)
{
    /// <summary>The commitment; NOT_FOUND too when <paramref name="visibleProviders"/> (null: all) does not hold its allocation's provider.</summary>
    public async Task<CommitmentState> GetAsync(CommitmentName name, IReadOnlySet<string>? visibleProviders, CancellationToken cancellationToken)
    {
        var commitment = await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (commitment is null || !await IsVisibleAsync(name.Allocation, visibleProviders, cancellationToken)) throw new NotFoundException(name.ToString());
        return (await WithBalancesAsync([commitment], cancellationToken))[0];
    }

    /// <summary>An allocation's commitments by id, after the id a previous page ended with; NOT_FOUND for no such allocation, or one the caller does not see.</summary>
    public async Task<Page<CommitmentState>> ListAsync(AllocationName allocation, IReadOnlySet<string>? visibleProviders, string? afterId, int size,
        CancellationToken cancellationToken)
    {
        if (!await IsVisibleAsync(allocation, visibleProviders, cancellationToken)) throw new NotFoundException(allocation.ToString());
        var query = db.Commitments.AsNoTracking().Where(c =>
            c.LocalAuthorityCode == allocation.Fund.LocalAuthorityCode && c.FundId == allocation.Fund.FundId && c.AllocationId == allocation.AllocationId);
        if (afterId is not null) query = query.Where(c => string.Compare(c.CommitmentId, afterId) > 0);
        var page = await query.OrderBy(c => c.CommitmentId).ToPageAsync(size, cancellationToken);
        return new Page<CommitmentState>(await WithBalancesAsync(page.Items, cancellationToken), page.HasMore);
    }

    /// <summary>
    /// Moves the amount from the allocation's balance to the new commitment, under the fund's lock. More than the
    /// allocation has left is FAILED_PRECONDITION saying how much it has; an id the allocation has used, ALREADY_EXISTS.
    /// With a request id, a retry gets the commitment the first attempt made.
    /// </summary>
    public async Task<CommitmentState> CreateAsync(CommitmentName name, CommitmentContent content, string actor, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        CommitmentRules.Validate(content, violations);
        violations.ThrowIfAny();
        await using (var transaction = await locks.LockAsync(name.Allocation.Fund, cancellationToken))
        {
            if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierCreateAsync(earlier, name, content, cancellationToken);
            if (!await IsVisibleAsync(name.Allocation, visibleProviders: null, cancellationToken)) throw new NotFoundException(name.Allocation.ToString());
            if (await Find(name).AnyAsync(cancellationToken))
                throw new AlreadyExistsException(name.ToString(), $"{name.Allocation} already has a commitment with the id '{name.CommitmentId}': choose another id.");
            var allocationAccount = LedgerAccounts.Allocation(name.Allocation);
            var left = await BalanceAsync(allocationAccount, cancellationToken);
            if (content.AmountPence > left)
            {
                throw new PreconditionFailedException(name.Allocation.ToString(),
                    $"{name.Allocation} has {left} pence ({Pence.InPounds(left)}) left to commit, less than the {content.AmountPence} pence asked for: commit at most {left} pence.");
            }

            var commitment = new CommitmentEntity
            {
                LocalAuthorityCode = name.Allocation.Fund.LocalAuthorityCode,
                FundId = name.Allocation.Fund.FundId,
                AllocationId = name.Allocation.AllocationId,
                CommitmentId = name.CommitmentId,
                Kind = content.Kind!.Value,
                Purpose = content.Purpose,
                School = content.School,
                Source = content.Source,
                AmountPence = content.AmountPence,
                CreateTime = clock.UtcNowForDatabase(),
            };
            db.Commitments.Add(commitment);
            await ledger.PostAsync(Movement.Transfer(JournalEntryKind.Committed, name.ToString(), content.Purpose, actor, requestId,
                allocationAccount, LedgerAccounts.Commitment(name), content.AmountPence), cancellationToken);
            if (await SaveUnlessRetriedAsync(transaction, requestId, name, cancellationToken)) return new CommitmentState(commitment, 0, content.AmountPence);
        }
        return await EarlierCreateAsync(await log.WinnerAsync(requestId, cancellationToken), name, content, cancellationToken);
    }

    /// <summary>
    /// Pays an invoice out of the commitment: moves its amount from what is left of the commitment to what is spent of
    /// it, under the fund's lock. A released commitment, or more than is left, is FAILED_PRECONDITION saying how much is
    /// left. With a request id, a retry records nothing more and gets the commitment as it is.
    /// </summary>
    public async Task<CommitmentState> RecordSpendAsync(CommitmentName name, NewSpend spend, string actor, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        CommitmentRules.Validate(spend, clock.TodayInEngland(), violations);
        violations.ThrowIfAny();
        await using (var transaction = await locks.LockAsync(name.Allocation.Fund, cancellationToken))
        {
            if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierSpendAsync(earlier, name, spend, requestId, cancellationToken);
            var commitment = await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
            if (commitment.ReleaseTime is { } released)
            {
                throw new PreconditionFailedException(name.ToString(),
                    $"{name} was released at {released:yyyy-MM-dd HH:mm} UTC and takes no more spend: record the invoice against an open commitment.");
            }
            var (spent, left) = await SpentAndLeftAsync(name, cancellationToken);
            if (spend.AmountPence > left)
            {
                throw new PreconditionFailedException(name.ToString(),
                    $"{name} has {left} pence ({Pence.InPounds(left)}) left to spend, less than the {spend.AmountPence} pence of this invoice: record at most {left} pence against it.");
            }

            db.Spends.Add(new SpendEntity
            {
                CommitmentId = commitment.Id,
                InvoiceReference = spend.InvoiceReference,
                SpendDate = spend.SpendDate!.Value,
                AmountPence = spend.AmountPence,
                RequestId = requestId,
                CreateTime = clock.UtcNowForDatabase(),
            });
            await ledger.PostAsync(Movement.Transfer(JournalEntryKind.Spent, name.ToString(), $"Invoice {spend.InvoiceReference} of {spend.SpendDate:yyyy-MM-dd}", actor,
                requestId, LedgerAccounts.Commitment(name), LedgerAccounts.Spent(name), spend.AmountPence), cancellationToken);
            if (await SaveUnlessRetriedAsync(transaction, requestId, name, cancellationToken))
                return new CommitmentState(commitment, spent + spend.AmountPence, left - spend.AmountPence);
        }
        return await EarlierSpendAsync(await log.WinnerAsync(requestId, cancellationToken), name, spend, requestId, cancellationToken);
    }

    /// <summary>
    /// Moves what is left of the commitment back to its allocation, under the fund's lock, and closes it to spend (with
    /// nothing left, no movement: only the release is recorded). A released commitment is FAILED_PRECONDITION.
    /// </summary>
    public async Task<CommitmentState> ReleaseAsync(CommitmentName name, string reason, string actor, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        CommitmentRules.ValidateRelease(reason, violations);
        violations.ThrowIfAny();
        await using var transaction = await locks.LockAsync(name.Allocation.Fund, cancellationToken);
        var commitment = await Find(name).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
        if (commitment.ReleaseTime is { } released)
            throw new PreconditionFailedException(name.ToString(), $"{name} was already released at {released:yyyy-MM-dd HH:mm} UTC: nothing is left of it to release.");
        var (spent, left) = await SpentAndLeftAsync(name, cancellationToken);
        if (left > 0)
        {
            await ledger.PostAsync(Movement.Transfer(JournalEntryKind.Released, name.ToString(), reason, actor, requestId: null,
                LedgerAccounts.Commitment(name), LedgerAccounts.Allocation(name.Allocation), left), cancellationToken);
        }
        commitment.ReleaseTime = clock.UtcNowForDatabase();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CommitmentState(commitment, spent, 0);
    }

    private IQueryable<CommitmentEntity> Find(CommitmentName name) => db.Commitments.Where(c =>
        c.LocalAuthorityCode == name.Allocation.Fund.LocalAuthorityCode && c.FundId == name.Allocation.Fund.FundId
        && c.AllocationId == name.Allocation.AllocationId && c.CommitmentId == name.CommitmentId);

    /// <summary>Whether the allocation exists and its provider is one of <paramref name="visibleProviders"/> (null: any).</summary>
    private async Task<bool> IsVisibleAsync(AllocationName allocation, IReadOnlySet<string>? visibleProviders, CancellationToken cancellationToken)
    {
        var provider = await db.Allocations.Where(a =>
                a.LocalAuthorityCode == allocation.Fund.LocalAuthorityCode && a.FundId == allocation.Fund.FundId && a.AllocationId == allocation.AllocationId)
            .Select(a => a.Provider).SingleOrDefaultAsync(cancellationToken);
        return provider is not null && (visibleProviders is null || visibleProviders.Contains(provider));
    }

    /// <summary>
    /// Saves the pending changes with the request's record and commits: true. False when the request_id was used,
    /// concurrently, by a create under another fund's lock; the transaction is then rolled back.
    /// </summary>
    private async Task<bool> SaveUnlessRetriedAsync(LockedFund transaction, Guid? requestId, CommitmentName name,
        CancellationToken cancellationToken)
    {
        log.Record(requestId, name.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException error) when (CreateRequestLog.IsDuplicateRequest(error))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
    }

    private async Task<long> BalanceAsync(string account, CancellationToken cancellationToken) =>
        (await ledger.BalancesAsync([account], cancellationToken)).GetValueOrDefault(account);

    private async Task<(long Spent, long Left)> SpentAndLeftAsync(CommitmentName name, CancellationToken cancellationToken)
    {
        var balances = await ledger.BalancesAsync([LedgerAccounts.Spent(name), LedgerAccounts.Commitment(name)], cancellationToken);
        return (balances.GetValueOrDefault(LedgerAccounts.Spent(name)), balances.GetValueOrDefault(LedgerAccounts.Commitment(name)));
    }

    private async Task<IReadOnlyList<CommitmentState>> WithBalancesAsync(IReadOnlyList<CommitmentEntity> commitments, CancellationToken cancellationToken)
    {
        var names = commitments.Select(NameOf).ToList();
        var balances = await ledger.BalancesAsync([.. names.SelectMany(n => new[] { LedgerAccounts.Spent(n), LedgerAccounts.Commitment(n) })], cancellationToken);
        return [.. commitments.Select((c, i) => new CommitmentState(c,
            balances.GetValueOrDefault(LedgerAccounts.Spent(names[i])), balances.GetValueOrDefault(LedgerAccounts.Commitment(names[i]))))];
    }

    private static CommitmentName NameOf(CommitmentEntity commitment) =>
        new(new AllocationName(new FundName(commitment.LocalAuthorityCode, commitment.FundId), commitment.AllocationId), commitment.CommitmentId);

    /// <summary>The commitment an earlier create with this request id made, if it is this request's; INVALID_ARGUMENT naming request_id otherwise.</summary>
    private async Task<CommitmentState> EarlierCreateAsync(string earlier, CommitmentName name, CommitmentContent content, CancellationToken cancellationToken)
    {
        var made = earlier == name.ToString() ? await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) : null;
        return await CreateRetries.EarlierAsync(earlier, _ => made is not null && IsSame(made, content),
            async _ => (await WithBalancesAsync([made!], cancellationToken))[0]);
    }

    /// <summary>The commitment as it is now, if an earlier RecordSpend with this request id recorded this spend on it; INVALID_ARGUMENT naming request_id otherwise.</summary>
    private async Task<CommitmentState> EarlierSpendAsync(string earlier, CommitmentName name, NewSpend spend, Guid? requestId, CancellationToken cancellationToken)
    {
        var recorded = earlier == name.ToString() ? await db.Spends.AsNoTracking().SingleOrDefaultAsync(s => s.RequestId == requestId, cancellationToken) : null;
        return await CreateRetries.EarlierAsync(earlier, _ => recorded is not null && IsSame(recorded, spend), _ => GetAsync(name, visibleProviders: null, cancellationToken));
    }

    private static bool IsSame(CommitmentEntity made, CommitmentContent content) =>
        made.Kind == content.Kind && made.Purpose == content.Purpose && made.School == content.School && made.Source == content.Source
        && made.AmountPence == content.AmountPence;

    private static bool IsSame(SpendEntity recorded, NewSpend spend) =>
        recorded.InvoiceReference == spend.InvoiceReference && recorded.SpendDate == spend.SpendDate && recorded.AmountPence == spend.AmountPence;
}
