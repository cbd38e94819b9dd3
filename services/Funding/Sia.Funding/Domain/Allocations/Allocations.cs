using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Data;
using Sia.Funding.Domain.Accounting;
using Sia.ServiceKit.Domain;

namespace Sia.Funding.Domain.Allocations;

/// <summary>
/// Funds' allocations to providers. Each is made under its fund's row lock (<see cref="FundLocks"/>) by a ledger movement
/// from the fund's unallocated balance, so a fund's allocations never add up to more than the fund.
/// </summary>
internal sealed class Allocations(FundingDbContext db, FundLocks locks, Ledger ledger, CreateRequestLog log, TimeProvider clock)
{
    /// <summary>The allocation; NOT_FOUND too when <paramref name="visibleProviders"/> (null: all) does not hold its provider.</summary>
    public async Task<AllocationEntity> GetAsync(AllocationName name, IReadOnlySet<string>? visibleProviders, CancellationToken cancellationToken)
    {
        var allocation = await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return allocation is not null && (visibleProviders is null || visibleProviders.Contains(allocation.Provider))
            ? allocation
            : throw new NotFoundException(name.ToString());
    }

    /// <summary>A fund's allocations to <paramref name="visibleProviders"/> (null: all) by id, after the id a previous page ended with; NOT_FOUND for no such fund.</summary>
    public async Task<Page<AllocationEntity>> ListAsync(FundName fund, IReadOnlySet<string>? visibleProviders, string? afterId, int size,
        CancellationToken cancellationToken)
    {
        if (!await db.Funds.AnyAsync(f => f.LocalAuthorityCode == fund.LocalAuthorityCode && f.FundId == fund.FundId, cancellationToken))
            throw new NotFoundException(fund.ToString());
        var query = db.Allocations.AsNoTracking().Where(a => a.LocalAuthorityCode == fund.LocalAuthorityCode && a.FundId == fund.FundId);
        if (visibleProviders is not null)
        {
            var providers = visibleProviders.ToList();
            query = query.Where(a => providers.Contains(a.Provider));
        }
        if (afterId is not null) query = query.Where(a => string.Compare(a.AllocationId, afterId) > 0);
        return await query.OrderBy(a => a.AllocationId).ToPageAsync(size, cancellationToken);
    }

    /// <summary>
    /// Moves the amount from the fund's unallocated balance to the new allocation, under the fund's lock. More than is left
    /// is FAILED_PRECONDITION saying how much is; an id the fund has used, ALREADY_EXISTS. With a request id, a retry gets
    /// the allocation the first attempt made.
    /// </summary>
    public async Task<AllocationEntity> CreateAsync(AllocationName name, AllocationContent content, string actor, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        AllocationRules.Validate(content, name.Fund, violations);
        violations.ThrowIfAny();
        await using (var transaction = await locks.LockAsync(name.Fund, cancellationToken))
        {
            // Under the lock, a retry of a create of this fund sees the first attempt's record once it has committed.
            if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierAsync(earlier, name, content, cancellationToken);
            if (await Find(name).AnyAsync(cancellationToken))
                throw new AlreadyExistsException(name.ToString(), $"{name.Fund} already has an allocation with the id '{name.AllocationId}': choose another id.");
            var unallocated = LedgerAccounts.Unallocated(name.Fund);
            var left = (await ledger.BalancesAsync([unallocated], cancellationToken)).GetValueOrDefault(unallocated);
            if (content.AmountPence > left)
            {
                throw new PreconditionFailedException(name.Fund.ToString(),
                    $"{name.Fund} has {left} pence ({Pence.InPounds(left)}) left to allocate, less than the {content.AmountPence} pence asked for: allocate at most {left} pence.");
            }

            var allocation = new AllocationEntity
            {
                LocalAuthorityCode = name.Fund.LocalAuthorityCode,
                FundId = name.Fund.FundId,
                AllocationId = name.AllocationId,
                Provider = content.Provider,
                ImprovementPriority = content.ImprovementPriority,
                AmountPence = content.AmountPence,
                Reason = content.Reason,
                CreateTime = clock.UtcNowForDatabase(),
            };
            db.Allocations.Add(allocation);
            await ledger.PostAsync(Movement.Transfer(JournalEntryKind.Allocated, name.ToString(), content.Reason, actor, requestId,
                unallocated, LedgerAccounts.Allocation(name), content.AmountPence), cancellationToken);
            log.Record(requestId, name.ToString());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return allocation;
            }
            catch (DbUpdateException error) when (CreateRequestLog.IsDuplicateRequest(error))
            {
                // The request_id was used, concurrently, by a create under another fund's lock.
                await transaction.RollbackAsync(cancellationToken);
            }
        }
        return await EarlierAsync(await log.WinnerAsync(requestId, cancellationToken), name, content, cancellationToken);
    }

    private IQueryable<AllocationEntity> Find(AllocationName name) => db.Allocations.Where(a =>
        a.LocalAuthorityCode == name.Fund.LocalAuthorityCode && a.FundId == name.Fund.FundId && a.AllocationId == name.AllocationId);

    /// <summary>The allocation an earlier create with this request id made, if it is this request's; INVALID_ARGUMENT naming request_id otherwise.</summary>
    private async Task<AllocationEntity> EarlierAsync(string earlier, AllocationName name, AllocationContent content, CancellationToken cancellationToken)
    {
        var made = earlier == name.ToString() ? await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) : null;
        return await CreateRetries.EarlierAsync(earlier, _ => made is not null && IsSame(made, content), _ => Task.FromResult(made!));
    }

    private static bool IsSame(AllocationEntity made, AllocationContent content) =>
        made.Provider == content.Provider && made.ImprovementPriority == content.ImprovementPriority && made.AmountPence == content.AmountPence && made.Reason == content.Reason;
}
