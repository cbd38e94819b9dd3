using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.Gias;
using Sia.Registry.V1;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Import;

/// <summary>
/// Upserts the schools of a GIAS extract in batches, each batch one transaction. A row that breaks a rule or
/// a constraint is rejected with its line number; it never takes the good rows of its batch down with it.
/// </summary>
internal sealed class GiasImporter(RegistryDbContext db, TimeProvider clock)
{
    private const int BatchSize = 500;
    private const int MaxListedRejections = 1000;

    public async Task<ImportGiasExtractResponse> ImportAsync(IAsyncEnumerable<GiasParseResult> results, CancellationToken cancellationToken)
    {
        var summary = new ImportGiasExtractResponse();
        var firstLineOfUrn = new Dictionary<int, int>();
        var batch = new List<(GiasSchoolRow Row, SchoolDetails School)>(BatchSize);
        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            if (result.Rejected is { } rejected)
            {
                Reject(summary, rejected.LineNumber, rejected.Reason);
                continue;
            }
            var row = result.Row!;
            if (!firstLineOfUrn.TryAdd(row.Urn, row.LineNumber))
            {
                Reject(summary, row.LineNumber, $"URN {row.Urn} appears again; its first row is on line {firstLineOfUrn[row.Urn]}.");
                continue;
            }
            var school = row.ToDetails();
            var violations = new Violations();
            SchoolRules.Validate(school, "school", violations);
            if (violations.Items.Count > 0)
            {
                Reject(summary, row.LineNumber, string.Join(" ", violations.Items.Select(v => v.Description)));
                continue;
            }
            batch.Add((row, school));
            if (batch.Count == BatchSize) await FlushAsync(batch, summary, cancellationToken);
        }
        await FlushAsync(batch, summary, cancellationToken);
        return summary;
    }

    private async Task FlushAsync(List<(GiasSchoolRow Row, SchoolDetails School)> batch, ImportGiasExtractResponse summary, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        try
        {
            Count(summary, await ApplyAsync(batch, cancellationToken));
        }
        catch (DbUpdateException)
        {
            // Something in the batch broke a constraint: apply its rows one by one to find which.
            db.ChangeTracker.Clear();
            foreach (var item in batch)
            {
                try
                {
                    Count(summary, await ApplyAsync([item], cancellationToken));
                }
                catch (DbUpdateException ex)
                {
                    db.ChangeTracker.Clear();
                    Reject(summary, item.Row.LineNumber, Describe(ex, item.School));
                }
            }
        }
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    private async Task<(int Created, int Updated, int Unchanged)> ApplyAsync(IReadOnlyList<(GiasSchoolRow Row, SchoolDetails School)> items, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AddMissingLocalAuthoritiesAsync(items.Select(i => i.Row), now, cancellationToken);
        var urns = items.Select(i => i.Row.Urn).ToList();
        var existing = await db.Schools.Where(s => urns.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, cancellationToken);
        var changed = new List<SchoolEntity>();
        var (created, unchanged) = (0, 0);
        foreach (var (row, school) in items)
        {
            if (!existing.TryGetValue(row.Urn, out var entity))
            {
                db.Schools.Add(school.NewEntity(row.Urn, now));
                created++;
                continue;
            }
            // GIAS knows nothing of clusters: a school keeps its cluster while it stays in the same LA.
            var update = entity.ClusterId is { } clusterId && entity.LaCode == school.LocalAuthorityCode
                ? school with { Cluster = ResourceNames.Cluster(entity.LaCode, clusterId) }
                : school;
            update.CopyTo(entity);
            db.Entry(entity).DetectChanges(); // this row only: scanning the whole batch per row made re-imports 15x slower
            if (db.Entry(entity).State == EntityState.Modified)
            {
                entity.UpdateTime = now;
                changed.Add(entity);
            }
            else
            {
                unchanged++;
            }
        }
        await LockAndCloseAsync(changed, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (created, changed.Count, unchanged);
    }

    /// <summary>
    /// Locks the rows the batch changes (a row read before the lock and changed since fails its xmin check), then
    /// ends the memberships of those it closes, as UpdateSchool does. A school the extract leaves unchanged is not touched.
    /// </summary>
    private async Task LockAndCloseAsync(List<SchoolEntity> changed, CancellationToken cancellationToken)
    {
        await SchoolLocks.LockAsync(db, changed.Select(s => s.Urn), cancellationToken);
        await SchoolClosure.EndMembershipsAsync(db, changed, clock, cancellationToken);
    }

    /// <summary>GIAS names every school's LA, so an LA the registry lacks is created from the extract.</summary>
    private async Task AddMissingLocalAuthoritiesAsync(IEnumerable<GiasSchoolRow> rows, DateTime now, CancellationToken cancellationToken)
    {
        var named = rows.GroupBy(r => r.LaCode.ToString("000")).ToDictionary(g => g.Key, g => g.First().LaName);
        var codes = named.Keys.ToList();
        var known = await db.LocalAuthorities.Where(la => codes.Contains(la.Code)).Select(la => la.Code).ToListAsync(cancellationToken);
        foreach (var code in codes.Except(known))
        {
            var name = string.IsNullOrWhiteSpace(named[code]) ? $"Local authority {code}" : named[code];
            db.LocalAuthorities.Add(new LocalAuthorityEntity { Code = code, DisplayName = name, CreateTime = now, UpdateTime = now });
        }
    }

    private static string Describe(DbUpdateException exception, SchoolDetails school) => exception.InnerException switch
    {
        PostgresException { ConstraintName: RegistryDbContext.OpenLaestabIndex } =>
            $"Another open school already has LAESTAB {school.LocalAuthorityCode}{school.EstablishmentNumber:0000}.",
        PostgresException postgres => $"The database refused the row: {postgres.MessageText}",
        _ => "The database refused the row.",
    };

    private static void Count(ImportGiasExtractResponse summary, (int Created, int Updated, int Unchanged) counts)
    {
        summary.CreatedCount += counts.Created;
        summary.UpdatedCount += counts.Updated;
        summary.UnchangedCount += counts.Unchanged;
    }

    private static void Reject(ImportGiasExtractResponse summary, int lineNumber, string reason)
    {
        summary.RejectedCount++;
        if (summary.RejectedRows.Count < MaxListedRejections) summary.RejectedRows.Add(new RejectedGiasRow { LineNumber = lineNumber, Reason = reason });
    }
}
