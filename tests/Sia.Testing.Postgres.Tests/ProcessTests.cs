using System.Diagnostics;
using System.Globalization;

namespace Sia.Testing.Postgres.Tests;

// Probes run by ProcessTests in a child test process (two classes, one after the other); in a normal run
// they are plain tests of their class database.
public abstract class ProbeTestsBase(PostgresDatabase db, PostgresServer server)
{
    internal const string FileVariable = "SIA_PG_PROBE_FILE";
    internal const string HangVariable = "SIA_PG_PROBE_HANG";
    private static string? firstDatabase;

    [Fact]
    public async Task Probe()
    {
        Assert.Equal(db.DatabaseName, await Sql.ScalarAsync<string>(db.ConnectionString, "select current_database()"));
        var file = Environment.GetEnvironmentVariable(FileVariable);
        if (file is null) return;

        // The child runs the two classes one after the other: the second sees the first's database gone.
        var first = Interlocked.CompareExchange(ref firstDatabase, db.DatabaseName, null);
        if (first is null) return;
        Assert.False(await Sql.DatabaseExistsAsync(server.AdminConnectionString, first));
        var cluster = server.Cluster;
        await File.WriteAllLinesAsync(file + ".tmp", [first, db.DatabaseName, cluster?.RunDirectory ?? "", (cluster?.PostmasterPid ?? 0).ToString(CultureInfo.InvariantCulture),
            (cluster?.WatchdogPid ?? 0).ToString(CultureInfo.InvariantCulture)]);
        File.Move(file + ".tmp", file);
        if (Environment.GetEnvironmentVariable(HangVariable) is not null) await Task.Delay(TimeSpan.FromMinutes(2));
    }
}

public sealed class ProbeTestsA(PostgresDatabase db, PostgresServer server) : ProbeTestsBase(db, server), IClassFixture<PostgresDatabase>;

public sealed class ProbeTestsB(PostgresDatabase db, PostgresServer server) : ProbeTestsBase(db, server), IClassFixture<PostgresDatabase>;

// Runs this test assembly's probes in a child process, the way a service test project runs: the server
// is started by the assembly fixture and must be gone when the process ends, however it ends.
public sealed class ProcessTests(PostgresServer shared, ITestOutputHelper output)
{
    private sealed record ProbeResult(string FirstDatabase, string SecondDatabase, string RunDirectory, int PostmasterPid, int WatchdogPid);

    [Fact]
    public async Task ServerIsGoneAfterTheTestProcessEnds()
    {
        SkipUnlessLocalServersCanStart();
        using var probe = new TempFile();
        using var child = StartProbeRun(probe.Path, externalServer: null, hang: false);
        await WaitForExitAsync(child);
        var result = ReadProbe(probe.Path);
        Assert.NotEqual("", result.RunDirectory);
        Assert.True(Sql.ProcessGone(result.PostmasterPid), "postgres still runs after the test process ended");
        Assert.False(Directory.Exists(result.RunDirectory), "the data directory is left behind");
    }

    [Fact]
    public async Task ClassDatabasesAreDroppedAfterTheirClass_OnTheServerNamedByTheVariable()
    {
        using var probe = new TempFile();
        using var child = StartProbeRun(probe.Path, externalServer: shared.AdminConnectionString, hang: false);
        await WaitForExitAsync(child);
        var result = ReadProbe(probe.Path);
        Assert.Equal("", result.RunDirectory); // the child started no server of its own
        Assert.NotEqual(result.FirstDatabase, result.SecondDatabase);
        Assert.False(await Sql.DatabaseExistsAsync(shared.AdminConnectionString, result.FirstDatabase));
        Assert.False(await Sql.DatabaseExistsAsync(shared.AdminConnectionString, result.SecondDatabase));
    }

