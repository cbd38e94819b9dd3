using System.Diagnostics;
using Npgsql;

namespace Sia.Testing.Postgres.Tests;

// Starts servers of its own and changes SIA_TEST_POSTGRES for a moment: its tests run one at a time
// (one class), and no other class starts a PostgresServer in this process.
public sealed class ServerTests(PostgresServer shared, ITestOutputHelper output)
{
    private static void SkipUnlessLocalServersCanStart()
    {
        if (Environment.GetEnvironmentVariable(PostgresServer.ConnectionStringVariable) is not null)
            Assert.Skip($"{PostgresServer.ConnectionStringVariable} is set: this run uses an external server");
    }

    [Fact]
    public async Task HonoursTheConnectionStringVariable()
    {
        await shared.EnsureStartedAsync(); // started before the variable changes
        var before = Environment.GetEnvironmentVariable(PostgresServer.ConnectionStringVariable);
        Environment.SetEnvironmentVariable(PostgresServer.ConnectionStringVariable, shared.AdminConnectionString);
        string database;
        try
        {
            await using var second = new PostgresServer();
            Assert.Equal(shared.AdminConnectionString, second.AdminConnectionString);
            Assert.True(second.IsExternal);
            Assert.Null(second.Cluster);

            var cs = await second.CreateDatabaseAsync("external");
            database = new NpgsqlConnectionStringBuilder(cs).Database!;
            Assert.True(await Sql.DatabaseExistsAsync(shared.AdminConnectionString, database)); // made on the first server
            Assert.Equal(database, await Sql.ScalarAsync<string>(cs, "select current_database()"));
            // Left for DisposeAsync, which drops what it made on an external server.
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgresServer.ConnectionStringVariable, before);
        }
        Assert.False(await Sql.DatabaseExistsAsync(shared.AdminConnectionString, database));
        Assert.Equal("PostgreSQL", (await Sql.ScalarAsync<string>(shared.AdminConnectionString, "select version()"))[..10]); // first server unharmed
    }

    [Fact]
    public async Task BadConnectionStringVariableFailsClearly()
    {
        await shared.EnsureStartedAsync();
        var before = Environment.GetEnvironmentVariable(PostgresServer.ConnectionStringVariable);
        Environment.SetEnvironmentVariable(PostgresServer.ConnectionStringVariable, "Host=127.0.0.1;Port=1;Username=nobody;Password=hunter2;Timeout=2");
        try
        {
            await using var server = new PostgresServer();
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => server.CreateDatabaseAsync("x"));
            Assert.Contains(PostgresServer.ConnectionStringVariable, e.Message);
            Assert.DoesNotContain("hunter2", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgresServer.ConnectionStringVariable, before);
        }
    }

    [Fact]
    public async Task OwnServerStartsLazilyAndStopsWithoutTrace()
    {
        SkipUnlessLocalServersCanStart();
        var server = new PostgresServer();
        await server.InitializeAsync();
        Assert.Null(server.Cluster); // lazy: nothing started yet
        var started = Stopwatch.StartNew();
        var cs = await server.CreateDatabaseAsync("own");
        var elapsed = started.Elapsed;
        var cluster = server.Cluster!;
        output.WriteLine($"server start-up {cluster.StartupTime.TotalMilliseconds:F0} ms (initdb + postgres ready); first database after {elapsed.TotalMilliseconds:F0} ms");
        Assert.NotEqual(shared.Cluster?.Port, cluster.Port);
        Assert.StartsWith("PostgreSQL", await Sql.ScalarAsync<string>(cs, "select version()"));
        Assert.True(Directory.Exists(cluster.DataDirectory));
        var watchdog = cluster.WatchdogPid;

        await using (var open = new NpgsqlConnection(cs))
        {
            await open.OpenAsync(); // an open client does not hold up the fast shutdown
            await server.DisposeAsync();
        }
        Assert.True(Sql.ProcessGone(cluster.PostmasterPid));
        Assert.False(Directory.Exists(cluster.RunDirectory));
        Assert.True(await Sql.EventuallyAsync(() => Sql.ProcessGone(watchdog), TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => server.CreateDatabaseAsync("late"));
        await server.DropDatabaseAsync(cs); // a class fixture disposed after its server: nothing to do
    }

    [Fact]
    public async Task WatchdogStopsServerWhenOwnerDies()
    {
        SkipUnlessLocalServersCanStart();
        using var owner = Process.Start(new ProcessStartInfo("sleep", "300") { RedirectStandardOutput = true })!;
        await using var server = new PostgresServer(new LocalClusterOptions { OwnerPid = owner.Id });
        await server.EnsureStartedAsync();
        var cluster = server.Cluster!;
        var checks = new WatchdogChecks(cluster.WatchdogPid);
        var checkedTwice = await Sql.EventuallyAsync(() => checks.Count() >= 2, TimeSpan.FromSeconds(30));
        Assert.True(checkedTwice, "the watchdog did not look at its owner");
        Assert.False(Sql.ProcessGone(cluster.PostmasterPid)); // the owner lives: the server stays

        owner.Kill();
        var stoppedInTime = await Sql.EventuallyAsync(() => Sql.ProcessGone(cluster.PostmasterPid) && !Directory.Exists(cluster.RunDirectory), TimeSpan.FromSeconds(10));
        Assert.True(stoppedInTime, "the watchdog did not stop the server and delete its directory");
    }

    [Fact]
    public async Task StaleDirectoriesOfDeadRunsAreReaped()
    {
        var stale = Path.Combine("/tmp", LocalCluster.DirectoryPrefix + "test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(stale, "data"));
        await File.WriteAllTextAsync(Path.Combine(stale, "owner"), "999999 12345"); // no such process
        var live = Path.Combine("/tmp", LocalCluster.DirectoryPrefix + "test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(live);
        await File.WriteAllTextAsync(Path.Combine(live, "owner"), LocalCluster.OwnerStamp(Environment.ProcessId));
        try
        {
            LocalCluster.ReapStale("/tmp");
            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(live));
            if (shared.Cluster is { } cluster) Assert.True(Directory.Exists(cluster.DataDirectory)); // ours is alive
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    [Fact]
    public async Task MissingBinariesSayHowToFixIt()
    {
        SkipUnlessLocalServersCanStart();
        await using var server = new PostgresServer(new LocalClusterOptions { DebianRoot = "/nonexistent", SearchPath = false });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => server.EnsureStartedAsync());
        Assert.Contains("apt-get install -y postgresql", e.Message);
        Assert.Contains("SIA_TEST_POSTGRES", e.Message);
        Assert.Throws<InvalidOperationException>(() => server.AdminConnectionString); // the same failure, not a hang
    }

    [Fact]
    public void FindsTheNewestInstalledVersion()
    {
        var root = Path.Combine(Path.GetTempPath(), "sia-pgbin-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var version in new[] { "9.6", "13", "16", "notaversion" })
            {
                Directory.CreateDirectory(Path.Combine(root, version, "bin"));
                File.WriteAllText(Path.Combine(root, version, "bin", "postgres"), "");
                File.WriteAllText(Path.Combine(root, version, "bin", "initdb"), "");
            }
            Directory.CreateDirectory(Path.Combine(root, "17", "bin")); // no binaries
            Assert.Equal(Path.Combine(root, "16", "bin"), LocalCluster.FindBinDirectory(new LocalClusterOptions { DebianRoot = root, SearchPath = false }));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
