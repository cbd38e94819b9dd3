using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Sia.AppHost.Hosting;

/// <summary>
/// Healthy when PostgreSQL answers <c>SELECT 1</c> (for a database: in that database, once it was created). It polls every
/// 100 ms within one check, for up to 10 s, so a resource turns healthy as soon as postgres is ready rather than at
/// Aspire's next back-off step (1 s, 2 s... 5 s after an unhealthy answer).
/// </summary>
internal sealed class PostgresReadyHealthCheck(LocalPostgresServerResource server, LocalPostgresDatabaseResource? database) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        Exception? last = null;
        try
        {
            if (database is not null) await server.DatabasesCreated.Task.WaitAsync(timeout.Token);
            var connectionString = await (database?.ConnectionStringExpression ?? server.ConnectionStringExpression).GetValueAsync(timeout.Token);
            var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 };
            if (database is null) settings.Database = "postgres";
            while (true)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(settings.ConnectionString);
                    await connection.OpenAsync(timeout.Token);
                    await using var command = new NpgsqlCommand("SELECT 1", connection);
                    await command.ExecuteScalarAsync(timeout.Token);
                    return HealthCheckResult.Healthy();
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    last = e;
                    await Task.Delay(100, timeout.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not accept a connection within {Patience.TotalSeconds:0} s", last);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
    }
}
