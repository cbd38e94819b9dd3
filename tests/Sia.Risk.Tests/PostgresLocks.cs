using Npgsql;

namespace Sia.Risk.Tests;

/// <summary>What PostgreSQL says of other sessions' locks, for tests that stop a process at a lock the test holds.</summary>
internal static class PostgresLocks
{
    /// <summary>Whether a session of that application name is waiting for a lock (a row's, or an advisory one).</summary>
    public static async Task<bool> WaitsForALockAsync(NpgsqlConnection connection, string applicationName)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name AND wait_event_type = 'Lock'", connection);
        command.Parameters.AddWithValue("name", applicationName);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
