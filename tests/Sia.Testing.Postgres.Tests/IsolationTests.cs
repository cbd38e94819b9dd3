namespace Sia.Testing.Postgres.Tests;

// Two classes, each with its own database, each creating a table of the same name: sharing a database would make the
// second CREATE TABLE fail (nothing drops the table), whichever runs first and whether or not they overlap.
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
