using Npgsql;

namespace Sia.Testing.Postgres;

/// <summary>
/// A fresh database on the assembly's <see cref="PostgresServer"/> for one test class, dropped after the class
/// (open connections to it are terminated). Use it as <c>IClassFixture&lt;PostgresDatabase&gt;</c>: xunit v3 passes the
/// assembly fixture <see cref="PostgresServer"/> (registered with
/// <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>) to its constructor. Or compose it by hand:
/// <c>var db = new PostgresDatabase(server); await db.InitializeAsync(); ... await db.DisposeAsync();</c>
/// The database is named after the test class (when xunit tells it) plus a random suffix.
/// </summary>
public sealed class PostgresDatabase(PostgresServer server) : IAsyncLifetime
{
    private string? connectionString;

    /// <summary>The server the database lives on.</summary>
    public PostgresServer Server => server;

    /// <summary>Connection string to this class's database, as the server's admin user.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException(
        "The PostgresDatabase is not initialized: xunit initializes class fixtures; when composing one by hand, await InitializeAsync() first.");

    /// <summary>The database's name.</summary>
    public string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    /// <summary>Creates the database (starting the server if this is its first use).</summary>
    public async ValueTask InitializeAsync()
    {
        if (connectionString is not null) return;
        var prefix = TestContext.Current.TestClass?.TestClassSimpleName ?? "test";
        connectionString = await server.CreateDatabaseAsync(prefix).ConfigureAwait(false);
    }

    /// <summary>Drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        var created = Interlocked.Exchange(ref connectionString, null);
        if (created is not null) await server.DropDatabaseAsync(created).ConfigureAwait(false);
    }
}
