using Sia.ServiceKit.Data;

namespace Sia.Cpd.Data;

/// <summary>The CPD service's schema brought up to date at start-up (<see cref="SchemaMigrator"/>).</summary>
public static class CpdMigrator
{
    private const long MigrationLockId = 0x5141_0103;

    public static Task MigrateAsync(CpdDbContext db, CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(db, MigrationLockId, cancellationToken: cancellationToken);
}
