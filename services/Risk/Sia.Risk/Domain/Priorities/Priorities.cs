using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Priorities;

/// <summary>
/// LAs' and alliances' improvement priorities, each for an academic year. An owner must be known to the copy of the
/// registry: an LA by one of its schools, an alliance by one of its memberships (the copy holds no LAs or alliances of
/// their own).
/// </summary>
internal sealed class Priorities(RiskDbContext db, CreateRequestLog log, TimeProvider clock)
{
    public async Task<PriorityEntity> GetAsync(PriorityName name, CancellationToken cancellationToken) =>
        await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());

    /// <summary>An owner's priorities (of one year, or all), newest year first then by id, after the one a previous page ended with.</summary>
    public Task<Page<PriorityEntity>> ListAsync(PriorityOwner owner, int? academicYear, PriorityListKey? after, int size, CancellationToken cancellationToken)
    {
        var query = db.Priorities.AsNoTracking().Where(p => p.Owner == owner.Name);
        if (academicYear is { } year) query = query.Where(p => p.AcademicYear == year);
        if (after is { } key)
            query = query.Where(p => p.AcademicYear < key.AcademicYear || (p.AcademicYear == key.AcademicYear && string.Compare(p.PriorityId, key.PriorityId) > 0));
        return query.OrderByDescending(p => p.AcademicYear).ThenBy(p => p.PriorityId).ToPageAsync(size, cancellationToken);
    }

    /// <summary>
    /// Creates the priority; with a request id, a retry gets the one the first attempt made. A taken id is ALREADY_EXISTS;
    /// an owner the copy of the registry does not know, NOT_FOUND.
    /// </summary>
    public async Task<PriorityEntity> CreateAsync(PriorityName name, int academicYear, PriorityContent content, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        PriorityRules.ValidateAcademicYear(academicYear, "priority.academic_year", violations);
        PriorityRules.Validate(content, "priority", violations);
        violations.ThrowIfAny();
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierAsync(earlier, name, cancellationToken);
        if (!await KnowsOwnerAsync(name.Owner, cancellationToken)) throw new NotFoundException(name.Owner.Name);

        var now = clock.UtcNowForDatabase();
        var entity = new PriorityEntity
        {
            Owner = name.Owner.Name,
            PriorityId = name.Id,
            AcademicYear = academicYear,
            Title = content.Title.Trim(),
            Description = content.Description,
            Plan = content.Plan,
            State = content.State,
            CreateTime = now,
            UpdateTime = now,
        };
        db.Priorities.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, name.ToString(), _ => new AlreadyExistsException(name.ToString(),
            $"{name.Owner.Name} already has a priority with the id '{name.Id}': {name}. Choose another id, or update that one."), cancellationToken);
        return winner is null ? entity : await EarlierAsync(winner, name, cancellationToken);
    }

    /// <summary>Changes the priority as <paramref name="change"/> says; a stale etag is ABORTED.</summary>
    public async Task<PriorityEntity> UpdateAsync(PriorityName name, uint? etag, Func<PriorityContent, PriorityContent> change, CancellationToken cancellationToken)
    {
        var entity = await Find(name).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
        Etag.ThrowIfStale(etag, entity.Version, name.ToString());
        var content = change(new PriorityContent(entity.Title, entity.Description, entity.Plan, entity.State));
        var violations = new Violations();
        PriorityRules.Validate(content, "priority", violations);
        violations.ThrowIfAny();

        entity.Title = content.Title.Trim();
        entity.Description = content.Description;
        entity.Plan = content.Plan;
        entity.State = content.State;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name.ToString(), cancellationToken);
        return entity;
    }

    private IQueryable<PriorityEntity> Find(PriorityName name) => db.Priorities.Where(p => p.Owner == name.Owner.Name && p.PriorityId == name.Id);

    /// <summary>What an earlier create with the same request id made: this priority, or a refusal if it was another.</summary>
    private Task<PriorityEntity> EarlierAsync(string earlier, PriorityName name, CancellationToken cancellationToken) =>
        CreateRetries.EarlierAsync(earlier, made => made == name.ToString(), _ => GetAsync(name, cancellationToken));

    private async Task<bool> KnowsOwnerAsync(PriorityOwner owner, CancellationToken cancellationToken) => owner.Kind switch
    {
        PriorityOwnerKind.LocalAuthority => await db.RegistrySchools.AnyAsync(s => s.LaCode == owner.Id, cancellationToken),
        _ => await db.RegistryProviders.AnyAsync(p => p.Name == owner.Name, cancellationToken),
    };
}

/// <summary>Where a page of ListPriorities ended: its last priority's year and id.</summary>
internal readonly record struct PriorityListKey(int AcademicYear, string PriorityId);
