using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.ServiceKit.Data;

namespace Sia.ServiceKit.Domain;

/// <summary>
/// Makes creates safe to retry: a create with a request_id records it in the same transaction as the
/// resource, and a later create with the same id gets the resource made the first time. The service's DbContext maps
/// <see cref="CreateRequestEntity"/> with <see cref="CreateRequestConfiguration"/>.
/// </summary>
public sealed class CreateRequestLog(DbContext db, TimeProvider clock)
{
    /// <summary>The resource an earlier create with this id made, if any.</summary>
    public async Task<string?> FindAsync(Guid? requestId, CancellationToken cancellationToken) =>
        requestId is { } id
            ? await db.Set<CreateRequestEntity>().Where(r => r.RequestId == id).Select(r => r.ResourceName).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>Adds the record to the pending changes, so it commits with the resource.</summary>
    public void Record(Guid? requestId, string resourceName)
    {
        if (requestId is { } id) db.Set<CreateRequestEntity>().Add(new CreateRequestEntity { RequestId = id, ResourceName = resourceName, CreateTime = clock.UtcNowForDatabase() });
    }

    /// <summary>
    /// Saves a create's pending changes with its request record. Returns null when it saved, or the name of the resource a
    /// retry of the same request made, when that retry won the race; any other unique violation (the resource exists) is
    /// thrown as <paramref name="alreadyExists"/> makes it.
    /// </summary>
    public async Task<string?> SaveCreateAsync(Guid? requestId, string resourceName, Func<PostgresException, Exception> alreadyExists,
        CancellationToken cancellationToken)
    {
        Record(requestId, resourceName);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (IsDuplicateRequest(ex))
        {
            return await WinnerAsync(requestId, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw alreadyExists(unique);
        }
    }

    /// <summary>
    /// After a save that lost the race with a retry of the same request (<see cref="IsDuplicateRequest"/>): drops this
    /// attempt's pending changes and returns the resource the winner made.
    /// </summary>
    public async Task<string> WinnerAsync(Guid? requestId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await FindAsync(requestId, cancellationToken)
            ?? throw new InvalidOperationException("A create lost a request_id race, yet no create with that id is recorded.");
    }

    /// <summary>Whether a failed save lost a race with a retry of the same request.</summary>
    public static bool IsDuplicateRequest(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_create_requests" };
}
