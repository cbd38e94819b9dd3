using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sia.ServiceKit.Domain;

namespace Sia.ServiceKit.Data;

/// <summary>
/// A log that watchers follow: the channel its writers NOTIFY in their transactions, the query that reads its head (the
/// highest sequence committed, a bigint), and the listener's application_name in pg_stat_activity.
/// </summary>
public sealed record CommittedLog(string Channel, string HeadQuery, string ApplicationName);

/// <summary>
/// One per log per process: a PostgreSQL connection of its own that LISTENs on the log's channel, which every writer of the
/// log NOTIFYs in its transaction (PostgreSQL delivers it at commit, in commit order), and on each notification reads the
/// log's head for the <see cref="LogHead"/> every watcher of the process waits on. So the database sees one query per
/// commit per process, however many watch, and none while nothing changes but the fallback poll
/// (<see cref="CommitListenerOptions.FallbackPollInterval"/>). When the connection is lost it connects again
/// (<see cref="CommitListenerOptions.ReconnectDelay"/>) and reads the head, which brings watchers up to whatever committed
/// meanwhile: watchers read the log itself from what they have sent, so a lost notification only delays them.
/// </summary>
public sealed partial class CommitListener<TContext>(
    IServiceScopeFactory scopes, CommittedLog log, LogHead head, CommitListenerOptions settings, ILogger<CommitListener<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var dataSource = await CreateDataSourceAsync();
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(dataSource, () => lost = false, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return; // the service stops
            }
            catch (NpgsqlException e)
            {
                if (lost) LogStillLost(logger, log.Channel, e.Message);
                else LogLost(logger, e, log.Channel, settings.ReconnectDelay);
                lost = true;
            }
            await Task.Delay(settings.ReconnectDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Listens until the connection fails or the service stops; <paramref name="listening"/> once it listens.</summary>
    private async Task ListenAsync(NpgsqlDataSource dataSource, Action listening, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Set by notifications however they arrive: while waiting, or during a read of the head, whose snapshot may have
        // been taken before the commit notified. Commits before LISTEN notified nobody, so the head is read first.
        var notified = true;
        connection.Notification += (_, _) => notified = true;
        await using (var listen = new NpgsqlCommand($"LISTEN {log.Channel}", connection)) await listen.ExecuteNonQueryAsync(cancellationToken);
        listening();
        await using var readHead = new NpgsqlCommand(log.HeadQuery, connection);
        var first = true;
        while (true)
        {
            if (!notified) await connection.WaitAsync(settings.FallbackPollInterval, cancellationToken);
            notified = false;
            var sequence = (long)(await readHead.ExecuteScalarAsync(cancellationToken))!;
            head.MoveTo(sequence);
            if (first) LogListening(logger, log.Channel, sequence);
            first = false;
        }
    }

    /// <summary>
    /// A data source for the one connection, with the service's connection string: unpooled, so a lost connection is never
    /// reused; named in pg_stat_activity; and leaving no traces, which would otherwise show each fallback poll as a span.
    /// </summary>
    private async Task<NpgsqlDataSource> CreateDataSourceAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<TContext>().Database.GetConnectionString();
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Pooling = false;
        builder.ConnectionStringBuilder.ApplicationName = log.ApplicationName;
        builder.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => false).EnablePhysicalOpenTracing(false));
        return builder.Build();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening for commits on {Channel}; the log's head is {Sequence}")]
    private static partial void LogListening(ILogger logger, string channel, long sequence);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Lost the connection listening on {Channel}: its watchers wait until it is back; connecting again every {Delay}")]
    private static partial void LogLost(ILogger logger, Exception exception, string channel, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "The listener on {Channel} could not connect again: {Error}")]
    private static partial void LogStillLost(ILogger logger, string channel, string error);
}

public static class CommitListenerExtensions
{
    /// <summary>
    /// A listener for the log, and its <see cref="LogHead"/> as a keyed singleton (the key is the log's channel) for its
    /// watchers; its options from <paramref name="optionsSection"/>, checked at start.
    /// </summary>
    public static void AddCommitListener<TContext>(this IServiceCollection services, CommittedLog log, string optionsSection) where TContext : DbContext
    {
        services.AddKeyedSingleton<LogHead>(log.Channel);
        services.AddOptions<CommitListenerOptions>(log.Channel).BindConfiguration(optionsSection).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IHostedService>(provider => new CommitListener<TContext>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            log,
            provider.GetRequiredKeyedService<LogHead>(log.Channel),
            provider.GetRequiredService<IOptionsMonitor<CommitListenerOptions>>().Get(log.Channel),
            provider.GetRequiredService<ILogger<CommitListener<TContext>>>()));
    }
}
