using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Programmes;

/// <summary>Providers' programmes, one per alliance and academic year; the alliance must be in the registry.</summary>
internal sealed class Programmes(CpdDbContext db, CreateRequestLog log, TimeProvider clock, IAllianceRegistry registry)
{
    public async Task<ProgrammeEntity> GetAsync(ProgrammeName name, CancellationToken cancellationToken) =>
        await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());

    /// <summary>An alliance's programmes, earliest year first, after the year a previous page ended with.</summary>
    public Task<Page<ProgrammeEntity>> ListAsync(string allianceId, int? afterYear, int size, CancellationToken cancellationToken)
    {
        var query = db.Programmes.AsNoTracking().Where(p => p.AllianceId == allianceId);
        if (afterYear is { } year) query = query.Where(p => p.AcademicYear > year);
        return query.OrderBy(p => p.AcademicYear).ToPageAsync(size, cancellationToken);
    }

    /// <summary>
    /// Creates the programme; with a request id, a retry gets the one the first attempt made. A year the alliance has a
    /// programme for is ALREADY_EXISTS; an alliance the registry does not have, FAILED_PRECONDITION.
    /// </summary>
    public async Task<ProgrammeEntity> CreateAsync(ProgrammeName name, ProgrammeContent content, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        ProgrammeRules.Validate(content, "programme", violations);
        violations.ThrowIfAny();
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierAsync(earlier, name, cancellationToken);
        if (!await registry.HasAllianceAsync(name.AllianceId, cancellationToken))
            throw new PreconditionFailedException(name.Alliance, $"{name.Alliance} is not in the registry: a programme's provider is an alliance the registry has.");

        var now = clock.UtcNowForDatabase();
        var entity = new ProgrammeEntity
        {
            AllianceId = name.AllianceId,
            AcademicYear = name.AcademicYear,
            DisplayName = content.DisplayName.Trim(),
            Description = content.Description,
            FreeCancellationWorkingDays = content.CancellationPolicy.FreeUntilWorkingDays,
            LateCancellationFeePence = content.CancellationPolicy.LateCancellationFeePence,
            CreateTime = now,
            UpdateTime = now,
        };
        db.Programmes.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, name.ToString(), _ => new AlreadyExistsException(name.ToString(),
            $"{name.Alliance} already has a programme for {AcademicYear.Label(name.AcademicYear)}: {name}. Update that one."), cancellationToken);
        return winner is null ? entity : await EarlierAsync(winner, name, cancellationToken);
    }

    /// <summary>Changes the programme as <paramref name="change"/> says; a stale etag is ABORTED.</summary>
    public async Task<ProgrammeEntity> UpdateAsync(ProgrammeName name, uint? etag, Func<ProgrammeContent, ProgrammeContent> change, CancellationToken cancellationToken)
    {
        var entity = await Find(name).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
        Etag.ThrowIfStale(etag, entity.Version, name.ToString());
        var content = change(ContentOf(entity));
        var violations = new Violations();
        ProgrammeRules.Validate(content, "programme", violations);
        violations.ThrowIfAny();

        entity.DisplayName = content.DisplayName.Trim();
        entity.Description = content.Description;
        entity.FreeCancellationWorkingDays = content.CancellationPolicy.FreeUntilWorkingDays;
        entity.LateCancellationFeePence = content.CancellationPolicy.LateCancellationFeePence;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name.ToString(), cancellationToken);
        return entity;
    }

    private static ProgrammeContent ContentOf(ProgrammeEntity entity) =>
        new(entity.DisplayName, entity.Description, new CancellationPolicy(entity.FreeCancellationWorkingDays, entity.LateCancellationFeePence));

    private IQueryable<ProgrammeEntity> Find(ProgrammeName name) => db.Programmes.Where(p => p.AllianceId == name.AllianceId && p.AcademicYear == name.AcademicYear);

    private Task<ProgrammeEntity> EarlierAsync(string earlier, ProgrammeName name, CancellationToken cancellationToken) =>
        CreateRetries.EarlierAsync(earlier, e => e == name.ToString(), _ => GetAsync(name, cancellationToken));
}
