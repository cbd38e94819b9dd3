using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Sia.Registry.V1;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.ReadModel;

/// <summary>
/// Keeps the read model of the registry: follows its WatchChanges from the stored resume token and applies what arrives,
/// many changes to a transaction when they arrive together (<see cref="RegistryChangeApplier"/>). When the stream ends or
/// fails, or applying fails, it follows again from the stored token after a wait that doubles from
/// <see cref="RegistryFollowerOptions.ReconnectDelay"/> to <see cref="RegistryFollowerOptions.MaxReconnectDelay"/>, and
/// logs the outage once: it ends when the registry answers again, or, after a failure of its own (the database, a batch
/// it cannot apply), when a batch is applied. Meanwhile the service answers from its copy.
/// </summary>
internal sealed partial class RegistryFollower(
    RegistryChangeService.RegistryChangeServiceClient registry,
    IServiceScopeFactory scopes,
    RegistryFollowStatus status,
    IOptions<RegistryFollowerOptions> options,
    TimeProvider clock,
    ILogger<RegistryFollower> logger) : BackgroundService
{
    /// <summary>At most this many changes in one transaction.</summary>
    private const int MaxBatch = 1000;

    /// <summary>Changes read from the stream ahead of the batch being applied, so reading and applying overlap.</summary>
    private const int ReadAhead = 4 * MaxBatch;

    private readonly RegistryFollowerOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = settings.ReconnectDelay;
        DateTime? lostAt = null;
        var first = true;
        // Whether the last failure was this side's (reading the token, applying a batch) rather than the stream's: then
        // reconnecting ends nothing, since the same batch comes again; only applying one does.
        var copyFailed = false;
        void Recovered()
        {
            if (lostAt is { } since) LogFollowingAgain(logger, clock.GetUtcNow().UtcDateTime - since);
            else if (first) LogFollowing(logger, status.Current.AppliedChanges);
            (first, lostAt, delay) = (false, null, settings.ReconnectDelay);
        }

        while (true)
        {
            string reason;
            Exception? error = null;
            try
            {
                await FollowAsync(connected: () => { if (!copyFailed) Recovered(); }, applied: Recovered, stoppingToken);
                (reason, copyFailed) = ("the registry ended the stream", false);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                (reason, copyFailed) = ($"{e.StatusCode}: {e.Status.Detail}", false);
            }
            catch (Exception e)
            {
                (reason, error, copyFailed) = (e.Message, e, true);
            }

            var now = clock.UtcNowForDatabase();
            status.Disconnected(now);
            if (lostAt is null) LogLost(logger, error, reason, delay, settings.MaxReconnectDelay);
            else LogStillLost(logger, reason, delay);
            lostAt ??= now;
            await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested) return;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>
    /// One stream, from the stored token, until it ends or fails: <paramref name="connected"/> once the registry answers,
    /// <paramref name="applied"/> after each batch.
    /// </summary>
    private async Task FollowAsync(Action connected, Action applied, CancellationToken stoppingToken)
    {
        var after = await ReadTokenAsync(stoppingToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = registry.WatchChanges(new WatchChangesRequest { ResumeToken = after }, cancellationToken: stop.Token);
        await call.ResponseHeadersAsync;
        status.Connected(clock.UtcNowForDatabase());
        connected();

        var received = Channel.CreateBounded<Change>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        var reading = ReadAsync(call.ResponseStream, received.Writer, stop.Token);
        try
        {
            var batch = new List<Change>(MaxBatch);
            // Throws the stream's error once every change received before it has been applied.
            while (await received.Reader.WaitToReadAsync(stop.Token))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && received.Reader.TryRead(out var change)) batch.Add(change);
                after = await ApplyAsync(after, batch, stop.Token);
                applied();
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    /// <summary>Copies the stream into the channel, then completes it, with the stream's error if it failed.</summary>
    private static async Task ReadAsync(IAsyncStreamReader<Change> stream, ChannelWriter<Change> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (await stream.MoveNext(cancellationToken)) await writer.WriteAsync(stream.Current, cancellationToken);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    private async Task<string> ReadTokenAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<RegistryChangeApplier>().ReadStateAsync(cancellationToken);
        if (state is not null) status.Advanced(state);
        return state?.ResumeToken ?? "";
    }

    private async Task<string> ApplyAsync(string after, List<Change> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<RegistryChangeApplier>().ApplyAsync(after, batch, cancellationToken);
        status.Advanced(state);
        return state.ResumeToken;
    }

    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "Following the registry's changes, after the {AppliedChanges} already applied")]
    private static partial void LogFollowing(ILogger logger, long appliedChanges);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Stopped following the registry's changes ({Reason}); answering from the copy, and following again in {Delay}, then at most every {MaxDelay}")]
    private static partial void LogLost(ILogger logger, Exception? exception, string reason, TimeSpan delay, TimeSpan maxDelay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Still not following the registry's changes ({Reason}); trying again in {Delay}")]
    private static partial void LogStillLost(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Following the registry's changes again, after {Outage}")]
    private static partial void LogFollowingAgain(ILogger logger, TimeSpan outage);
}
