using Sia.ServiceKit.Data;

namespace Sia.Risk.Data;

/// <summary>The risk service's schema brought up to date at start-up (<see cref="SchemaMigrator"/>).</summary>
public static class RiskMigrator
{
    private const long MigrationLockId = 0x5141_0102;

    public static Task MigrateAsync(RiskDbContext db, Func<CancellationToken, Task>? thenUnderLock = null, CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(db, MigrationLockId, thenUnderLock: thenUnderLock, cancellationToken: cancellationToken);
}
