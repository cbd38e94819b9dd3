using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Funding.Domain.Accounting;

/// <summary>
/// Opens a transaction and locks the fund's row (SELECT ... FOR UPDATE), so that movements of its money run one at a
/// time: what a movement reads of the fund's balances stays true until it commits. Within an instance, movements of one
/// fund first queue in process (<see cref="KeyedGates"/>), so that callers waiting their turn hold no connection.
/// </summary>
internal sealed class FundLocks(FundingDbContext db, KeyedGates gates)
{
    /// <summary>The fund locked (disposing it rolls back what was not committed and lets the next movement in); NOT_FOUND when there is no such fund.</summary>
    public async Task<LockedFund> LockAsync(FundName name, CancellationToken cancellationToken)
    {
        var gate = await gates.EnterAsync(name.ToString(), cancellationToken);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Database.SqlQuery<long>(
                $"SELECT id AS \"Value\" FROM funds WHERE local_authority_code = {name.LocalAuthorityCode} AND fund_id = {name.FundId} FOR UPDATE").ToListAsync(cancellationToken);
            if (locked.Count == 0) throw new NotFoundException(name.ToString());
            return new LockedFund(transaction, gate);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            gate.Dispose();
            throw;
        }
    }
}

/// <summary>A locked fund's transaction; disposing it ends the transaction (rolling back what was not committed) and lets the next movement in.</summary>
internal sealed class LockedFund(IDbContextTransaction transaction, IDisposable gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => transaction.RollbackAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            gate.Dispose();
        }
    }
}
