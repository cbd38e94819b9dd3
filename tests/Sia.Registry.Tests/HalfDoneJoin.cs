using Npgsql;

namespace Sia.Registry.Tests;

/// <summary>
/// A join half done, as AllianceMembershipWriter does it: the school's row locked and an open membership added,
/// not yet committed; for tests of a close racing it.
/// </summary>
internal sealed class HalfDoneJoin(NpgsqlConnection connection, NpgsqlTransaction transaction, string connectionString) : IAsyncDisposable
{
    public static async Task<HalfDoneJoin> StartAsync(string connectionString, string allianceId, int urn)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var join = new HalfDoneJoin(connection, await connection.BeginTransactionAsync(), connectionString);
        await join.ExecuteAsync("SELECT 1 FROM schools WHERE urn = $1 FOR UPDATE", urn);
        await join.ExecuteAsync("INSERT INTO alliance_memberships (alliance_id, urn, join_date, create_time) VALUES ($1, $2, '2015-09-01', now())", allianceId, urn);
        return join;
    }

    /// <summary>Waits until another session of the database waits for a lock (the close, for this join's).</summary>
    public async Task WaitUntilBlockingAsync()
    {
        await using var monitor = new NpgsqlConnection(connectionString);
        await monitor.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", monitor);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "Nothing waited for the join's lock.");
            await Task.Delay(20);
        }
    }

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }
}
