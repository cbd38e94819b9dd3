using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sia.Registry.Data;

/// <summary>
/// Brings the schema up to date under a PostgreSQL advisory lock held for the whole run. EF Core's own
/// migration lock is not enough here: two instances starting together were seen to both apply one migration.
/// </summary>
public static class RegistryMigrator
{
    private const long MigrationLockId = 0x5141_0002;

    /// <summary>Migrates, then runs <paramref name="thenUnderLock"/> (if any) before letting the next instance in.</summary>
    public static async Task MigrateAsync(RegistryDbContext db, Func<CancellationToken, Task>? thenUnderLock = null, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockId})", cancellationToken);
            // EF reads the history table before creating it, and logs that failed read as an error on a new database.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            await SquashedMigrations.RewriteHistoryAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            if (thenUnderLock is not null) await thenUnderLock(cancellationToken);
        }
        finally
        {
            // Closing the session releases the lock too; unlocking first lets the connection go back to the pool clean.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockId})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
