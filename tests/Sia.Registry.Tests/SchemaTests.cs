using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Sia.Registry.Data;
using Sia.Testing.Postgres;

namespace Sia.Registry.Tests;

/// <summary>
/// The migrations (made by dotnet ef) build exactly the schema the EF model describes, are safe to run concurrently, and take
/// over a database made by the hand-written migrations they replaced.
/// </summary>
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
            await using (var context = CreateContext(fromModel)) await ExecuteAsync(fromModel, context.Database.GenerateCreateScript());

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

    [Fact]
    public async Task A_database_made_by_all_the_hand_written_migrations_is_taken_over_with_its_data()
    {
        var database = await postgres.CreateDatabaseAsync("handwritten");
        try
        {
            await CreateAsHandWrittenMigrationsLeftItAsync(database, HandWrittenMigrations);
            await ExecuteAsync(database, "INSERT INTO local_authorities (code, display_name, create_time, update_time) VALUES ('816', 'York', now(), now())");

            await using (var context = CreateContext(database)) await RegistryMigrator.MigrateAsync(context);

            await using var check = CreateContext(database);
            Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.Equal("York", (await check.LocalAuthorities.SingleAsync(TestContext.Current.CancellationToken)).DisplayName);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_database_left_part_way_through_the_hand_written_migrations_is_refused_with_how_to_reset_it()
    {
        var database = await postgres.CreateDatabaseAsync("partway");
        try
        {
            await CreateAsHandWrittenMigrationsLeftItAsync(database, HandWrittenMigrations[..3]);

            await using var context = CreateContext(database);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RegistryMigrator.MigrateAsync(context));

            Assert.Contains("part-way through migrations of an older SIA", refused.Message);
            Assert.Contains("delete .sia/postgres", refused.Message);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Inspections_recorded_before_the_change_log_had_them_are_logged_once_when_migrating()
    {
        var database = await postgres.CreateDatabaseAsync("log_inspections");
        try
        {
            await using (var context = CreateContext(database))
            {
                await RegistryMigrator.MigrateAsync(context);
                var now = DateTime.UtcNow;
                context.LocalAuthorities.Add(new LocalAuthorityEntity { Code = "816", DisplayName = "York", CreateTime = now, UpdateTime = now });
                context.Schools.Add(new SchoolEntity { Urn = 121615, LaCode = "816", EstablishmentNumber = 2001, Laestab = 8162001, Name = "A School", StatusCode = 1, CreateTime = now, UpdateTime = now });
                context.Inspections.Add(new InspectionEntity { Urn = 121615, InspectionDate = new DateOnly(2023, 1, 25), Framework = 2, OverallGrade = 2, CreateTime = now });
                await context.SaveChangesAsync(TestContext.Current.CancellationToken);
                // Back to the database as it was before inspections were logged (Down takes their changes away), then forward.
                await context.GetService<IMigrator>().MigrateAsync(context.Database.GetMigrations().First(), TestContext.Current.CancellationToken);
                Assert.DoesNotContain(await context.Changes.Select(c => c.ResourceName).ToListAsync(TestContext.Current.CancellationToken), name => name.Contains("/inspections/"));
            }

            await using (var context = CreateContext(database)) await RegistryMigrator.MigrateAsync(context);

            await using var check = CreateContext(database);
            var inspection = await check.Inspections.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(
                ["localAuthorities/816 created", "schools/121615 created", $"schools/121615/inspections/{inspection.Id} created"],
                await check.Changes.OrderBy(c => c.Sequence).Select(c => c.ResourceName + " " + c.ChangeType).ToListAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static readonly string[] HandWrittenMigrations =
    [
        "20261122120000_InitialSchema", "20261122140000_ChangeLog", "20261122150000_Inspections", "20261122160000_Clusters",
        "20261122170000_AlliancesAndSystemLeaders", "20261122180000_SchoolsByLaAndPhase",
    ];

    /// <summary>The model's schema (which the hand-written migrations built, as this class checked then) and their history rows.</summary>
    private static async Task CreateAsHandWrittenMigrationsLeftItAsync(string database, IEnumerable<string> applied)
    {
        await using var context = CreateContext(database);
        await ExecuteAsync(database, context.Database.GenerateCreateScript());
        await ExecuteAsync(database, """CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL)""");
        foreach (var id in applied) await ExecuteAsync(database, $"""INSERT INTO "__EFMigrationsHistory" VALUES ('{id}', '10.0.0')""");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static RegistryDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql(connectionString).Options);

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
