using Microsoft.EntityFrameworkCore;
using OpenTelemetry;
using Sia.Risk.Data;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Domain.Frameworks;
using Sia.Risk.Domain.Priorities;
using Sia.Risk.Domain.SupportPlans;
using Sia.Risk.Import;

namespace Sia.Risk.Demo;

/// <summary>
/// Loads the demo once the copy of the registry holds the demo schools, the inspections the assessments read and the
/// alliances named, adding only what is missing, through the domain as an officer's calls would: the frameworks,
/// published; Holgate Road's indicators; each assessment (<see cref="DemoAssessments"/>), moved on to published (so
/// Middlesbrough's scrutiny is notified of North Ormesby); York's support plans; York's and Dudley's priorities. Starting
/// again finishes a load that was cut short and otherwise changes nothing.
/// </summary>
internal sealed partial class RiskDemoLoader(IServiceScopeFactory scopes, ILogger<RiskDemoLoader> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
    private static readonly DemoFramework[] AssessedFrameworks = [DemoAssessments.York, DemoAssessments.Middlesbrough];
    private static readonly (string Owner, int AcademicYear, IReadOnlyList<(string Id, PriorityContent Content)> Priorities)[] OwnersPriorities =
    [
        (YorkPriorities.Owner, YorkPriorities.AcademicYear, YorkPriorities.Six),
        (DudleyPriorities.Owner, DudleyPriorities.AcademicYear, DudleyPriorities.Three),
    ];
    private static readonly string[] NamedAlliances = ["alliances/ebor", "alliances/pathfinder", DudleyPriorities.Owner];
    private static readonly AssessmentState[] ToPublished = [AssessmentState.Submitted, AssessmentState.Moderated, AssessmentState.Published];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The demo is not worth stopping the service for: it answers without it, and says why it has none.
            LogFailed(logger, e);
        }
    }

    private async Task LoadAsync(CancellationToken stoppingToken)
    {
        bool ready;
        // Waiting is a query a second: untraced, as a trace each would bury the dashboard's list.
        using (SuppressInstrumentationScope.Begin()) ready = await CopyHoldsTheDemoSchoolsAsync(stoppingToken);
        if (!ready)
        {
            LogCopyIncomplete(logger, GiveUpAfter);
            return;
        }
        using var activity = RiskTracing.Source.StartActivity("Load the demo's risk data");
        await InScopeAsync<IndicatorImporter, IndicatorImportSummary>(importer =>
            importer.ImportAsync(DemoAssessments.Indicators.Select(row => new IndicatorParseResult(row, null)).ToAsyncEnumerable(), stoppingToken));
        var published = 0;
        foreach (var demo in AssessedFrameworks)
        {
            await PublishFrameworkAsync(demo, stoppingToken);
            foreach (var assessment in demo.Assessments) published += await PublishAssessmentAsync(demo, assessment, stoppingToken);
        }
        var plans = 0;
        foreach (var (urn, content) in YorkSupportPlans.Plans) plans += await AddSupportPlanAsync(urn, content, stoppingToken);
        var priorities = 0;
        foreach (var (owner, year, list) in OwnersPriorities)
            foreach (var (id, content) in list) priorities += await AddPriorityAsync(new PriorityName(PriorityOwner.Parse(owner, "owner"), id), year, content, stoppingToken);
        LogLoaded(logger, published, plans, priorities);
    }

    private async Task<bool> CopyHoldsTheDemoSchoolsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            var ready = 0;
            foreach (var demo in AssessedFrameworks)
            {
                var urns = demo.Assessments.Select(a => a.Urn).ToList();
                ready += await db.RegistrySchools.CountAsync(s => urns.Contains(s.Urn)
                    && db.RegistryInspections.Any(i => i.Urn == s.Urn && i.InspectionDate <= demo.AssessmentDate), cancellationToken);
            }
            var providers = await db.RegistryProviders.CountAsync(p => NamedAlliances.Contains(p.Name), cancellationToken);
            if (ready == AssessedFrameworks.Sum(f => f.Assessments.Count) && providers == NamedAlliances.Length) return true;
            await Task.Delay(Poll, cancellationToken);
        }
        return false;
    }

    private async Task PublishFrameworkAsync(DemoFramework demo, CancellationToken cancellationToken)
    {
        var name = new FrameworkName(demo.LaCode, demo.AcademicYear);
        var existing = await InScopeAsync<RiskDbContext, FrameworkEntity?>(db =>
            db.Frameworks.AsNoTracking().SingleOrDefaultAsync(f => f.LaCode == demo.LaCode && f.AcademicYear == demo.AcademicYear, cancellationToken));
        if (existing is { PublishedRevision: > 0 }) return;
        existing ??= await InScopeAsync<Frameworks, FrameworkEntity>(frameworks =>
            frameworks.CreateAsync(name, new FrameworkContent(demo.DisplayName, demo.Definition), requestId: null, cancellationToken));
        await InScopeAsync<Frameworks, (FrameworkEntity, FrameworkRevisionEntity)>(frameworks => frameworks.PublishAsync(name, existing.Version, requestId: null, cancellationToken));
    }

    /// <summary>1 when this published the assessment, 0 when it already was.</summary>
    private async Task<int> PublishAssessmentAsync(DemoFramework demo, DemoAssessment school, CancellationToken cancellationToken)
    {
        var name = new AssessmentName(school.Urn, demo.AcademicYear, AssessmentRound.Autumn);
        var assessment = await InScopeAsync<RiskDbContext, AssessmentEntity?>(db => db.Assessments.AsNoTracking()
                .SingleOrDefaultAsync(a => a.Urn == name.Urn && a.AcademicYear == name.AcademicYear && a.Round == name.Round && a.IsLatest, cancellationToken))
            ?? await InScopeAsync<Assessments, AssessmentEntity>(assessments =>
                assessments.CreateAsync(name, new AssessmentInput(school.Judgements, WarningNoticeIssued: false, demo.AssessmentDate), requestId: null, cancellationToken));
        if (assessment.State == AssessmentState.Published) return 0;
        foreach (var state in ToPublished.Where(state => state > assessment.State))
            assessment = await InScopeAsync<Assessments, AssessmentEntity>(assessments => assessments.TransitionAsync(name, assessment.Version, state, cancellationToken));
        return 1;
    }

    /// <summary>1 when this added the plan, 0 when the school had one for the year.</summary>
    private async Task<int> AddSupportPlanAsync(int urn, SupportPlanContent content, CancellationToken cancellationToken)
    {
        var exists = await InScopeAsync<RiskDbContext, bool>(db => db.SupportPlans.AnyAsync(p => p.Urn == urn && p.AcademicYear == YorkSupportPlans.AcademicYear, cancellationToken));
        if (exists) return 0;
        await InScopeAsync<SupportPlans, SupportPlanEntity>(plans => plans.CreateAsync(new SupportPlanName(urn, YorkSupportPlans.AcademicYear), content, requestId: null, cancellationToken));
        return 1;
    }

    /// <summary>1 when this added the priority, 0 when its owner had it.</summary>
    private async Task<int> AddPriorityAsync(PriorityName name, int academicYear, PriorityContent content, CancellationToken cancellationToken)
    {
        var exists = await InScopeAsync<RiskDbContext, bool>(db => db.Priorities.AnyAsync(p => p.Owner == name.Owner.Name && p.PriorityId == name.Id, cancellationToken));
        if (exists) return 0;
        await InScopeAsync<Priorities, PriorityEntity>(priorities => priorities.CreateAsync(name, academicYear, content, requestId: null, cancellationToken));
        return 1;
    }

    /// <summary>Each step in its own scope, so in its own DbContext, as each of an officer's calls would be.</summary>
    private async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> step) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await step(scope.ServiceProvider.GetRequiredService<TService>());
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Demo risk data loaded: {Published} assessments published, {Plans} support plans and {Priorities} priorities added.")]
    private static partial void LogLoaded(ILogger logger, int published, int plans, int priorities);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Demo risk data not loaded: a step failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Demo risk data not loaded: the copy of the registry did not hold the registry's demo schools and their inspections within {Wait}. Is the registry loading its demo data (Registry:LoadDemoData)?")]
    private static partial void LogCopyIncomplete(ILogger logger, TimeSpan wait);
}
