using Npgsql;

namespace Sia.Testing.Postgres.Tests;

public sealed class DatabaseTests(PostgresServer server)
{
    [Fact]
    public async Task QueryThroughNpgsql()
    {
        await using var db = new PostgresDatabase(server);
        await db.InitializeAsync();
        var version = await Sql.ScalarAsync<string>(db.ConnectionString, "select version()");
        Assert.StartsWith("PostgreSQL ", version);
        Assert.Equal(42, await Sql.ScalarAsync<int>(db.ConnectionString, "select $1::int", 42));
    }

    [Fact]
    public async Task ThrowawayServerSettings()
    {
        // Only the server's own state: ServerTests sets the variable for a moment while other tests run.
        if (server.IsExternal)
            Assert.Skip("the assembly's server is an external one");
        var admin = server.AdminConnectionString;
        Assert.Equal("off", await Sql.ScalarAsync<string>(admin, "show fsync"));
        Assert.Equal("off", await Sql.ScalarAsync<string>(admin, "show synchronous_commit"));
        Assert.Equal("off", await Sql.ScalarAsync<string>(admin, "show full_page_writes"));
        Assert.Equal("127.0.0.1", await Sql.ScalarAsync<string>(admin, "show listen_addresses"));
        Assert.Equal("200", await Sql.ScalarAsync<string>(admin, "show max_connections"));
        Assert.Equal("UTF8", await Sql.ScalarAsync<string>(admin, "show server_encoding"));
        Assert.True(await Sql.ScalarAsync<bool>(admin, "select rolsuper from pg_roles where rolname = current_user"));
        Assert.Equal(server.Cluster!.DataDirectory, await Sql.ScalarAsync<string>(admin, "show unix_socket_directories"));
    }

    [Fact]
    public async Task DatabaseIsDroppedOnDisposeEvenWithOpenConnections()
    {
        var db = new PostgresDatabase(server);
        await db.InitializeAsync();
        var name = db.DatabaseName;
        Assert.True(await Sql.DatabaseExistsAsync(server.AdminConnectionString, name));

        // One idle connection left in the client pool, one open and in use.
        await Sql.ExecuteAsync(db.ConnectionString, "create table t (id int)");
        await using var open = new NpgsqlConnection(db.ConnectionString);
        await open.OpenAsync();

        await db.DisposeAsync();
        Assert.False(await Sql.DatabaseExistsAsync(server.AdminConnectionString, name));
        Assert.Throws<InvalidOperationException>(() => db.ConnectionString);
        await db.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task ConcurrentCreationGivesDistinctWorkingDatabases()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => server.CreateDatabaseAsync("Concurrent-Test!")));
        try
        {
            var names = created.Select(cs => new NpgsqlConnectionStringBuilder(cs).Database!).ToList();
            Assert.Equal(16, names.Distinct().Count());
            Assert.All(names, n => Assert.Matches("^concurrent_test__[0-9a-f]{12}$", n));
            var current = await Task.WhenAll(created.Select(cs => Sql.ScalarAsync<string>(cs, "select current_database()")));
            Assert.Equal(names, current);
        }
        finally
        {
            await Task.WhenAll(created.Select(cs => server.DropDatabaseAsync(cs)));
        }
        foreach (var cs in created)
            Assert.False(await Sql.DatabaseExistsAsync(server.AdminConnectionString, new NpgsqlConnectionStringBuilder(cs).Database!));
    }

    [Fact]
    public async Task RefusesToDropADatabaseItDidNotCreate()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.DropDatabaseAsync(server.AdminConnectionString));
        Assert.True(await Sql.DatabaseExistsAsync(server.AdminConnectionString, "postgres"));
    }

    [Fact]
    public void NamesAreValidIdentifiers()
    {
        Assert.Matches("^db_123_[0-9a-f]{12}$", PostgresServer.UniqueName("123"));
        Assert.Matches("^db__[0-9a-f]{12}$", PostgresServer.UniqueName(""));
        Assert.Equal(40 + 13, PostgresServer.UniqueName(new string('x', 100)).Length);
    }
}
