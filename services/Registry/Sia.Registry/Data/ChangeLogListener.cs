using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Sia.Registry.Domain;

namespace Sia.Registry.Data;

/// <summary>
/// One per registry process: a PostgreSQL connection of its own that LISTENs on <see cref="Channel"/>, which every writer of
/// the change log NOTIFYs in its transaction (RegistryDbContext.SaveChangesAsync; PostgreSQL delivers it at commit, in commit
/// order), and on each notification reads the log's head for <see cref="ChangeLogHead"/>, which every watcher of the
/// process waits on. So the database sees one query per commit per process, however many watch, and none while nothing
/// changes but the fallback poll (<see cref="ChangeListenerOptions.FallbackPollInterval"/>). When the connection is lost
/// it connects again (<see cref="ChangeListenerOptions.ReconnectDelay"/>) and reads the head, which brings watchers up to
/// whatever committed meanwhile: watchers read the log itself from what they have sent, so a lost notification only
/// delays them.
/// </summary>
internal sealed partial class ChangeLogListener(
    IServiceScopeFactory scopes, ChangeLogHead head, IOptions<ChangeListenerOptions> options, ILogger<ChangeLogListener> logger) : BackgroundService
{
    public const string Channel = "sia_registry_changes";

    /// <summary>The listener's application_name in pg_stat_activity.</summary>
    public const string ApplicationName = "Sia.Registry change listener";

    private readonly ChangeListenerOptions settings = options.Value;

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
                return; // the registry stops
            }
            catch (NpgsqlException e)
            {
                if (lost) LogStillLost(logger, e.Message);
                else LogLost(logger, e, settings.ReconnectDelay);
                lost = true;
            }
            await Task.Delay(settings.ReconnectDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Listens until the connection fails or the registry stops; <paramref name="listening"/> once it listens.</summary>
    private async Task ListenAsync(NpgsqlDataSource dataSource, Action listening, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Set by notifications however they arrive: while waiting, or during a read of the head, whose snapshot may have
        // been taken before the commit notified. Commits before LISTEN notified nobody, so the head is read first.
        var notified = true;
        connection.Notification += (_, _) => notified = true;
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(cancellationToken);
        listening();
        await using var readHead = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM changes", connection);
        var first = true;
        while (true)
        {
            if (!notified) await connection.WaitAsync(settings.FallbackPollInterval, cancellationToken);
            notified = false;
            var sequence = (long)(await readHead.ExecuteScalarAsync(cancellationToken))!;
            head.MoveTo(sequence);
            if (first) LogListening(logger, Channel, sequence);
            first = false;
        }
    }

    /// <summary>
    /// A data source for the one connection, with the registry's connection string: unpooled, so a lost connection is never
    /// reused; named in pg_stat_activity; and leaving no traces, which would otherwise show each fallback poll as a span.
    /// </summary>
    private async Task<NpgsqlDataSource> CreateDataSourceAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.GetConnectionString();
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Pooling = false;
        builder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        builder.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => false).EnablePhysicalOpenTracing(false));
        return builder.Build();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening for change log commits on {Channel}; the log's head is {Sequence}")]
    private static partial void LogListening(ILogger logger, string channel, long sequence);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Lost the change log listener's connection: WatchChanges streams wait until it is back; connecting again every {Delay}")]
    private static partial void LogLost(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "The change log listener could not connect again: {Error}")]
    private static partial void LogStillLost(ILogger logger, string error);
}
