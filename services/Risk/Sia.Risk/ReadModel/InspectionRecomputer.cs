using OpenTelemetry;
using Sia.Risk.Domain.Assessments;

namespace Sia.Risk.ReadModel;

/// <summary>
/// Recomputes assessments after the registry records an inspection (<see cref="InspectionRecompute"/>): takes every record
/// there is, then looks again every <see cref="PollInterval"/>, one query a second per process, left out of the traces
/// (a trace a second would bury the dashboard's); the work it then does is traced. A failure is logged, and the record
/// retried after a growing wait.
/// </summary>
internal sealed partial class InspectionRecomputer(IServiceScopeFactory scopes, ILogger<InspectionRecomputer> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await AnyWaitingAsync(stoppingToken))
                {
                    while (await TakeNextAsync(stoppingToken))
                    {
                    }
                }
                delay = PollInterval;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (delay == PollInterval) LogFailed(logger, e);
                delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
            }
            await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<bool> AnyWaitingAsync(CancellationToken cancellationToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InspectionRecompute>().AnyWaitingAsync(cancellationToken);
    }

    private async Task<bool> TakeNextAsync(CancellationToken cancellationToken)
    {
        using var activity = RiskTracing.Source.StartActivity("Recompute assessments after a recorded inspection");
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InspectionRecompute>().TakeNextAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Could not recompute assessments after a recorded inspection; trying again with a growing wait")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
