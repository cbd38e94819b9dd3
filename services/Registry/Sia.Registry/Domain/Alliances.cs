using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>
/// Teaching school alliances, hubs and improvement partnerships, by an id chosen at creation, each led by an open school:
/// read, listed by id, created and updated. Their members: <see cref="AllianceMemberships"/>.
/// </summary>
internal sealed class Alliances(RegistryDbContext db, TimeProvider clock)
{
    public async Task<AllianceEntity> GetAsync(string allianceId, CancellationToken cancellationToken) =>
        await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.AllianceId == allianceId, cancellationToken)
        ?? throw new NotFoundException(ResourceNames.Alliance(allianceId));

    public async Task EnsureExistsAsync(string allianceId, CancellationToken cancellationToken)
    {
        if (!await db.Alliances.AnyAsync(a => a.AllianceId == allianceId, cancellationToken)) throw new NotFoundException(ResourceNames.Alliance(allianceId));
    }

    public Task<Page<AllianceEntity>> ListAsync(string? afterId, int size, CancellationToken cancellationToken)
    {
        var query = db.Alliances.AsNoTracking();
        if (afterId is not null) query = query.Where(a => string.Compare(a.AllianceId, afterId) > 0);
        return query.OrderBy(a => a.AllianceId).ToPageAsync(size, cancellationToken);
    }

    public async Task<AllianceEntity> CreateAsync(string allianceId, AllianceDetails alliance, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (!ResourceNames.IsValidChosenId(allianceId))
            violations.Add("alliance_id", $"{TextChecks.Quote(allianceId)} is not an alliance id: {ResourceNames.ChosenIdRule}.");
        AllianceRules.Validate(alliance, "alliance", violations);
        violations.ThrowIfAny();
        var leadUrn = ResourceNames.SchoolUrn(alliance.LeadSchool, "alliance.lead_school");
        await ReferencedSchools.EnsureOpenAsync(db, leadUrn, "lead an alliance", lockRow: false, cancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new AllianceEntity { AllianceId = allianceId, DisplayName = alliance.DisplayName.Trim(), Kind = (int)alliance.Kind, LeadUrn = leadUrn, CreateTime = now, UpdateTime = now };
        db.Alliances.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new AlreadyExistsException(ResourceNames.Alliance(allianceId));
        }
        return entity;
    }

    /// <summary>Changes an alliance as <paramref name="change"/> makes its details, unless its version has moved past <paramref name="expectedVersion"/>.</summary>
    public async Task<AllianceEntity> UpdateAsync(string allianceId, uint? expectedVersion, Func<AllianceDetails, AllianceDetails> change, CancellationToken cancellationToken)
    {
        var name = ResourceNames.Alliance(allianceId);
        var entity = await db.Alliances.SingleOrDefaultAsync(a => a.AllianceId == allianceId, cancellationToken) ?? throw new NotFoundException(name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, name);

        var updated = change(AllianceDetails.Of(entity));
        var violations = new Violations();
        AllianceRules.Validate(updated, "alliance", violations);
        violations.ThrowIfAny();
        var leadUrn = ResourceNames.SchoolUrn(updated.LeadSchool, "alliance.lead_school");
        if (leadUrn != entity.LeadUrn) await ReferencedSchools.EnsureOpenAsync(db, leadUrn, "lead an alliance", lockRow: false, cancellationToken);

        entity.DisplayName = updated.DisplayName.Trim();
        entity.Kind = (int)updated.Kind;
        entity.LeadUrn = leadUrn;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name, cancellationToken);
        return entity;
    }
}
