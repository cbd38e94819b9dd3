using Sia.ServiceKit.Data;

namespace Sia.Funding.Data;

/// <summary>The funding service's schema brought up to date at start-up (<see cref="SchemaMigrator"/>), then the ledger's guards.</summary>
public static class FundingMigrator
{
    private const long MigrationLockId = 0x5141_0104;

    public static Task MigrateAsync(FundingDbContext db, CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(db, MigrationLockId, thenUnderLock: ct => LedgerGuards.InstallAsync(db, ct), cancellationToken: cancellationToken);
}
