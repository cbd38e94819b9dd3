using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Frameworks;

/// <summary>
/// Each LA's frameworks, one per academic year: a draft that changes, and published revisions that never do. Publishing
/// takes the framework's row lock, so two publishes of one draft make one revision after another, never the same number.
/// </summary>
internal sealed class Frameworks(RiskDbContext db, CreateRequestLog log, TimeProvider clock)
{
    public async Task<FrameworkEntity> GetDraftAsync(FrameworkName name, CancellationToken cancellationToken) =>
        await db.Frameworks.AsNoTracking().SingleOrDefaultAsync(f => f.LaCode == name.LaCode && f.AcademicYear == name.AcademicYear, cancellationToken)
        ?? throw new NotFoundException(name.Draft);

    public async Task<(FrameworkEntity Framework, FrameworkRevisionEntity Revision)> GetRevisionAsync(FrameworkName name, CancellationToken cancellationToken)
    {
        var framework = await GetDraftAsync(name, cancellationToken);
        var revision = await db.FrameworkRevisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.FrameworkId == framework.Id && r.Revision == name.Revision, cancellationToken)
            ?? throw new NotFoundException(name.ToString());
        return (framework, revision);
    }

    /// <summary>An LA's frameworks, newest academic year first, after the year a previous page ended with.</summary>
    public Task<Page<FrameworkEntity>> ListAsync(string laCode, int? beforeYear, int size, CancellationToken cancellationToken)
    {
        var query = db.Frameworks.AsNoTracking().Where(f => f.LaCode == laCode);
        if (beforeYear is { } year) query = query.Where(f => f.AcademicYear < year);
        return query.OrderByDescending(f => f.AcademicYear).ToPageAsync(size, cancellationToken);
    }

    /// <summary>A framework's published revisions, newest first, before the one a previous page ended with.</summary>
    public async Task<(FrameworkEntity Framework, Page<FrameworkRevisionEntity> Revisions)> ListRevisionsAsync(FrameworkName name, int? beforeRevision, int size,
        CancellationToken cancellationToken)
    {
        var framework = await GetDraftAsync(name, cancellationToken);
        var query = db.FrameworkRevisions.AsNoTracking().Where(r => r.FrameworkId == framework.Id);
        if (beforeRevision is { } revision) query = query.Where(r => r.Revision < revision);
        return (framework, await query.OrderByDescending(r => r.Revision).ToPageAsync(size, cancellationToken));
    }

    /// <summary>Creates an LA's framework for a year as a draft; with a request id, a retry gets the one the first attempt made.</summary>
    public async Task<FrameworkEntity> CreateAsync(FrameworkName name, FrameworkContent content, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        FrameworkRules.Validate(content.DisplayName, content.Definition, "framework", violations);
        violations.ThrowIfAny();
        if (await log.FindAsync(requestId, cancellationToken) is not null) return await GetDraftAsync(name, cancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new FrameworkEntity
        {
            LaCode = name.LaCode,
            AcademicYear = name.AcademicYear,
            DisplayName = content.DisplayName.Trim(),
            Definition = content.Definition,
            HasUnpublishedChanges = true,
            CreateTime = now,
            UpdateTime = now,
        };
        db.Frameworks.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, name.Draft, _ => new AlreadyExistsException(name.Draft,
            $"{ResourceNames.LocalAuthority(name.LaCode)} already has a framework for {AcademicYear.Label(name.AcademicYear)}: {name.Draft}. Update its draft instead."), cancellationToken);
        return winner is null ? entity : await GetDraftAsync(name, cancellationToken);
    }

    /// <summary>Changes the draft as <paramref name="change"/> says; a stale etag is ABORTED.</summary>
    public async Task<FrameworkEntity> UpdateAsync(FrameworkName name, uint? etag, Func<FrameworkContent, FrameworkContent> change, CancellationToken cancellationToken)
    {
        var entity = await db.Frameworks.SingleOrDefaultAsync(f => f.LaCode == name.LaCode && f.AcademicYear == name.AcademicYear, cancellationToken)
            ?? throw new NotFoundException(name.Draft);
        Etag.ThrowIfStale(etag, entity.Version, name.Draft);
        var content = change(new FrameworkContent(entity.DisplayName, entity.Definition));
        var violations = new Violations();
        FrameworkRules.Validate(content.DisplayName, content.Definition, "framework", violations);
        violations.ThrowIfAny();

        entity.DisplayName = content.DisplayName.Trim();
        entity.Definition = content.Definition;
        entity.HasUnpublishedChanges = true;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name.Draft, cancellationToken);
        return entity;
    }

    /// <summary>
    /// Makes the draft the next published revision. A retry with the same request id gets the revision the first attempt
    /// made; a draft that is incomplete, or unchanged since the last revision, is FAILED_PRECONDITION.
    /// </summary>
    public async Task<(FrameworkEntity Framework, FrameworkRevisionEntity Revision)> PublishAsync(FrameworkName name, uint? etag, Guid? requestId,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entity = await db.Frameworks.FromSql($"SELECT *, xmin FROM frameworks WHERE la_code = {name.LaCode} AND academic_year = {name.AcademicYear} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.Draft);
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier)
            return await GetRevisionAsync(ResourceNames.Framework(earlier, "request_id", allowRevision: true), cancellationToken);
        Etag.ThrowIfStale(etag, entity.Version, name.Draft);
        if (FrameworkRules.Incompleteness(entity.Definition) is { } incomplete) throw new PreconditionFailedException(name.Draft, incomplete);
        if (!entity.HasUnpublishedChanges)
            throw new PreconditionFailedException(name.Draft, $"The draft has not changed since revision {entity.PublishedRevision} was published: {name.AtRevision(entity.PublishedRevision)}.");

        var now = clock.UtcNowForDatabase();
        var revision = new FrameworkRevisionEntity
        {
            FrameworkId = entity.Id,
            Revision = entity.PublishedRevision + 1,
            DisplayName = entity.DisplayName,
            Definition = entity.Definition,
            PublishTime = now,
        };
        db.FrameworkRevisions.Add(revision);
        entity.PublishedRevision = revision.Revision;
        entity.HasUnpublishedChanges = false;
        entity.UpdateTime = now;
        log.Record(requestId, name.AtRevision(revision.Revision).ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (entity, revision);
    }
}
