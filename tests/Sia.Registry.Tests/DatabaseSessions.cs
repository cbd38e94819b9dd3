using Npgsql;
using Sia.Testing;

namespace Sia.Registry.Tests;

/// <summary>What the sessions of a test database are doing, from PostgreSQL's pg_stat_activity, and ending one.</summary>
internal static class DatabaseSessions
{
    /// <summary>Whether a session of the database waits for a lock (a row lock, an advisory lock...).</summary>
    public static async Task<bool> AnyWaitsForALockAsync(string connectionString) =>
        (long)(await ScalarAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))! > 0;

    /// <summary>The backend pid of the session with this application_name in the database, if there is one.</summary>
    public static async Task<int?> PidAsync(string connectionString, string applicationName) =>
        (int?)await ScalarAsync(connectionString, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", applicationName);

    /// <summary>Ends a session as an administrator would (pg_terminate_backend), and waits until it has gone.</summary>
    public static async Task TerminateAsync(string connectionString, int pid)
    {
        await ScalarAsync(connectionString, "SELECT pg_terminate_backend($1)", pid);
        await Until.TrueAsync(async () => await ScalarAsync(connectionString, "SELECT 1 FROM pg_stat_activity WHERE pid = $1", pid) is null,
            $"backend {pid} to end");
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteScalarAsync();
    }
}
