using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sia.Registry.Data;

/// <summary>
/// The registry's first six migrations, written by hand, were squashed into InitialCreate (made by dotnet ef) with the
/// same schema. A database that ran all six has exactly InitialCreate's schema, so its history is rewritten to say so and
/// its data kept; one that stopped part-way is refused, with how to reset it.
/// </summary>
internal static class SquashedMigrations
{
    private static readonly string[] HandWritten =
    [
        "20261122120000_InitialSchema", "20261122140000_ChangeLog", "20261122150000_Inspections", "20261122160000_Clusters",
        "20261122170000_AlliancesAndSystemLeaders", "20261122180000_SchoolsByLaAndPhase",
    ];

    /// <summary>Run with the history table in place, before migrating, by one instance at a time.</summary>
    public static async Task RewriteHistoryAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (!applied.Intersect(HandWritten).Any()) return;
        if (applied.Count != HandWritten.Length || applied.Except(HandWritten).Any())
            throw new InvalidOperationException(
                $"The registry's database '{db.Database.GetDbConnection().Database}' was left part-way through migrations of an older SIA " +
                $"({string.Join(", ", applied)}), which this version cannot continue. Reset it: stop the AppHost and delete .sia/postgres " +
                "(all local data), or drop the database; the AppHost creates it again and the registry rebuilds it (with the demo data in Development).");

        var history = db.GetService<IHistoryRepository>();
        var squashed = new HistoryRow(db.Database.GetMigrations().First(), ProductInfo.GetVersion());
        var script = string.Concat(HandWritten.Select(history.GetDeleteScript)) + history.GetInsertScript(squashed);
        await db.Database.ExecuteSqlRawAsync(script, cancellationToken);
    }
}
