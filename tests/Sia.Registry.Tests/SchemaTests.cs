using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Registry.Data;
using Sia.Testing.Postgres;

namespace Sia.Registry.Tests;

/// <summary>The hand-written migrations build exactly the schema the EF model describes, and are safe to run concurrently.</summary>
public sealed class SchemaTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_migrated_schema_matches_the_EF_model()
    {
        var migrated = await postgres.CreateDatabaseAsync("migrated");
        var fromModel = await postgres.CreateDatabaseAsync("from_model");
        try
        {
            await using (var context = CreateContext(migrated)) await RegistryMigrator.MigrateAsync(context);
            await using (var context = CreateContext(fromModel))
            {
                await using var connection = new NpgsqlConnection(fromModel);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(context.Database.GenerateCreateScript(), connection);
                await command.ExecuteNonQueryAsync();
            }

            Assert.Equal(await DescribeSchemaAsync(fromModel), await DescribeSchemaAsync(migrated));
        }
        finally
        {
            await postgres.DropDatabaseAsync(migrated);
            await postgres.DropDatabaseAsync(fromModel);
        }
    }

    [Fact]
    public async Task Instances_migrating_at_once_all_succeed()
    {
        var database = await postgres.CreateDatabaseAsync("concurrent");
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
            {
                await using var context = CreateContext(database);
                await RegistryMigrator.MigrateAsync(context);
            }));

            await using var check = CreateContext(database);
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await check.Schools.CountAsync());
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static RegistryDbContext CreateContext(string connectionString) => new(new DbContextOptionsBuilder<RegistryDbContext>()
        .UseNpgsql(connectionString)
        .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
        .Options);

    /// <summary>Tables, columns (type, nullability, default), constraints and indexes, as text lines in a stable order.</summary>
    private static async Task<List<string>> DescribeSchemaAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
                   || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
