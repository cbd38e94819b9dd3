using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Releases lapsed holds every <see cref="BookingOptions.SweepSeconds"/>, so that a waiting booking is offered its place
/// within seconds of a hold lapsing even when nobody else books the session. The look is one query, left out of the
/// traces; each release is traced. Every instance sweeps: the session's row lock makes a release happen once. A failure
/// is logged once until a sweep succeeds again.
/// </summary>
internal sealed partial class HoldSweeper(IServiceScopeFactory scopes, IOptions<BookingOptions> options, ILogger<HoldSweeper> logger) : BackgroundService
{
    private const int SessionsPerLook = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SweepSeconds == 0) return;
        var interval = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var session in await LapsedAsync(stoppingToken)) await ReleaseAsync(session, stoppingToken);
                failing = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Once per outage: the database being away would otherwise log a line every sweep.
                if (!failing) LogFailed(logger, e);
                failing = true;
            }
            await Task.Delay(interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<IReadOnlyList<SessionName>> LapsedAsync(CancellationToken cancellationToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LapsedHolds>().SessionsAsync(SessionsPerLook, cancellationToken);
    }

    private async Task ReleaseAsync(SessionName session, CancellationToken cancellationToken)
    {
        using var activity = CpdTracing.Source.StartActivity("Release lapsed holds");
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LapsedHolds>().ReleaseAsync(session, cancellationToken);
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not release lapsed holds; trying again at each sweep, silently until one succeeds")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
