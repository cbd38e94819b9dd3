using Microsoft.EntityFrameworkCore;
using Sia.Risk.Data;

namespace Sia.Risk.Import;

/// <summary>What an import did: rows created, changed and already as given, and the rows refused (the first 1,000 of them).</summary>
internal sealed record IndicatorImportSummary(int Created, int Updated, int Unchanged, int Rejected, IReadOnlyList<RejectedIndicatorRow> RejectedRows);

/// <summary>Those of a batch's schools the caller may import rows for, from one look-up; null for all of them.</summary>
internal delegate Task<IReadOnlySet<int>?> ImportableSchools(IReadOnlyCollection<int> urns, CancellationToken cancellationToken);

/// <summary>
/// Stores indicator rows as they are parsed, a batch per transaction: a row for a school, indicator and year already held
/// replaces its values (a later row of the same file too), and one with the same values changes nothing, so importing a
/// file again writes nothing. A row for a school the caller may not import for is refused, whether or not the school is
/// known, in the same words either way, so that the refusal does not tell whether it exists.
/// </summary>
internal sealed class IndicatorImporter(RiskDbContext db)
{
    private const int BatchSize = 1000;
    private const int MaxRejectedRowsReported = 1000;

    /// <summary>Imports every row, for a caller that may import for every school.</summary>
    public Task<IndicatorImportSummary> ImportAsync(IAsyncEnumerable<IndicatorParseResult> results, CancellationToken cancellationToken) =>
        ImportAsync(results, importable: null, cancellationToken);

    public async Task<IndicatorImportSummary> ImportAsync(IAsyncEnumerable<IndicatorParseResult> results, ImportableSchools? importable,
        CancellationToken cancellationToken)
    {
        var (created, updated, unchanged, rejected) = (0, 0, 0, 0);
        var rejectedRows = new List<RejectedIndicatorRow>();
        var batch = new List<IndicatorRow>(BatchSize);
        void Reject(RejectedIndicatorRow refusal)
        {
            rejected++;
            if (rejectedRows.Count < MaxRejectedRowsReported) rejectedRows.Add(refusal);
        }
        async Task FlushAsync()
        {
            var counts = await StoreAsync(await ImportableAsync(batch, importable, Reject, cancellationToken), cancellationToken);
            (created, updated, unchanged) = (created + counts.Created, updated + counts.Updated, unchanged + counts.Unchanged);
            batch.Clear();
        }
        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            if (result.Rejected is { } refusal)
            {
                Reject(refusal);
                continue;
            }
            batch.Add(result.Row!);
            if (batch.Count == BatchSize) await FlushAsync();
        }
        if (batch.Count > 0) await FlushAsync();
        return new IndicatorImportSummary(created, updated, unchanged, rejected, [.. rejectedRows.OrderBy(r => r.LineNumber)]);
    }

    /// <summary>The batch's rows for schools the caller may import for; each other row refused, as for a school not known.</summary>
    private static async Task<List<IndicatorRow>> ImportableAsync(List<IndicatorRow> rows, ImportableSchools? importable, Action<RejectedIndicatorRow> reject,
        CancellationToken cancellationToken)
    {
        if (importable is null || await importable([.. rows.Select(r => r.Urn).Distinct()], cancellationToken) is not { } schools) return rows;
        foreach (var row in rows.Where(r => !schools.Contains(r.Urn)))
            reject(new RejectedIndicatorRow(row.LineNumber, $"urn '{row.Urn}' is not a school known to the caller: it imports indicators only for the schools it acts for."));
        return [.. rows.Where(r => schools.Contains(r.Urn))];
    }

    private async Task<(int Created, int Updated, int Unchanged)> StoreAsync(List<IndicatorRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return (0, 0, 0);
        var urns = rows.Select(r => r.Urn).Distinct().ToList();
        var indicators = rows.Select(r => r.Indicator).Distinct().ToList();
        var held = (await db.IndicatorValues.Where(v => urns.Contains(v.Urn) && indicators.Contains(v.Indicator)).ToListAsync(cancellationToken))
            .ToDictionary(v => (v.Urn, v.Indicator, v.AcademicYear));
        var (created, updated, unchanged) = (0, 0, 0);
        foreach (var row in rows)
        {
            var key = (row.Urn, row.Indicator, row.AcademicYear);
            if (!held.TryGetValue(key, out var value))
            {
                value = new IndicatorValueEntity { Urn = row.Urn, Indicator = row.Indicator, AcademicYear = row.AcademicYear, Value = row.Value, National = row.National };
                held[key] = value;
                db.IndicatorValues.Add(value);
                created++;
            }
            else if (value.Value.Equals(row.Value) && Nullable.Equals(value.National, row.National))
            {
                unchanged++;
            }
            else
            {
                (value.Value, value.National) = (row.Value, row.National);
                updated++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (created, updated, unchanged);
    }
}
