using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Data;

namespace Sia.Funding.Domain.Accounting;

/// <summary>
/// Opens a transaction and locks the fund's row (SELECT ... FOR UPDATE), so that movements of its money run one at a
/// time: what a movement reads of the fund's balances stays true until it commits.
/// </summary>
internal sealed class FundLocks(FundingDbContext db)
{
    /// <summary>The transaction holding the fund's lock (disposing it rolls back what was not committed); NOT_FOUND when there is no such fund.</summary>
    public async Task<IDbContextTransaction> LockAsync(FundName name, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var locked = await db.Database.SqlQuery<long>(
                $"SELECT id AS \"Value\" FROM funds WHERE local_authority_code = {name.LocalAuthorityCode} AND fund_id = {name.FundId} FOR UPDATE").ToListAsync(cancellationToken);
            if (locked.Count == 0) throw new NotFoundException(name.ToString());
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
