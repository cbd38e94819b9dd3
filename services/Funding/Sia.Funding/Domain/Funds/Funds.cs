using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Data;
using Sia.Funding.Domain.Accounting;
using Sia.ServiceKit.Domain;

namespace Sia.Funding.Domain.Funds;

/// <summary>Local authorities' funds, each opened in the ledger by a credit of its amount from its source.</summary>
internal sealed class Funds(FundingDbContext db, Ledger ledger, CreateRequestLog log, TimeProvider clock)
{
    public async Task<FundState> GetAsync(FundName name, CancellationToken cancellationToken)
    {
        var fund = await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
        return (await WithBalancesAsync([fund], cancellationToken))[0];
    }

    /// <summary>An LA's funds (of one financial year, if given) by id, after the id a previous page ended with.</summary>
    public async Task<Page<FundState>> ListAsync(string localAuthorityCode, int? financialYear, string? afterId, int size, CancellationToken cancellationToken)
    {
        var query = db.Funds.AsNoTracking().Where(f => f.LocalAuthorityCode == localAuthorityCode);
        if (financialYear is { } year) query = query.Where(f => f.FinancialYear == year);
        if (afterId is not null) query = query.Where(f => string.Compare(f.FundId, afterId) > 0);
        var page = await query.OrderBy(f => f.FundId).ToPageAsync(size, cancellationToken);
        return new Page<FundState>(await WithBalancesAsync(page.Items, cancellationToken), page.HasMore);
    }

    /// <summary>
    /// Creates the fund and credits its amount to its unallocated balance from its source, in one transaction; with a
    /// request id, a retry gets the fund the first attempt made. An id the LA has used is ALREADY_EXISTS.
    /// </summary>
    public async Task<FundState> CreateAsync(FundName name, NewFund fund, string actor, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        FundRules.Validate(fund, violations);
        violations.ThrowIfAny();
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierAsync(earlier, name, fund, cancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new FundEntity
        {
            LocalAuthorityCode = name.LocalAuthorityCode,
            FundId = name.FundId,
            FinancialYear = fund.FinancialYear,
            Source = fund.Content.Source!.Value,
            Purpose = fund.Content.Purpose.Trim(),
            AmountPence = fund.AmountPence,
            SchoolsForumDecision = fund.Content.SchoolsForumDecision,
            CreateTime = now,
            UpdateTime = now,
        };
        db.Funds.Add(entity);
        var reason = fund.Content.SchoolsForumDecision.Length > 0 ? fund.Content.SchoolsForumDecision : entity.Purpose;
        await ledger.PostAsync(Movement.Transfer(JournalEntryKind.FundOpened, name.ToString(), reason, actor, requestId,
            LedgerAccounts.Source(name), LedgerAccounts.Unallocated(name), fund.AmountPence), cancellationToken);
        var winner = await log.SaveCreateAsync(requestId, name.ToString(), _ => new AlreadyExistsException(name.ToString(),
            $"{name.LocalAuthority} already has a fund with the id '{name.FundId}': choose another id, or update that fund."), cancellationToken);
        return winner is null ? new FundState(entity, fund.AmountPence) : await EarlierAsync(winner, name, fund, cancellationToken);
    }

    /// <summary>Changes the fund as <paramref name="change"/> says (never its amount or year); a stale etag is ABORTED.</summary>
    public async Task<FundState> UpdateAsync(FundName name, uint? etag, Func<FundContent, FundContent> change, CancellationToken cancellationToken)
    {
        var entity = await Find(name).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
        Etag.ThrowIfStale(etag, entity.Version, name.ToString());
        var content = change(new FundContent(entity.Source, entity.Purpose, entity.SchoolsForumDecision));
        var violations = new Violations();
        FundRules.Validate(content, violations);
        violations.ThrowIfAny();

        entity.Source = content.Source!.Value;
        entity.Purpose = content.Purpose.Trim();
        entity.SchoolsForumDecision = content.SchoolsForumDecision;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name.ToString(), cancellationToken);
        return (await WithBalancesAsync([entity], cancellationToken))[0];
    }

    private async Task<IReadOnlyList<FundState>> WithBalancesAsync(IReadOnlyList<FundEntity> funds, CancellationToken cancellationToken)
    {
        var accounts = funds.Select(f => LedgerAccounts.Unallocated(NameOf(f))).ToList();
        var balances = await ledger.BalancesAsync(accounts, cancellationToken);
        return [.. funds.Select((f, i) => new FundState(f, balances.GetValueOrDefault(accounts[i])))];
    }

    private static FundName NameOf(FundEntity fund) => new(fund.LocalAuthorityCode, fund.FundId);

    private IQueryable<FundEntity> Find(FundName name) => db.Funds.Where(f => f.LocalAuthorityCode == name.LocalAuthorityCode && f.FundId == name.FundId);

    /// <summary>The fund an earlier create with this request id made, if it is this request's fund; INVALID_ARGUMENT naming request_id otherwise.</summary>
    private async Task<FundState> EarlierAsync(string earlier, FundName name, NewFund fund, CancellationToken cancellationToken)
    {
        var made = earlier == name.ToString() ? await GetAsync(name, cancellationToken) : null;
        return await CreateRetries.EarlierAsync(earlier, _ => made is not null && IsSame(made.Fund, fund), _ => Task.FromResult(made!));
    }

    private static bool IsSame(FundEntity made, NewFund fund) =>
        made.FinancialYear == fund.FinancialYear && made.AmountPence == fund.AmountPence && made.Source == fund.Content.Source
        && made.Purpose == fund.Content.Purpose.Trim() && made.SchoolsForumDecision == fund.Content.SchoolsForumDecision;
}
