using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>NLEs, LLEs, SLEs, NLGs and local designations, by a number the registry gives: read, listed, created, updated; made inactive, never deleted.</summary>
internal sealed class SystemLeaders(RegistryDbContext db, CreateRequestLog log, TimeProvider clock)
{
    public async Task<SystemLeaderEntity> GetAsync(long id, CancellationToken cancellationToken) =>
        await db.SystemLeaders.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
        ?? throw new NotFoundException(ResourceNames.SystemLeader(id));

    public Task<Page<SystemLeaderEntity>> ListAsync(SystemLeaderFilter filter, long? afterId, int size, CancellationToken cancellationToken)
    {
        var query = db.SystemLeaders.AsNoTracking();
        if (afterId is { } after) query = query.Where(l => l.Id > after);
        if (filter.Designations.Count > 0)
        {
            var designations = filter.Designations.Select(d => (int)d).ToList();
            query = query.Where(l => designations.Contains(l.Designation));
        }
        if (filter.AllianceId is { } allianceId) query = query.Where(l => l.AllianceId == allianceId);
        if (filter.LocalAuthorityCode is { } laCode) query = query.Where(l => db.Schools.Any(s => s.Urn == l.HomeUrn && s.LaCode == laCode));
        if (filter.Specialism.Length > 0)
        {
            var specialism = filter.Specialism.Trim().ToLowerInvariant();
            query = query.Where(l => l.Specialisms.Any(s => s.ToLower() == specialism));
        }
        if (filter.PhaseOfEducationCode is { } phase) query = query.Where(l => l.PhaseOfEducationCodes.Contains(phase));
        if (filter.Active is { } active) query = query.Where(l => l.Active == active);
        return query.OrderBy(l => l.Id).ToPageAsync(size, cancellationToken);
    }

    /// <summary>Creates a leader whose home school and alliance exist; with a request id, a retry gets the leader the first attempt made.</summary>
    public async Task<SystemLeaderEntity> CreateAsync(SystemLeaderDetails leader, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        SystemLeaderRules.Validate(leader, violations);
        violations.ThrowIfAny();

        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await GetAsync(ResourceNames.SystemLeaderId(earlier, "name"), cancellationToken);
        await EnsureReferencesExistAsync(leader, cancellationToken);

        var entity = leader.NewEntity(clock.UtcNowForDatabase());
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SystemLeaders.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            log.Record(requestId, ResourceNames.SystemLeader(entity.Id));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            return await GetAsync(ResourceNames.SystemLeaderId(await log.WinnerAsync(requestId, cancellationToken), "name"), cancellationToken);
        }
        return entity;
    }

    /// <summary>Changes a leader as <paramref name="change"/> makes their details, unless their version has moved past <paramref name="expectedVersion"/>.</summary>
    public async Task<SystemLeaderEntity> UpdateAsync(long id, uint? expectedVersion, Func<SystemLeaderDetails, SystemLeaderDetails> change, CancellationToken cancellationToken)
    {
        var name = ResourceNames.SystemLeader(id);
        var entity = await db.SystemLeaders.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException(name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, name);

        var updated = change(SystemLeaderDetails.Of(entity));
        var violations = new Violations();
        SystemLeaderRules.Validate(updated, violations);
        violations.ThrowIfAny();
        await EnsureReferencesExistAsync(updated, cancellationToken);

        updated.CopyTo(entity);
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name, cancellationToken);
        return entity;
    }

    private async Task EnsureReferencesExistAsync(SystemLeaderDetails leader, CancellationToken cancellationToken)
    {
        if (leader.HomeSchool.Length > 0)
            await ReferencedSchools.EnsureExistsAsync(db, ResourceNames.SchoolUrn(leader.HomeSchool, "system_leader.home_school"), cancellationToken);
        if (leader.Alliance.Length > 0)
        {
            var allianceId = ResourceNames.AllianceId(leader.Alliance, "system_leader.alliance");
            if (!await db.Alliances.AnyAsync(a => a.AllianceId == allianceId, cancellationToken))
                throw new PreconditionFailedException(leader.Alliance, $"{leader.Alliance} does not exist: create the alliance first.");
        }
    }
}
