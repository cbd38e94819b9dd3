using System.Collections.Concurrent;
using System.Text;
using Npgsql;

namespace Sia.Testing.Postgres;

/// <summary>
/// One real PostgreSQL server for a whole test assembly: an xunit v3 assembly fixture. By default it is a
/// throwaway cluster (initdb into a fresh directory under /tmp, postgres on a free 127.0.0.1 port with
/// fsync, synchronous_commit and full_page_writes off), started on first use and stopped (fast shutdown,
/// directory deleted) when the assembly's tests finish. When the environment variable
/// <c>SIA_TEST_POSTGRES</c> holds an Npgsql connection string, that existing server is used instead (its
/// user must be allowed to CREATE DATABASE); the databases made on it are dropped at the end.
/// </summary>
/// <remarks>
/// <para>Wiring a test project (xunit v3):</para>
/// <code>
/// // once per test assembly, e.g. in AssemblyInfo.cs
/// [assembly: AssemblyFixture(typeof(Sia.Testing.Postgres.PostgresServer))]
///
/// // a fresh database per test class, dropped after the class; xunit injects the assembly's
/// // PostgresServer into the PostgresDatabase class fixture
/// public sealed class OrderStoreTests(PostgresDatabase db) : IClassFixture&lt;PostgresDatabase&gt;
/// {
///     [Fact]
///     public async Task Saves()
///     {
///         await using var context = new OrdersContext(
///             new DbContextOptionsBuilder&lt;OrdersContext&gt;().UseNpgsql(db.ConnectionString).Options);
///         await context.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
///         // ...
///     }
/// }
/// </code>
/// <para>A test or fixture can also take the <see cref="PostgresServer"/> itself (constructor parameter) and call
/// <see cref="CreateDatabaseAsync"/> / <see cref="DropDatabaseAsync"/> for a database of its own, or compose a
/// <see cref="PostgresDatabase"/> by hand: <c>new PostgresDatabase(server)</c>, then
/// <c>InitializeAsync</c> and <c>DisposeAsync</c>.</para>
/// <para>Test classes run in parallel: creating and dropping databases is safe concurrently. Start-up (initdb and
/// postgres ready) takes about a second; nothing is logged unless it fails. The server needs Debian's
/// <c>postgresql</c> package (tests/setup.sh installs it; the newest /usr/lib/postgresql/*/bin is used); run as
/// root, the server runs as the <c>postgres</c> OS user. It goes away even when the test process does not end
/// normally: on SIGTERM a signal handler stops it, and if the process is killed, a watchdog stops it and deletes
/// its directory within about a second. Every run uses a fresh directory and a free port, so nothing left behind
/// can block the next one, and a run removes what dead runs left in /tmp.</para>
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The environment variable that points the fixture at an existing server: a full Npgsql connection string.</summary>
    public const string ConnectionStringVariable = "SIA_TEST_POSTGRES";

    private readonly LocalClusterOptions options;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, string> databases = new(StringComparer.Ordinal);
    private Task<string>? start;
    private LocalCluster? cluster;
    private bool disposed;

    /// <summary>Creates the fixture; nothing starts until first use.</summary>
    public PostgresServer() : this(new LocalClusterOptions()) { }

    internal PostgresServer(LocalClusterOptions options) => this.options = options;

    /// <summary>Superuser connection string to the server's <c>postgres</c> database (for an external server: as given). Starts the server if needed.</summary>
    public string AdminConnectionString => EnsureStartedCoreAsync().GetAwaiter().GetResult();

    /// <summary>Whether this fixture uses an existing server named by <see cref="ConnectionStringVariable"/> (known once started).</summary>
    public bool IsExternal { get; private set; }

    /// <summary>The throwaway cluster this fixture started, if any.</summary>
    internal LocalCluster? Cluster => cluster;

    /// <summary>Starts the server, or checks the external one is reachable, unless already done. Called by every other member.</summary>
    public Task EnsureStartedAsync(CancellationToken ct = default) => EnsureStartedCoreAsync().WaitAsync(ct);

    /// <summary>Creates a database with a unique name beginning with <paramref name="namePrefix"/> (lower-cased, other characters
    /// replaced by '_') and returns a connection string to it, with the admin's credentials.</summary>
    public async Task<string> CreateDatabaseAsync(string namePrefix, CancellationToken ct = default)
    {
        var admin = await EnsureStartedCoreAsync().WaitAsync(ct).ConfigureAwait(false);
        var name = UniqueName(namePrefix);
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        databases[name] = connectionString;
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var command = new NpgsqlCommand($"CREATE DATABASE {Quote(name)}", connection);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    return connectionString;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    // "source database template1 is being accessed by other users": someone else is connected to it.
                    await Task.Delay(50 * attempt, ct).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            databases.TryRemove(name, out _);
            throw;
        }
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/> (given its connection string), even while
    /// connections to it are open: they are terminated, and the client pool for it is cleared.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        if (!databases.TryGetValue(name, out var created))
            throw new InvalidOperationException($"Database '{name}' was not created by this PostgresServer; refusing to drop it.");
        lock (gate)
        {
            // A throwaway server is gone with all its databases; an external one's disposal dropped them.
            if (disposed) return;
        }

        ClearPool(connectionString);
        if (created != connectionString) ClearPool(created);
        var admin = await EnsureStartedCoreAsync().WaitAsync(ct).ConfigureAwait(false);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        databases.TryRemove(name, out _);
    }

    /// <summary>Does nothing: the server starts on first use, so a run that needs no database pays nothing.</summary>
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Stops the throwaway server (fast shutdown) and deletes its directory; on an external server, drops the databases this fixture made and did not drop.</summary>
    public async ValueTask DisposeAsync()
    {
        Task<string>? started;
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            started = start;
        }
        if (started is null) return;
        try { await started.ConfigureAwait(false); }
        catch (Exception) { return; } // a failed start cleaned up after itself

        if (cluster is not null)
        {
            await cluster.StopAsync().ConfigureAwait(false);
            return;
        }
        foreach (var (name, connectionString) in databases)
        {
            try
            {
                ClearPool(connectionString);
                await using var connection = new NpgsqlConnection(started.Result);
                await connection.OpenAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException) { } // best effort: the databases are uniquely named and harm nobody
        }
        databases.Clear();
    }

    private Task<string> EnsureStartedCoreAsync()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return start ??= Task.Run(StartAsync);
        }
    }

    private async Task<string> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            NpgsqlConnectionStringBuilder builder;
            try { builder = new NpgsqlConnectionStringBuilder(external); }
            catch (ArgumentException e) { throw new InvalidOperationException($"{ConnectionStringVariable} is not a valid Npgsql connection string: {e.Message}", e); }
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                var shown = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null };
                throw new InvalidOperationException($"Cannot connect to the server named by {ConnectionStringVariable} ({shown.ConnectionString}): {e.Message}", e);
            }
            IsExternal = true;
            return builder.ConnectionString;
        }
        cluster = await LocalCluster.StartAsync(options).ConfigureAwait(false);
        return cluster.AdminConnectionString;
    }

    internal static string UniqueName(string prefix)
    {
        var name = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            if (name.Length == 40) break;
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }
        if (name.Length == 0 || name[0] is >= '0' and <= '9') name.Insert(0, "db_");
        // 63 bytes at most: prefix (≤ 43) + '_' + 12 random hex digits.
        return $"{name}_{Guid.NewGuid():N}"[..(name.Length + 13)];
    }

    private static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
