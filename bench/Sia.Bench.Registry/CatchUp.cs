using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Npgsql;
using Sia.Registry.V1;

namespace Sia.Bench.Registry;

/// <summary>For readmodel.sh: a database beside the registry's, the registry's change count, the baseline (the change log read
/// and thrown away) and the risk service's progress.</summary>
internal static class CatchUp
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Creates the database NAME (dropping one left over) on the server of CONNECTION; prints "connection STRING".</summary>
    public static async Task<int> CreateDatabaseAsync(string connectionString, string name)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection)) await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"connection {new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString}");
        return 0;
    }

    /// <summary>Prints how many changes the registry's log holds.</summary>
    public static async Task<int> CountChangesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM changes", connection);
        Console.WriteLine($"changes {await count.ExecuteScalarAsync()}");
        return 0;
    }

    /// <summary>The baseline: WatchChanges from the start, each change read and dropped, until COUNT; prints "drained COUNT SECONDS".</summary>
    public static async Task<int> DrainAsync(string url, int count)
    {
        using var channel = GrpcChannel.ForAddress(url);
        using var timeout = new CancellationTokenSource(Patience);
        var clock = Stopwatch.StartNew();
        using var watch = new RegistryChangeService.RegistryChangeServiceClient(channel).WatchChanges(new WatchChangesRequest(), cancellationToken: timeout.Token);
        var read = 0;
        while (read < count && await watch.ResponseStream.MoveNext(timeout.Token)) read++;
        if (read < count) throw new BenchException($"the stream ended after {read} of {count} changes");
        Console.WriteLine($"drained {count} {clock.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>
    /// Polls the risk service's follow state every 20 ms; prints "first UNIX-SECONDS" when it has applied a change and
    /// "caught-up UNIX-SECONDS" when it has applied COUNT.
    /// </summary>
    public static async Task<int> WaitAppliedAsync(string connectionString, long count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        var first = false;
        while (clock.Elapsed < Patience)
        {
            var applied = await AppliedAsync(connection);
            if (applied > 0 && !first)
            {
                Console.WriteLine($"first {Now()}");
                first = true;
            }
            if (applied >= count)
            {
                Console.WriteLine($"caught-up {Now()}");
                return 0;
            }
            await Task.Delay(20);
        }
        throw new BenchException($"the risk service did not apply {count} changes within {Patience}");
    }

    /// <summary>0 until the service has made its schema and applied its first batch.</summary>
    private static async Task<long> AppliedAsync(NpgsqlConnection connection)
    {
        await using var query = new NpgsqlCommand("SELECT CASE WHEN to_regclass('registry_follow_state') IS NULL THEN 0 ELSE (SELECT coalesce(max(applied_changes), 0) FROM registry_follow_state) END", connection);
        try
        {
            return (long)(await query.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // created between to_regclass and the read
        }
    }

    private static string Now() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
}
