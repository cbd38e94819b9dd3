using Microsoft.EntityFrameworkCore;
using Sia.Risk.Data;

namespace Sia.Risk.Import;

/// <summary>What an import did: rows created, changed and already as given, and the rows refused (the first 1,000 of them).</summary>
internal sealed record IndicatorImportSummary(int Created, int Updated, int Unchanged, int Rejected, IReadOnlyList<RejectedIndicatorRow> RejectedRows);

/// <summary>
/// Stores indicator rows as they are parsed, a batch per transaction: a row for a school, indicator and year already held
/// replaces its values (a later row of the same file too), and one with the same values changes nothing, so importing a
/// file again writes nothing.
/// </summary>
internal sealed class IndicatorImporter(RiskDbContext db)
{
    private const int BatchSize = 1000;
    private const int MaxRejectedRowsReported = 1000;

    public async Task<IndicatorImportSummary> ImportAsync(IAsyncEnumerable<IndicatorParseResult> results, CancellationToken cancellationToken)
    {
        var (created, updated, unchanged, rejected) = (0, 0, 0, 0);
        var rejectedRows = new List<RejectedIndicatorRow>();
        var batch = new List<IndicatorRow>(BatchSize);
        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            if (result.Rejected is { } refusal)
            {
                rejected++;
                if (rejectedRows.Count < MaxRejectedRowsReported) rejectedRows.Add(refusal);
                continue;
            }
            batch.Add(result.Row!);
            if (batch.Count < BatchSize) continue;
            var counts = await StoreAsync(batch, cancellationToken);
            (created, updated, unchanged) = (created + counts.Created, updated + counts.Updated, unchanged + counts.Unchanged);
            batch.Clear();
        }
        if (batch.Count > 0)
        {
            var counts = await StoreAsync(batch, cancellationToken);
            (created, updated, unchanged) = (created + counts.Created, updated + counts.Updated, unchanged + counts.Unchanged);
        }
        return new IndicatorImportSummary(created, updated, unchanged, rejected, rejectedRows);
    }

    private async Task<(int Created, int Updated, int Unchanged)> StoreAsync(List<IndicatorRow> rows, CancellationToken cancellationToken)
    {
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
