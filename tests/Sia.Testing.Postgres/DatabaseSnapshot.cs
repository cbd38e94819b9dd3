using Npgsql;

namespace Sia.Testing.Postgres;

/// <summary>A digest of every row of every table of a database, by table: two equal snapshots mean nothing was written between them.</summary>
public static class DatabaseSnapshot
{
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var digest = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t", connection);
            digests[table] = (string)(await digest.ExecuteScalarAsync())!;
        }
        return digests;
    }
}
