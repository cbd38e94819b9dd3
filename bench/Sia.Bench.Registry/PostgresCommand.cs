using Npgsql;
using Sia.Testing.Postgres;

namespace Sia.Bench.Registry;

/// <summary>
/// Holds a throwaway PostgreSQL (Sia.Testing.Postgres) for as long as stdin is open. The server runs with this process's
/// CPU affinity; if this process dies, the library's watchdog stops the server and deletes its directory.
/// </summary>
internal static class PostgresCommand
{
    public static async Task<int> RunAsync()
    {
        await using var server = new PostgresServer();
        await server.InitializeAsync();
        var connectionString = await server.CreateDatabaseAsync("registry_bench");
        Console.WriteLine($"connection {connectionString}");
        Console.Out.Flush();
        string? line;
        while ((line = await Console.In.ReadLineAsync()) is not null && line.Trim() != "stop") { }
        return 0; // disposing the server stops it (fast shutdown) and deletes its directory
    }

    /// <summary>ANALYZE, as autovacuum would within a minute of a bulk load; prints the planner's row count for schools.</summary>
    public static async Task<int> AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection)) await analyze.ExecuteNonQueryAsync();
        await using var rows = new NpgsqlCommand("SELECT reltuples::bigint FROM pg_class WHERE relname = 'schools'", connection);
        Console.WriteLine($"analyzed: {await rows.ExecuteScalarAsync()} schools");
        return 0;
    }
}
