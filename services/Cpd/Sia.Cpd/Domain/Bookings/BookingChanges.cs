using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// A provider's booking changes, in the order WatchBookings sends them: by writing transaction, then as written. Only
/// changes of transactions older than every transaction still running are read (PostgreSQL's snapshot xmin), so a change
/// never commits behind one already sent, and bookings never wait on a log lock to be written. Looks again every
/// <see cref="BookingOptions.WatchPollMilliseconds"/> when there is nothing new.
/// </summary>
internal sealed class BookingChanges(CpdDbContext db, IOptions<BookingOptions> options)
{
    private const int BatchSize = 500;

    /// <summary>Where to carry on after the change with id <paramref name="afterId"/> (0: from the first); INVALID_ARGUMENT naming <paramref name="tokenField"/> for an id no change has.</summary>
    public async Task<ChangePosition> PositionAfterAsync(long afterId, string tokenField, CancellationToken cancellationToken)
    {
        if (afterId == 0) return new ChangePosition(0, 0);
        var transactionId = await db.BookingChanges.Where(c => c.Id == afterId).Select(c => (long?)c.TransactionId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationFailedException(tokenField, "The resume token names no change this service made: send the resume_token of a change you received, or none to start from the beginning.");
        return new ChangePosition(transactionId, afterId);
    }

    /// <summary>The alliance's changes after <paramref name="after"/>, each with its booking as it is when read, for as long as the caller reads.</summary>
    public async IAsyncEnumerable<BookingChangeEntity> FollowAsync(string allianceId, ChangePosition after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.WatchPollMilliseconds);
        while (true)
        {
            var finished = await OldestRunningTransactionAsync(cancellationToken);
            var batch = await db.BookingChanges.AsNoTracking().Include(c => c.Booking)
                .Where(c => c.AllianceId == allianceId && c.TransactionId < finished
                    && (c.TransactionId > after.TransactionId || (c.TransactionId == after.TransactionId && c.Id > after.Id)))
                .OrderBy(c => c.TransactionId).ThenBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var change in batch) yield return change;
            if (batch.Count > 0) after = new ChangePosition(batch[^1].TransactionId, batch[^1].Id);
            if (batch.Count < BatchSize) await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary>Every transaction with a smaller id has finished (committed or rolled back), as of this query.</summary>
    private Task<long> OldestRunningTransactionAsync(CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"").SingleAsync(cancellationToken);
}

/// <summary>A change's place in the order watchers read: its transaction's id, then its own.</summary>
internal readonly record struct ChangePosition(long TransactionId, long Id);
