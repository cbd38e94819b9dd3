using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Courses;

/// <summary>The courses of programmes, each by an id its provider chooses.</summary>
internal sealed class Courses(CpdDbContext db, CreateRequestLog log, TimeProvider clock)
{
    public async Task<CourseEntity> GetAsync(CourseName name, CancellationToken cancellationToken) =>
        await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());

    /// <summary>A programme's courses by id, after the one a previous page ended with; NOT_FOUND for a programme that does not exist.</summary>
    public async Task<Page<CourseEntity>> ListAsync(ProgrammeName programme, string? afterId, int size, CancellationToken cancellationToken)
    {
        await RequireProgrammeAsync(programme, cancellationToken);
        var query = db.Courses.AsNoTracking().Where(c => c.AllianceId == programme.AllianceId && c.AcademicYear == programme.AcademicYear);
        if (afterId is not null) query = query.Where(c => string.Compare(c.CourseId, afterId) > 0);
        return await query.OrderBy(c => c.CourseId).ToPageAsync(size, cancellationToken);
    }

    /// <summary>Creates the course; with a request id, a retry gets the one the first attempt made. A taken id is ALREADY_EXISTS.</summary>
    public async Task<CourseEntity> CreateAsync(CourseName name, CourseContent content, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        CourseRules.Validate(content, "course", violations);
        violations.ThrowIfAny();
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierAsync(earlier, name, cancellationToken);
        await RequireProgrammeAsync(name.Programme, cancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new CourseEntity
        {
            AllianceId = name.Programme.AllianceId,
            AcademicYear = name.Programme.AcademicYear,
            CourseId = name.CourseId,
            CreateTime = now,
            UpdateTime = now,
            Title = "",
            Description = "",
            ImprovementPriorities = [],
            Audiences = [],
            Phases = [],
            Subject = "",
        };
        Apply(content, entity);
        db.Courses.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, name.ToString(), _ => new AlreadyExistsException(name.ToString(),
            $"{name.Programme} already has a course with the id '{name.CourseId}': {name}. Choose another id, or update that one."), cancellationToken);
        return winner is null ? entity : await EarlierAsync(winner, name, cancellationToken);
    }

    /// <summary>Changes the course as <paramref name="change"/> says; a stale etag is ABORTED.</summary>
    public async Task<CourseEntity> UpdateAsync(CourseName name, uint? etag, Func<CourseContent, CourseContent> change, CancellationToken cancellationToken)
    {
        var entity = await Find(name).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
        Etag.ThrowIfStale(etag, entity.Version, name.ToString());
        var content = change(new CourseContent(entity.Title, entity.Description, entity.ImprovementPriorities, entity.Audiences, entity.Phases, entity.Subject));
        var violations = new Violations();
        CourseRules.Validate(content, "course", violations);
        violations.ThrowIfAny();
        Apply(content, entity);
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name.ToString(), cancellationToken);
        return entity;
    }

    private static void Apply(CourseContent content, CourseEntity entity)
    {
        entity.Title = content.Title.Trim();
        entity.Description = content.Description;
        entity.ImprovementPriorities = [.. content.ImprovementPriorities];
        entity.Audiences = [.. content.Audiences];
        entity.Phases = [.. content.Phases];
        entity.Subject = content.Subject.Trim();
    }

    private async Task RequireProgrammeAsync(ProgrammeName programme, CancellationToken cancellationToken)
    {
        if (!await db.Programmes.AnyAsync(p => p.AllianceId == programme.AllianceId && p.AcademicYear == programme.AcademicYear, cancellationToken))
            throw new NotFoundException(programme.ToString());
    }

    private IQueryable<CourseEntity> Find(CourseName name) => db.Courses.Where(c =>
        c.AllianceId == name.Programme.AllianceId && c.AcademicYear == name.Programme.AcademicYear && c.CourseId == name.CourseId);

    private Task<CourseEntity> EarlierAsync(string earlier, CourseName name, CancellationToken cancellationToken) =>
        CreateRetries.EarlierAsync(earlier, e => e == name.ToString(), _ => GetAsync(name, cancellationToken));
}
