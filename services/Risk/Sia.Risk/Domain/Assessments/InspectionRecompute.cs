using Microsoft.EntityFrameworkCore;
using Sia.Risk.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Assessments;

/// <summary>
/// Takes the read model's record of an inspection the registry recorded (inspections_recorded) and recomputes the school's
/// assessments it may change, in one transaction with marking the record done: each record is acted on once, after
/// restarts too. Records are taken oldest first; SKIP LOCKED lets instances share them.
/// </summary>
internal sealed class InspectionRecompute(RiskDbContext db, Assessments assessments, TimeProvider clock)
{
    public Task<bool> AnyWaitingAsync(CancellationToken cancellationToken) => db.InspectionsRecorded.AnyAsync(r => r.RecomputeTime == null, cancellationToken);

    /// <summary>Acts on the oldest record; false when there is none.</summary>
    public async Task<bool> TakeNextAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await db.InspectionsRecorded.FromSql($"SELECT * FROM inspections_recorded WHERE recompute_time IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(cancellationToken);
        if (recorded is null) return false;
        var inspection = await db.RegistryInspections.AsNoTracking().SingleAsync(i => i.Id == recorded.InspectionId, cancellationToken);
        await assessments.RecomputeAfterInspectionAsync(recorded.Urn, inspection.Name, inspection.InspectionDate, cancellationToken);
        recorded.RecomputeTime = clock.UtcNowForDatabase();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