    [Fact]
    public async Task ServerIsGoneAfterTheTestProcessIsKilled()
    {
        SkipUnlessLocalServersCanStart();
        using var probe = new TempFile();
        using var child = StartProbeRun(probe.Path, externalServer: null, hang: true);
        Assert.True(await Sql.EventuallyAsync(() => File.Exists(probe.Path) || child.HasExited, TimeSpan.FromSeconds(90)), "the probe did not report");
        Assert.False(child.HasExited, "the child run ended early");
        var result = ReadProbe(probe.Path);
        Assert.False(Sql.ProcessGone(result.PostmasterPid));

        child.Kill(); // SIGKILL: no fixture disposal, no ProcessExit
        await child.WaitForExitAsync();
        var killed = Stopwatch.StartNew();
        Assert.True(await Sql.EventuallyAsync(() => Sql.ProcessGone(result.PostmasterPid) && !Directory.Exists(result.RunDirectory), TimeSpan.FromSeconds(15)),
            "postgres or its directory outlived the killed test process");
        output.WriteLine($"server stopped and deleted {killed.ElapsedMilliseconds} ms after the test process was killed");
    }

    [Fact]
    public async Task ServerIsGoneAfterTheTestProcessIsTerminated()
    {
        SkipUnlessLocalServersCanStart();
        using var probe = new TempFile();
        using var child = StartProbeRun(probe.Path, externalServer: null, hang: true);
        Assert.True(await Sql.EventuallyAsync(() => File.Exists(probe.Path) || child.HasExited, TimeSpan.FromSeconds(90)), "the probe did not report");
        var result = ReadProbe(probe.Path);

        // SIGTERM (what a CI timeout sends) raises no ProcessExit in .NET: the fixture's signal handler must stop the
        // server. The watchdog is paused meanwhile, so that it cannot be what does it.
        Assert.Equal(0, Signal(result.WatchdogPid, "STOP"));
        try
        {
            Assert.Equal(0, Signal(child.Id, "TERM"));
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(Sql.ProcessGone(result.PostmasterPid), "postgres outlived the terminated test process");
            Assert.False(Directory.Exists(result.RunDirectory), "the data directory outlived the terminated test process");
        }
        finally
        {
            Signal(result.WatchdogPid, "CONT");
        }
    }

    private static int Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }

    private static void SkipUnlessLocalServersCanStart()
    {
        if (LocalCluster.FindBinDirectory(new LocalClusterOptions()) is null) Assert.Skip("no PostgreSQL binaries installed");
    }

    private Process StartProbeRun(string probeFile, string? externalServer, bool hang)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { typeof(ProbeTestsA).Assembly.Location, "-class", typeof(ProbeTestsA).FullName!, "-class", typeof(ProbeTestsB).FullName!, "-parallel", "none", "-noLogo", "-noColor" })
            info.ArgumentList.Add(arg);
        info.Environment[ProbeTestsBase.FileVariable] = probeFile;
        if (hang) info.Environment[ProbeTestsBase.HangVariable] = "1";
        else info.Environment.Remove(ProbeTestsBase.HangVariable);
        if (externalServer is null) info.Environment.Remove(PostgresServer.ConnectionStringVariable);
        else info.Environment[PostgresServer.ConnectionStringVariable] = externalServer;

        var child = Process.Start(info)!;
        child.StandardInput.Close();
        child.OutputDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private static async Task WaitForExitAsync(Process child)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try { await child.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { child.Kill(entireProcessTree: true); throw; }
        Assert.Equal(0, child.ExitCode);
    }

    private static ProbeResult ReadProbe(string path)
    {
        Assert.True(File.Exists(path), "the probe did not report");
        var lines = File.ReadAllLines(path);
        return new ProbeResult(lines[0], lines[1], lines[2], int.Parse(lines[3], CultureInfo.InvariantCulture), int.Parse(lines[4], CultureInfo.InvariantCulture));
    }

    private sealed class TempFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sia-pgprobe-" + Guid.NewGuid().ToString("N"));
        public void Dispose() => File.Delete(Path);
    }
}
