using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>A school's Ofsted inspections: read, listed newest first, recorded; the latest stays on the school (<see cref="LatestInspection"/>).</summary>
internal sealed class Inspections(RegistryDbContext db, CreateRequestLog log, TimeProvider clock)
{
    public async Task<InspectionEntity> GetAsync(int urn, long id, CancellationToken cancellationToken) =>
        await db.Inspections.AsNoTracking().Include(i => i.Grades).SingleOrDefaultAsync(i => i.Id == id && i.Urn == urn, cancellationToken)
        ?? throw new NotFoundException(ResourceNames.Inspection(urn, id));

    /// <summary>A school's inspections, newest first; <paramref name="after"/> is the last one of the previous page.</summary>
    public Task<Page<InspectionEntity>> ListAsync(int urn, (DateOnly Date, long Id)? after, int size, CancellationToken cancellationToken)
    {
        var query = db.Inspections.AsNoTracking().Include(i => i.Grades).Where(i => i.Urn == urn);
        if (after is { } last)
        {
            var (date, id) = last;
            query = query.Where(i => i.InspectionDate < date || (i.InspectionDate == date && i.Id < id));
        }
        return query.OrderByDescending(i => i.InspectionDate).ThenByDescending(i => i.Id).ToPageAsync(size, cancellationToken);
    }

    /// <summary>Records an inspection of an existing school, in no future; with a request id, a retry gets the inspection the first attempt recorded.</summary>
    public async Task<InspectionEntity> CreateAsync(int urn, InspectionReport inspection, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        InspectionRules.Validate(inspection, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), violations);
        violations.ThrowIfAny();

        var schoolName = ResourceNames.School(urn);
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await GetCreatedAsync(earlier, cancellationToken);

        var entity = inspection.NewEntity(urn, clock.UtcNowForDatabase());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked before the school is read (and before the change log's lock, as every school writer takes them): the
        // caller sent no etag, so concurrent inspections of one school take turns, each updating the school as the one
        // before left it, rather than all but one failing the check of a version they read before the lock.
        await SchoolLocks.LockAsync(db, [urn], cancellationToken);
        var school = await db.Schools.SingleOrDefaultAsync(s => s.Urn == urn, cancellationToken) ?? throw new NotFoundException(schoolName);
        db.Inspections.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        if (LatestInspection.Record(school, entity)) school.UpdateTime = clock.UtcNowForDatabase();
        log.Record(requestId, ResourceNames.Inspection(urn, entity.Id));
        try
        {
            await db.SaveUnlessChangedAsync(schoolName, cancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await GetCreatedAsync(await log.WinnerAsync(requestId, cancellationToken), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return entity;
    }

    /// <summary>The inspection an earlier create recorded under its request id.</summary>
    private Task<InspectionEntity> GetCreatedAsync(string name, CancellationToken cancellationToken)
    {
        var (urn, id) = ResourceNames.InspectionId(name, "name");
        return GetAsync(urn, id, cancellationToken);
    }
}
