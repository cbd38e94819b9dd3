using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sia.AppHost.Hosting;

/// <summary>
/// The databases of a <see cref="LocalPostgresServerResource"/>: created once the server is ready, as Aspire.Hosting.PostgreSQL
/// does, and given states of their own. Aspire hands a parent's state to its children only when the parent is a container:
/// a database of an executable would stay NotStarted, and whatever waits for it would wait forever.
/// </summary>
internal static class LocalPostgresDatabases
{
    public static async Task CreateAsync(LocalPostgresServerResource server, IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        try
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            foreach (var database in server.Databases.Values)
            {
                if (await CreateIfMissingAsync(connection, database, cancellationToken)) logger.LogInformation("Created database {Database}", database);
            }
            server.DatabasesCreated.TrySetResult();
            await PublishStateAsync(server, services, KnownResourceStates.Running);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogError(e, "Could not create the databases");
            server.DatabasesCreated.TrySetException(e);
            await PublishStateAsync(server, services, KnownResourceStates.FailedToStart);
        }
    }

    public static Task OnServerStartingAsync(LocalPostgresServerResource server, IServiceProvider services)
    {
        if (server.DatabasesCreated.Task.IsCompleted) server.DatabasesCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Directory.CreateDirectory(Path.GetDirectoryName(server.DataDirectory)!);
        return PublishStateAsync(server, services, KnownResourceStates.Starting);
    }

    public static async Task PublishStateAsync(LocalPostgresServerResource server, IServiceProvider services, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var model = services.GetRequiredService<DistributedApplicationModel>();
        foreach (var database in model.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = state,
                StartTimeStamp = state == KnownResourceStates.Running ? DateTime.UtcNow : snapshot.StartTimeStamp,
                StopTimeStamp = state == KnownResourceStates.Finished ? DateTime.UtcNow : null,
            });
        }
    }

    private static async Task<bool> CreateIfMissingAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return false;
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(database)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            return false;
        }
    }
}
