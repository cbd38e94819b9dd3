using Sia.ServiceKit.Data;

namespace Sia.Registry.Data;

/// <summary>The registry's schema brought up to date at start-up (<see cref="SchemaMigrator"/>), old hand-made databases taken over first.</summary>
public static class RegistryMigrator
{
    private const long MigrationLockId = 0x5141_0002;

    /// <summary>Migrates, then runs <paramref name="thenUnderLock"/> (if any) before letting the next instance in.</summary>
    public static Task MigrateAsync(RegistryDbContext db, Func<CancellationToken, Task>? thenUnderLock = null, CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(db, MigrationLockId, ct => SquashedMigrations.RewriteHistoryAsync(db, ct), thenUnderLock, cancellationToken);
}
