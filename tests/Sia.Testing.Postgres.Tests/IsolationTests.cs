namespace Sia.Testing.Postgres.Tests;

// Two classes that run in parallel, each with its own database, each creating a table of the same name:
// sharing a database would make one CREATE TABLE fail and the row counts wrong.
public abstract class IsolationTestsBase(PostgresDatabase db, PostgresServer server, string marker)
{
    protected PostgresDatabase Db => db;

    [Fact]
    public async Task OwnDatabaseWithSameTableNames()
    {
        Assert.Same(server, db.Server); // xunit injected the assembly fixture into the class fixture
        Assert.Equal(db.DatabaseName, await Sql.ScalarAsync<string>(db.ConnectionString, "select current_database()"));
        Assert.NotEqual("postgres", db.DatabaseName);

        await Sql.ExecuteAsync(db.ConnectionString, $"create table widgets (name text not null); insert into widgets values ('{marker}')");
        await Task.Delay(200); // overlap with the other class
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.ConnectionString, "select count(*) from widgets"));
        Assert.Equal(marker, await Sql.ScalarAsync<string>(db.ConnectionString, "select name from widgets"));
        Assert.True(await Sql.DatabaseExistsAsync(server.AdminConnectionString, db.DatabaseName));
    }
}

public sealed class IsolationTestsA(PostgresDatabase db, PostgresServer server)
    : IsolationTestsBase(db, server, "a"), IClassFixture<PostgresDatabase>
{
    [Fact]
    public void DatabaseIsNamedAfterTheClass() => Assert.StartsWith("isolationtestsa_", Db.DatabaseName);
}

public sealed class IsolationTestsB(PostgresDatabase db, PostgresServer server)
    : IsolationTestsBase(db, server, "b"), IClassFixture<PostgresDatabase>
{
    [Fact]
    public void DatabaseIsNamedAfterTheClass() => Assert.StartsWith("isolationtestsb_", Db.DatabaseName);
}
