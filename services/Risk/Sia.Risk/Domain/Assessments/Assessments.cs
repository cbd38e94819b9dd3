using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.Domain.Frameworks;
using Sia.Risk.Domain.Notifications;
using Sia.Risk.ReadModel;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Assessments;

/// <summary>
/// Schools' assessments, one per academic year and round, in versions: the latest changes only while it is not published;
/// a correction, or an inspection that changes a published result, makes the next version. Every change of the latest
/// version holds its row lock, so its etag, state and version number move one change at a time.
/// </summary>
internal sealed class Assessments(RiskDbContext db, RegistryCopy registry, ScrutinyNotifications notifications, CreateRequestLog log, TimeProvider clock)
{
    public Task<AssessmentEntity> GetAsync(AssessmentName name, CancellationToken cancellationToken) => GetAsync(name, explained: true, cancellationToken);

    /// <summary>The assessment (version) by name; without its result's criteria and fired rules unless <paramref name="explained"/>.</summary>
    public async Task<AssessmentEntity> GetAsync(AssessmentName name, bool explained, CancellationToken cancellationToken) =>
        await Versions(name).Where(a => name.Version == null ? a.IsLatest : a.VersionNumber == name.Version).AsNoTracking().Explained(explained)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(name.ToString());

    /// <summary>
    /// The latest version of every assessment the filter asks for, by school URN, then academic year (newest first) and
    /// round, after the key a previous page ended with. Cluster and alliance are as the copy of the registry has them today.
    /// Without their results' criteria and fired rules unless <paramref name="explained"/>.
    /// </summary>
    public Task<Page<AssessmentEntity>> ListAsync(AssessmentFilter filter, AssessmentListKey? after, int size, bool explained, CancellationToken cancellationToken)
    {
        var query = db.Assessments.AsNoTracking().Where(a => a.IsLatest);
        if (filter.Urn is { } urn) query = query.Where(a => a.Urn == urn);
        if (filter.LaCode is { } laCode) query = query.Where(a => a.LaCode == laCode);
        if (filter.AcademicYear is { } year) query = query.Where(a => a.AcademicYear == year);
        if (filter.Round is { } round) query = query.Where(a => a.Round == round);
        if (filter.Categories.Count > 0) query = query.Where(a => filter.Categories.Contains(a.Category));
        if (filter.AtRiskOnly) query = query.Where(a => a.AtRisk);
        if (filter.CausingConcernOnly) query = query.Where(a => a.CausingConcern > CausingConcern.None);
        if (filter.InspectionDueBefore is { } due) query = query.Where(a => a.InspectionDueBy != null && a.InspectionDueBy <= due);
        if (filter.States.Count > 0) query = query.Where(a => filter.States.Contains(a.State));
        if (filter.Cluster is { } cluster) query = query.Where(a => db.RegistrySchools.Any(s => s.Urn == a.Urn && s.Cluster == cluster));
        if (filter.Alliance is { } alliance)
        {
            var today = clock.TodayInEngland();
            query = query.Where(a => db.RegistryAllianceMemberships.Any(m =>
                m.Urn == a.Urn && m.Alliance == alliance && m.JoinDate <= today && (m.LeaveDate == null || m.LeaveDate > today)));
        }
        if (after is { } key)
        {
            query = query.Where(a => a.Urn > key.Urn
                || (a.Urn == key.Urn && (a.AcademicYear < key.AcademicYear || (a.AcademicYear == key.AcademicYear && a.Round > key.Round))));
        }
        return query.OrderBy(a => a.Urn).ThenByDescending(a => a.AcademicYear).ThenBy(a => a.Round).Explained(explained).ToPageAsync(size, cancellationToken);
    }

