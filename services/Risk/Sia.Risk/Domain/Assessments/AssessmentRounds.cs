using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Risk.Data;
using Sia.Risk.Data.Configurations;
using Sia.Risk.Data.ReadModel;
using Sia.Risk.ReadModel;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Assessments;

/// <summary>A round to run: for one LA (<paramref name="LaCode"/>) or every LA (null), a year and round, and the day of its facts (null: today within the year).</summary>
internal sealed record RoundRequest(string? LaCode, int AcademicYear, AssessmentRound Round, DateOnly? AssessmentDate);

/// <summary>What a run did: every school of the LA(s) in the copy of the registry counted once, in one of the four counts.</summary>
internal sealed record RoundOutcome(int Created, int AlreadyAssessed, int NotOpen, int WithoutFramework, IReadOnlyList<string> LocalAuthoritiesWithoutFramework);

/// <summary>
/// The annual (or a termly) run: a draft assessment, with its computed result, for every open school of an LA (or of every
/// LA) in the copy of the registry that has none for the year and round. Schools are taken in URN order a batch at a time
/// (a keyset page); each batch's latest inspections and indicators are read with one query each, its drafts computed as
/// <see cref="Assessments"/> computes one and inserted with one SaveChanges, and the change tracker emptied, so memory
/// holds one batch whatever the number of schools. A school already assessed is left alone; a concurrent run that
/// inserted one of the batch first makes the batch's save fail on a unique index (of latest versions, or of versions), and the batch is
/// done again without the schools it assessed. With a request id, the answer is kept (round_requests) when the run
/// ends, so a retry gets it and creates nothing.
/// </summary>
internal sealed partial class AssessmentRounds(RiskDbContext db, Assessments assessments, RegistryCopy registry, TimeProvider clock,
    ILogger<AssessmentRounds> logger)
{
    public const int BatchSize = 1000;

    public async Task<RoundOutcome> RunAsync(RoundRequest request, Guid? requestId, CancellationToken cancellationToken)
    {
        Assessments.CheckDate(request.AssessmentDate, request.AcademicYear, "assessment_date");
        if (await EarlierAsync(requestId, cancellationToken) is { } earlier) return earlier;
        var frameworks = new Dictionary<string, (FrameworkEntity Framework, FrameworkRevisionEntity Revision)?>(StringComparer.Ordinal);
        if (request.LaCode is { } only) frameworks[only] = await assessments.PublishedFrameworkAsync(only, request.AcademicYear, cancellationToken);

        var clockAtStart = Stopwatch.GetTimestamp();
        var date = request.AssessmentDate ?? Assessments.WithinYear(clock.TodayInEngland(), request.AcademicYear);
        var (created, already, notOpen, withoutFramework) = (0, 0, 0, 0);
        var after = 0;
        while (await registry.SchoolsAfterAsync(request.LaCode, after, BatchSize, cancellationToken) is { Count: > 0 } schools)
        {
            after = schools[^1].Urn;
            var assessed = await AssessedAsync([.. schools.Select(s => s.Urn)], request, cancellationToken);
            var due = new List<(RegistrySchoolEntity School, (FrameworkEntity Framework, FrameworkRevisionEntity Revision) Published)>();
            foreach (var school in schools)
            {
                if (assessed.Contains(school.Urn)) already++;
                else if (!IsOpen(school)) notOpen++;
                else if (await FrameworkAsync(frameworks, school.LaCode, request.AcademicYear, cancellationToken) is not { } published) withoutFramework++;
                else due.Add((school, published));
            }
            var (made, taken) = await CreateAsync(due, request, date, cancellationToken);
            (created, already) = (created + made, already + taken);
        }

        var outcome = new RoundOutcome(created, already, notOpen, withoutFramework,
            [.. frameworks.Where(f => f.Value is null).Select(f => ResourceNames.LocalAuthority(f.Key)).Order(StringComparer.Ordinal)]);
        LogRun(logger, request.LaCode ?? "-", request.AcademicYear, request.Round, created, already, notOpen, withoutFramework,
            Stopwatch.GetElapsedTime(clockAtStart).TotalSeconds);
        return await RecordAsync(requestId, outcome, cancellationToken);
    }

    /// <summary>
    /// Open as GIAS says: "Open" (1) or "Open, but proposed to close" (3), as the copy has the school today; not "Closed"
    /// (2) nor "Proposed to open" (4).
    /// </summary>
    private static bool IsOpen(RegistrySchoolEntity school) => school.StatusCode is 1 or 3;

    /// <summary>Which of these schools have an assessment for the year and round already (its latest version).</summary>
    private async Task<HashSet<int>> AssessedAsync(IReadOnlyCollection<int> urns, RoundRequest request, CancellationToken cancellationToken) =>
        [.. await db.Assessments.AsNoTracking()
            .Where(a => a.IsLatest && a.AcademicYear == request.AcademicYear && a.Round == request.Round && urns.Contains(a.Urn))
            .Select(a => a.Urn).ToListAsync(cancellationToken)];

    private async Task<(FrameworkEntity Framework, FrameworkRevisionEntity Revision)?> FrameworkAsync(
        Dictionary<string, (FrameworkEntity Framework, FrameworkRevisionEntity Revision)?> frameworks, string laCode, int academicYear, CancellationToken cancellationToken)
    {
        if (!frameworks.TryGetValue(laCode, out var published))
            frameworks[laCode] = published = await assessments.FindPublishedFrameworkAsync(laCode, academicYear, cancellationToken);
        return published;
    }

    /// <summary>
    /// The batch's drafts, computed and inserted in one transaction (one SaveChanges); if another run inserted one of them
    /// first, the batch again without the schools now assessed. Answers how many this made and how many were taken meanwhile.
    /// </summary>
    private async Task<(int Created, int TakenMeanwhile)> CreateAsync(
        List<(RegistrySchoolEntity School, (FrameworkEntity Framework, FrameworkRevisionEntity Revision) Published)> due,
        RoundRequest request, DateOnly date, CancellationToken cancellationToken)
    {
        var taken = 0;
        while (due.Count > 0)
        {
            var urns = due.Select(d => d.School.Urn).ToArray();
            var inspections = await registry.LatestInspectionsAsync(urns, date, cancellationToken);
            var indicators = await assessments.IndicatorsAsync(urns, cancellationToken);
            var now = clock.UtcNowForDatabase();
            foreach (var (school, (framework, revision)) in due)
            {
                var draft = Assessments.NewDraft(new AssessmentName(school.Urn, request.AcademicYear, request.Round), school.LaCode,
                    new AssessmentInput([], false, date), now);
                Assessments.Compute(draft, framework, revision,
                    Assessments.Facts(draft, inspections.GetValueOrDefault(school.Urn), indicators.GetValueOrDefault(school.Urn, IndicatorValues.None)));
                db.Assessments.Add(draft);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (due.Count, taken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException
            {
                SqlState: PostgresErrorCodes.UniqueViolation,
                ConstraintName: AssessmentConfiguration.LatestIndex or AssessmentConfiguration.VersionIndex,
            })
            {
                db.ChangeTracker.Clear();
                var assessed = await AssessedAsync(urns, request, cancellationToken);
                taken += due.RemoveAll(d => assessed.Contains(d.School.Urn));
                LogBatchRaced(logger, urns[0], urns[^1]);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return (0, taken);
    }

    private async Task<RoundOutcome?> EarlierAsync(Guid? requestId, CancellationToken cancellationToken) => requestId is { } id
        ? await db.RoundRequests.AsNoTracking().Where(r => r.RequestId == id).Select(r => r.Outcome).SingleOrDefaultAsync(cancellationToken)
        : null;

    /// <summary>Keeps the answer under the request id; a retry that ran at the same time and finished first has its answer kept, and given.</summary>
    private async Task<RoundOutcome> RecordAsync(Guid? requestId, RoundOutcome outcome, CancellationToken cancellationToken)
    {
        if (requestId is not { } id) return outcome;
        db.RoundRequests.Add(new RoundRequestEntity { RequestId = id, Outcome = outcome, CreateTime = clock.UtcNowForDatabase() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return outcome;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_round_requests" })
        {
            db.ChangeTracker.Clear();
            return (await EarlierAsync(requestId, cancellationToken))!;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Assessment round for local authority {LaCode}, {AcademicYear} {Round}: {Created} created, {AlreadyAssessed} already assessed, {NotOpen} not open, {WithoutFramework} without a published framework, in {Seconds:F1} s")]
    private static partial void LogRun(ILogger logger, string laCode, int academicYear, AssessmentRound round, int created, int alreadyAssessed, int notOpen,
        int withoutFramework, double seconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Another run assessed some of the schools {FirstUrn}-{LastUrn} first; doing that batch again without them")]
    private static partial void LogBatchRaced(ILogger logger, int firstUrn, int lastUrn);
}
