using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sia.ServiceKit.Data;

/// <summary>
/// Brings a service's schema up to date under a PostgreSQL advisory lock held for the whole run, so that instances starting
/// together take turns. EF Core's own migration lock is not enough here: two instances starting together were seen to both
/// apply one migration.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>
    /// Migrates under the lock <paramref name="lockId"/> (one per service), running <paramref name="beforeMigrate"/> (if any)
    /// first and <paramref name="thenUnderLock"/> (if any) after, before letting the next instance in.
    /// </summary>
    public static async Task MigrateAsync(DbContext db, long lockId, Func<CancellationToken, Task>? beforeMigrate = null,
        Func<CancellationToken, Task>? thenUnderLock = null, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({lockId})", cancellationToken);
            // EF reads the history table before creating it, and logs that failed read as an error on a new database.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            if (beforeMigrate is not null) await beforeMigrate(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            if (thenUnderLock is not null) await thenUnderLock(cancellationToken);
        }
        finally
        {
            // Closing the session releases the lock too; unlocking first lets the connection go back to the pool clean.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockId})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
