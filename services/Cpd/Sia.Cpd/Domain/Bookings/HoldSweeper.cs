using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Releases lapsed holds every <see cref="BookingOptions.SweepSeconds"/>, so that a waiting booking is offered its place
/// within seconds of a hold lapsing even when nobody else books the session. The look is one query, left out of the
/// traces; each release is traced. Every instance sweeps: the session's row lock makes a release happen once.
/// </summary>
internal sealed partial class HoldSweeper(IServiceScopeFactory scopes, IOptions<BookingOptions> options, ILogger<HoldSweeper> logger) : BackgroundService
{
    private const int SessionsPerLook = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SweepSeconds == 0) return;
        var interval = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var session in await LapsedAsync(stoppingToken)) await ReleaseAsync(session, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
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

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not release lapsed holds; trying again at the next sweep")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