    /// <summary>
    /// An LA's latest assessments for a year (and round) counted as a whole, then per cluster (by name, as the copy of the
    /// registry has schools today), then for the schools in no cluster ("localAuthorities/{code}/clusters/-"), by the
    /// categories of the LA's latest published framework for the year. Due for inspection counts windows ending on or before
    /// <paramref name="dueBy"/>, the academic year's last day when null.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentSummary>> SummarizeAsync(string laCode, int academicYear, AssessmentRound? round, bool publishedOnly,
        DateOnly? dueBy, CancellationToken cancellationToken)
    {
        var (_, revision) = await PublishedFrameworkAsync(laCode, academicYear, cancellationToken);
        var query = db.Assessments.AsNoTracking().Where(a => a.IsLatest && a.LaCode == laCode && a.AcademicYear == academicYear);
        if (round is { } r) query = query.Where(a => a.Round == r);
        if (publishedOnly) query = query.Where(a => a.State == AssessmentState.Published);
        var rows = await query
            .Select(a => new { a.Category, a.AtRisk, a.CausingConcern, a.InspectionDueBy, Cluster = db.RegistrySchools.Where(s => s.Urn == a.Urn).Select(s => s.Cluster).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var due = dueBy ?? AcademicYear.LastDay(academicYear);
        AssessmentSummary Summary(string scope, IReadOnlyCollection<(string Category, bool AtRisk, CausingConcern Concern, DateOnly? Due)> items) => new(
            scope,
            items.Count,
            [.. revision.Definition.Categories.Select(c => (c.Id, c.Label, items.Count(i => i.Category == c.Id)))],
            items.Count(i => i.AtRisk),
            items.Count(i => i.Concern > CausingConcern.None),
            items.Count(i => i.Due is { } d && d <= due));
        var all = rows.Select(a => (a.Category, a.AtRisk, a.CausingConcern, a.InspectionDueBy)).ToList();
        var summaries = new List<AssessmentSummary> { Summary(ResourceNames.LocalAuthority(laCode), all) };
        foreach (var cluster in rows.Where(a => a.Cluster != null).GroupBy(a => a.Cluster!).OrderBy(g => g.Key, StringComparer.Ordinal))
            summaries.Add(Summary(cluster.Key, [.. cluster.Select(a => (a.Category, a.AtRisk, a.CausingConcern, a.InspectionDueBy))]));
        var unclustered = rows.Where(a => a.Cluster == null).Select(a => (a.Category, a.AtRisk, a.CausingConcern, a.InspectionDueBy)).ToList();
        if (unclustered.Count > 0) summaries.Add(Summary($"{ResourceNames.LocalAuthority(laCode)}/clusters/-", unclustered));
        return summaries;
    }

    /// <summary>An assessment's versions, newest first, before the one a previous page ended with.</summary>
    public async Task<Page<AssessmentEntity>> ListVersionsAsync(AssessmentName name, int? beforeVersion, int size, CancellationToken cancellationToken)
    {
        var query = Versions(name).AsNoTracking();
        if (beforeVersion is { } version) query = query.Where(a => a.VersionNumber < version);
        var page = await query.OrderByDescending(a => a.VersionNumber).ToPageAsync(size, cancellationToken);
        if (page.Items.Count == 0 && beforeVersion is null) throw new NotFoundException(name.Latest);
        return page;
    }

    /// <summary>Creates a school's assessment for a year and round as a draft; with a request id, a retry gets the one the first attempt made.</summary>
    public async Task<AssessmentEntity> CreateAsync(AssessmentName name, AssessmentInput input, Guid? requestId, CancellationToken cancellationToken)
    {
        CheckDate(input.AssessmentDate, name.AcademicYear);
        var school = await registry.FindSchoolAsync(name.Urn, cancellationToken)
            ?? throw new PreconditionFailedException(ResourceNames.School(name.Urn),
                $"The risk service's copy of the registry has no {ResourceNames.School(name.Urn)}: record the school in the registry first, or wait for the copy to catch up.");
        var (framework, revision) = await PublishedFrameworkAsync(school.LaCode, name.AcademicYear, cancellationToken);
        Validate(input, revision.Definition);
        if (await log.FindAsync(requestId, cancellationToken) is not null) return await GetAsync(name, cancellationToken);

        var date = input.AssessmentDate ?? WithinYear(clock.TodayInEngland(), name.AcademicYear);
        var entity = NewDraft(name, school.LaCode, input with { AssessmentDate = date }, clock.UtcNowForDatabase());
        await ComputeAsync(entity, framework, revision, cancellationToken);
        db.Assessments.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, name.Latest, _ => new AlreadyExistsException(name.Latest,
            $"{name.Latest} already exists: update its draft, or correct it once published."), cancellationToken);
        return winner is null ? entity : await GetAsync(name, cancellationToken);
    }

    /// <summary>Changes a draft as <paramref name="change"/> says, and computes its result again with the latest published framework.</summary>
    public async Task<AssessmentEntity> UpdateAsync(AssessmentName name, uint? etag, Func<AssessmentInput, AssessmentInput> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entity = await LockLatestAsync(name, cancellationToken);
        Etag.ThrowIfStale(etag, entity.Version, name.Latest);
        if (entity.State != AssessmentState.Draft)
            throw new PreconditionFailedException(name.Latest, $"Only a draft changes; {name.Latest} is {AssessmentStates.Words(entity.State)}. Return it to draft first{(entity.State == AssessmentState.Published ? ", or correct it" : "")}.");
        var input = change(new AssessmentInput(entity.Judgements, entity.WarningNoticeIssued, entity.AssessmentDate));
        CheckDate(input.AssessmentDate, name.AcademicYear);
        var (framework, revision) = await PublishedFrameworkAsync(entity.LaCode, entity.AcademicYear, cancellationToken);
        Validate(input, revision.Definition);

        entity.Judgements = input.Judgements;
        entity.WarningNoticeIssued = input.WarningNoticeIssued;
        entity.AssessmentDate = input.AssessmentDate ?? entity.AssessmentDate;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await ComputeAsync(entity, framework, revision, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity;
    }

    /// <summary>
    /// Moves the assessment on (or back to draft); publishing computes its result a last time, freezes it, and notifies
    /// scrutiny in the same transaction if it shows the school entering something scrutiny is told of.
    /// </summary>
    public async Task<AssessmentEntity> TransitionAsync(AssessmentName name, uint? etag, AssessmentState to, CancellationToken cancellationToken)
    {
        if (etag is null) throw new ValidationFailedException("etag", "Send the etag of the assessment as you last read it, so that what moves on is what you saw.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entity = await LockLatestAsync(name, cancellationToken);
        Etag.ThrowIfStale(etag, entity.Version, name.Latest);
        if (!AssessmentStates.CanMove(entity.State, to))
        {
            var next = AssessmentStates.Next(entity.State);
            throw new PreconditionFailedException(name.Latest, $"{name.Latest} is {AssessmentStates.Words(entity.State)}; it can go "
                + (next.Count == 0 ? "nowhere: correct it to change it." : $"to {string.Join(" or ", next.Select(AssessmentStates.Words))}, not to {AssessmentStates.Words(to)}."));
        }
        var now = clock.UtcNowForDatabase();
        FrameworkRevisionEntity? published = null;
        if (to == AssessmentState.Published)
        {
            (var framework, published) = await PublishedFrameworkAsync(entity.LaCode, entity.AcademicYear, cancellationToken);
            await ComputeAsync(entity, framework, published, cancellationToken);
            entity.PublishTime = now;
        }
        entity.State = to;
        entity.UpdateTime = now;
        await db.SaveChangesAsync(cancellationToken);
        if (published is not null) await notifications.RecordIfEnteredAsync(entity, published.Definition, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity;
    }

    /// <summary>
    /// Starts the next version of a published assessment as a draft with its judgements and the reason; a retry with the
    /// same request id gets the version the first attempt made.
    /// </summary>
    public async Task<AssessmentEntity> CorrectAsync(AssessmentName name, uint? etag, string reason, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (string.IsNullOrWhiteSpace(reason)) violations.Add("reason", "Say why the assessment is corrected: the reason is kept with the new version.");
        else violations.CheckText(reason, AssessmentRules.Reason, "reason");
        violations.ThrowIfAny();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var latest = await LockLatestAsync(name, cancellationToken);
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier)
            return await GetAsync(ResourceNames.Assessment(earlier, "request_id", allowVersion: true), cancellationToken);
        Etag.ThrowIfStale(etag, latest.Version, name.Latest);
        if (latest.State != AssessmentState.Published)
            throw new PreconditionFailedException(name.Latest, $"Only a published assessment is corrected; {name.Latest} is {AssessmentStates.Words(latest.State)}: change it directly.");

        var next = await NextVersionAsync(latest, AssessmentState.Draft, $"Correction: {reason.Trim()}", cancellationToken);
        log.Record(requestId, name.AtVersion(next.VersionNumber).ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>
    /// After the registry recorded an inspection of a school: computes again every latest assessment of the school dated on
    /// or after the inspection whose latest inspection it changes. A draft (or one in moderation) takes the new result in
    /// place; a published one gets a new published version saying why, and notifies scrutiny if it shows the school entering
    /// something scrutiny is told of. In the caller's transaction.
    /// </summary>
    public async Task RecomputeAfterInspectionAsync(int urn, string inspection, DateOnly inspectionDate, CancellationToken cancellationToken)
    {
        var affected = await db.Assessments
            .FromSql($"SELECT *, xmin FROM assessments WHERE urn = {urn} AND is_latest AND assessment_date >= {inspectionDate} ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        var republished = new List<(AssessmentEntity Version, FrameworkDefinition Framework)>();
        foreach (var assessment in affected)
        {
            // One that already read its latest inspection (made after the copy had it) stays as it is, and keeps its etag.
            var facts = await FactsAsync(assessment, cancellationToken);
            if (facts.LatestInspection?.Name == assessment.Result.LatestInspection) continue;
            var (framework, revision) = await PublishedFrameworkAsync(assessment.LaCode, assessment.AcademicYear, cancellationToken);
            if (assessment.State != AssessmentState.Published)
            {
                await ComputeAsync(assessment, framework, revision, cancellationToken);
                assessment.UpdateTime = clock.UtcNowForDatabase();
                continue;
            }
            var next = await NextVersionAsync(assessment, AssessmentState.Published,
                $"Recomputed: the registry recorded {inspection} ({inspectionDate:yyyy-MM-dd})", cancellationToken);
            next.PublishTime = next.CreateTime;
            republished.Add((next, revision.Definition));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (version, framework) in republished) await notifications.RecordIfEnteredAsync(version, framework, cancellationToken);
    }

    private IQueryable<AssessmentEntity> Versions(AssessmentName name) =>
        db.Assessments.Where(a => a.Urn == name.Urn && a.AcademicYear == name.AcademicYear && a.Round == name.Round);

    private async Task<AssessmentEntity> LockLatestAsync(AssessmentName name, CancellationToken cancellationToken) =>
        await db.Assessments.FromSql($"SELECT *, xmin FROM assessments WHERE urn = {name.Urn} AND academic_year = {name.AcademicYear} AND round = {(int)name.Round} AND is_latest FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(name.Latest);

    private async Task<AssessmentEntity> NextVersionAsync(AssessmentEntity latest, AssessmentState state, string reason, CancellationToken cancellationToken)
    {
        var (framework, revision) = await PublishedFrameworkAsync(latest.LaCode, latest.AcademicYear, cancellationToken);
        var now = clock.UtcNowForDatabase();
        latest.IsLatest = false;
        // The old version stops being the latest before the new one claims it: one latest per school, year and round.
        await db.SaveChangesAsync(cancellationToken);
        var next = new AssessmentEntity
        {
            Urn = latest.Urn,
            LaCode = latest.LaCode,
            AcademicYear = latest.AcademicYear,
            Round = latest.Round,
            VersionNumber = latest.VersionNumber + 1,
            IsLatest = true,
            State = state,
            Judgements = latest.Judgements,
            WarningNoticeIssued = latest.WarningNoticeIssued,
            AssessmentDate = latest.AssessmentDate,
            Result = null!,
            Category = "",
            VersionReason = reason,
            CreateTime = now,
            UpdateTime = now,
        };
        await ComputeAsync(next, framework, revision, cancellationToken);
        db.Assessments.Add(next);
        return next;
    }

    /// <summary>The LA's published framework for the year; FAILED_PRECONDITION naming its draft when it has none.</summary>
    internal async Task<(FrameworkEntity Framework, FrameworkRevisionEntity Revision)> PublishedFrameworkAsync(string laCode, int academicYear,
        CancellationToken cancellationToken)
    {
        var name = new FrameworkName(laCode, academicYear);
        return await FindPublishedFrameworkAsync(laCode, academicYear, cancellationToken)
            ?? throw new PreconditionFailedException(name.Draft, $"{ResourceNames.LocalAuthority(laCode)} has no published framework for {AcademicYear.Label(academicYear)}: publish {name.Draft} first.");
    }

    /// <summary>The LA's published framework for the year and its published revision, or null when it has none.</summary>
    internal async Task<(FrameworkEntity Framework, FrameworkRevisionEntity Revision)?> FindPublishedFrameworkAsync(string laCode, int academicYear,
        CancellationToken cancellationToken)
    {
        var framework = await db.Frameworks.AsNoTracking().SingleOrDefaultAsync(f => f.LaCode == laCode && f.AcademicYear == academicYear, cancellationToken);
        if (framework is not { PublishedRevision: > 0 }) return null;
        var revision = await db.FrameworkRevisions.AsNoTracking()
            .SingleAsync(r => r.FrameworkId == framework.Id && r.Revision == framework.PublishedRevision, cancellationToken);
        return (framework, revision);
    }

    /// <summary>Each school's indicator values, by URN (a school with none is left out): one query for them all.</summary>
    internal async Task<IReadOnlyDictionary<int, IndicatorValues>> IndicatorsAsync(IReadOnlyCollection<int> urns, CancellationToken cancellationToken) =>
        (await db.IndicatorValues.AsNoTracking().Where(v => urns.Contains(v.Urn)).ToListAsync(cancellationToken))
            .GroupBy(v => v.Urn)
            .ToDictionary(g => g.Key, g => new IndicatorValues(g.Select(v => new IndicatorValue(v.Indicator, v.AcademicYear, v.Value, v.National))));

    /// <summary>Version 1 of a school's assessment for a year and round, as a draft dated <c>input.AssessmentDate</c>; its result is still to compute.</summary>
    internal static AssessmentEntity NewDraft(AssessmentName name, string laCode, AssessmentInput input, DateTime now) => new()
    {
        Urn = name.Urn,
        LaCode = laCode,
        AcademicYear = name.AcademicYear,
        Round = name.Round,
        VersionNumber = 1,
        IsLatest = true,
        State = AssessmentState.Draft,
        Judgements = input.Judgements,
        WarningNoticeIssued = input.WarningNoticeIssued,
        AssessmentDate = input.AssessmentDate ?? throw new ArgumentException("A new draft needs its assessment date.", nameof(input)),
        Result = null!,
        Category = "",
        CreateTime = now,
        UpdateTime = now,
    };

    /// <summary>The facts an assessment is computed from: its own, the latest inspection on or before its date, and the school's indicators.</summary>
    internal static AssessmentFacts Facts(AssessmentEntity assessment, InspectionFacts? latestInspection, IndicatorValues indicators) => new(
        assessment.AcademicYear,
        assessment.AssessmentDate,
        latestInspection,
        assessment.Judgements,
        assessment.WarningNoticeIssued,
        indicators);

    private async Task<AssessmentFacts> FactsAsync(AssessmentEntity assessment, CancellationToken cancellationToken) => Facts(
        assessment,
        await registry.LatestInspectionAsync(assessment.Urn, assessment.AssessmentDate, cancellationToken),
        (await IndicatorsAsync([assessment.Urn], cancellationToken)).GetValueOrDefault(assessment.Urn, IndicatorValues.None));

    private async Task ComputeAsync(AssessmentEntity assessment, FrameworkEntity framework, FrameworkRevisionEntity revision, CancellationToken cancellationToken) =>
        Compute(assessment, framework, revision, await FactsAsync(assessment, cancellationToken));

    /// <summary>Computes the assessment's result from the facts with the framework revision, and keeps it with its headline.</summary>
    internal static void Compute(AssessmentEntity assessment, FrameworkEntity framework, FrameworkRevisionEntity revision, AssessmentFacts facts)
    {
        var result = RiskEvaluator.Evaluate(revision.Definition, facts);
        assessment.FrameworkId = framework.Id;
        assessment.FrameworkRevision = revision.Revision;
        assessment.Result = result;
        assessment.Category = result.Category;
        assessment.CategoryLabel = result.CategoryLabel;
        assessment.AtRisk = result.AtRisk;
        assessment.CausingConcern = result.CausingConcern;
        assessment.InspectionDueFrom = result.InspectionDue.Earliest;
        assessment.InspectionDueBy = result.InspectionDue.Latest;
        assessment.InspectionDueBasis = result.InspectionDue.Basis;
        assessment.LatestInspection = result.LatestInspection;
    }

    private static void Validate(AssessmentInput input, FrameworkDefinition framework)
    {
        var violations = new Violations();
        AssessmentRules.ValidateJudgements(input.Judgements, framework, "assessment", violations);
        violations.ThrowIfAny();
    }

    internal static void CheckDate(DateOnly? date, int academicYear, string field = "assessment.assessment_date")
    {
        if (date is { } day && AcademicYear.Of(day) != academicYear)
            throw new ValidationFailedException(field,
                $"{day:yyyy-MM-dd} is not in {AcademicYear.Label(academicYear)} (1 September {academicYear} to 31 August {academicYear + 1}).");
    }

    /// <summary>Today if it is in the academic year; else the year's first or last day, whichever is nearer.</summary>
    internal static DateOnly WithinYear(DateOnly today, int academicYear)
    {
        var first = new DateOnly(academicYear, 9, 1);
        var last = AcademicYear.LastDay(academicYear);
        return today < first ? first : today > last ? last : today;
    }
}
