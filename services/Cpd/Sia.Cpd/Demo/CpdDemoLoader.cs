using Microsoft.Extensions.Options;
using OpenTelemetry;
using Sia.Cpd.Data;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Domain.Courses;
using Sia.Cpd.Domain.Programmes;
using Sia.Cpd.Domain.Sessions;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Demo;

/// <summary>
/// Loads <see cref="PathfinderProgramme"/> once the registry answers for Pathfinder, through the domain as the provider's
/// calls would, each create with its own request id, so that starting again makes nothing twice and finishes a load cut
/// short. The bookings are made on the programme's own clock (<see cref="PathfinderProgramme.BookedOn"/>), before the
/// sessions' deadlines, as confirmed bookings.
/// </summary>
internal sealed partial class CpdDemoLoader(IServiceScopeFactory scopes, KeyedGates gates, IOptions<BookingOptions> options, ILogger<CpdDemoLoader> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1), GiveUpAfter = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await RegistryHasPathfinderAsync(stoppingToken))
            {
                LogNoPathfinder(logger, GiveUpAfter);
                return;
            }
            using var activity = CpdTracing.Source.StartActivity("Load the demo's CPD programme");
            await LoadAsync(stoppingToken);
            LogLoaded(logger, PathfinderProgramme.Courses.Count, PathfinderProgramme.Sessions.Count, PathfinderProgramme.Bookings.Count);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The demo is not worth stopping the service for: it answers without it, and says why it has none.
            LogFailed(logger, e);
        }
    }

    private async Task<bool> RegistryHasPathfinderAsync(CancellationToken cancellationToken)
    {
        // Asking every second until the registry is up is untraced: a trace each would bury the dashboard's list.
        using var untraced = SuppressInstrumentationScope.Begin();
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<IAllianceRegistry>().HasAllianceAsync(PathfinderProgramme.Name.AllianceId, cancellationToken)) return true;
            }
            catch (global::Grpc.Core.RpcException)
            {
                // Not up yet.
            }
            await Task.Delay(Poll, cancellationToken);
        }
        return false;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var programme = PathfinderProgramme.Name;
        await InScopeAsync<Programmes>(p => p.CreateAsync(programme, PathfinderProgramme.Content, PathfinderProgramme.RequestId($"programme/{programme.AcademicYear}"), cancellationToken));
        foreach (var (id, content) in PathfinderProgramme.Courses)
            await InScopeAsync<Courses>(c => c.CreateAsync(new CourseName(programme, id), content, PathfinderProgramme.RequestId($"course/{id}"), cancellationToken));
        foreach (var (courseId, sessionId, content) in PathfinderProgramme.Sessions)
            await InScopeAsync<Sessions>(s => s.CreateAsync(new CourseName(programme, courseId), sessionId, content, PathfinderProgramme.RequestId($"session/{courseId}/{sessionId}"), cancellationToken));
        var clock = new FixedClock(PathfinderProgramme.BookedOn);
        foreach (var (courseId, sessionId, content, requestId) in PathfinderProgramme.Bookings)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CpdDbContext>();
            var school = await scope.ServiceProvider.GetRequiredService<ISchoolRegistry>().FindSchoolAsync(content.SchoolUrn, cancellationToken)
                ?? throw new InvalidOperationException($"The registry has no schools/{content.SchoolUrn}: is it loading its demo data (Registry:LoadDemoData)?");
            var bookings = new Bookings(db, new SessionLocks(db, gates, clock, options), new CreateRequestLog(db, clock), clock);
            await bookings.CreateAsync(new SessionName(new CourseName(programme, courseId), sessionId), content, school, hold: false, bookedBy: "", requestId, cancellationToken);
        }
    }

    private async Task InScopeAsync<TService>(Func<TService, Task> step) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        await step(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The demo's bookings' time: the day they were made in 2015.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Demo CPD programme loaded: Pathfinder 2015/16 with {Courses} courses, {Sessions} sessions and {Bookings} bookings.")]
    private static partial void LogLoaded(ILogger logger, int courses, int sessions, int bookings);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Demo CPD programme not loaded: the registry did not answer for alliances/pathfinder within {Wait}. Is it loading its demo data (Registry:LoadDemoData)?")]
    private static partial void LogNoPathfinder(ILogger logger, TimeSpan wait);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Demo CPD programme not loaded: a step failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
