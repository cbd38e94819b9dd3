using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using Sia.Hosting.Local;
using Sia.Testing;

namespace Sia.Testing.Postgres;

/// <summary>Where <see cref="LocalCluster"/> looks for binaries and whose death its watchdog waits for. Tests change these.</summary>
internal sealed record LocalClusterOptions
{
    /// <summary>Debian's layout: the newest <c>{DebianRoot}/{version}/bin</c> holding postgres and initdb wins.</summary>
    public string DebianRoot { get; init; } = "/usr/lib/postgresql";

    /// <summary>Whether to fall back to postgres and initdb found on PATH.</summary>
    public bool SearchPath { get; init; } = true;

    /// <summary>The process whose death makes the watchdog stop the cluster; this process when null.</summary>
    public int? OwnerPid { get; init; }

    /// <summary>Where run directories are made (each server gets a fresh <c>sia-pg-*</c> directory here).</summary>
    public string TempRoot { get; init; } = "/tmp";
}

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a fresh directory under /tmp, postgres on a free loopback port
/// with durability off, stopped (fast shutdown) and deleted by <see cref="Stop"/>. Three things stop it when
/// the owning process does not: <see cref="AppDomain.ProcessExit"/> and SIGTERM handlers, a watchdog shell in its own session
/// that stops the server and deletes the directory once the owner is gone (even after SIGKILL), and a reaper
/// that removes what a dead run left behind when the next one starts.
/// </summary>
internal sealed class LocalCluster
{
    internal const string DirectoryPrefix = "sia-pg-";
    private readonly Process postgres;
    private readonly Process watchdog;
    private readonly Lock stopGate = new();
    private readonly EventHandler onProcessExit;
    private readonly PosixSignalRegistration sigterm;
    private bool stopped;

    private LocalCluster(string runDirectory, int port, int postmasterPid, Process postgres, Process watchdog, TimeSpan startupTime)
    {
        RunDirectory = runDirectory;
        Port = port;
        PostmasterPid = postmasterPid;
        this.postgres = postgres;
        this.watchdog = watchdog;
        StartupTime = startupTime;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
        onProcessExit = (_, _) => Stop();
        AppDomain.CurrentDomain.ProcessExit += onProcessExit;
        // .NET raises no ProcessExit on SIGTERM (a CI timeout, `kill`): stop the server, then let the signal end the process.
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Stop());
    }

    public string RunDirectory { get; }
    public string DataDirectory => Path.Combine(RunDirectory, "data");
    public int Port { get; }
    public int PostmasterPid { get; }
    public TimeSpan StartupTime { get; }
    public string AdminConnectionString { get; }
    internal int WatchdogPid => watchdog.Id;

    internal static string MissingBinariesMessage(LocalClusterOptions options) =>
        PostgresBinaries.MissingMessage("set the environment variable " + PostgresServer.ConnectionStringVariable +
            " to the Npgsql connection string of an existing server whose user may CREATE DATABASE, e.g. " +
            PostgresServer.ConnectionStringVariable + "='Host=127.0.0.1;Port=5432;Username=postgres;Password=secret'.",
            options.DebianRoot, options.SearchPath);

    internal static string? FindBinDirectory(LocalClusterOptions options) => PostgresBinaries.FindBinDirectory(options.DebianRoot, options.SearchPath);

    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Sia.Testing.Postgres starts local servers on Linux only; set " + PostgresServer.ConnectionStringVariable + " elsewhere.");
        var started = Stopwatch.StartNew();
        var bin = FindBinDirectory(options) ?? throw new InvalidOperationException(MissingBinariesMessage(options));

        ReapStale(options.TempRoot);

        var ownerPid = options.OwnerPid ?? Environment.ProcessId;
        var runDirectory = Path.Combine(options.TempRoot, $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..(DirectoryPrefix.Length + 24)]);
        Directory.CreateDirectory(runDirectory);
        try
        {
            File.WriteAllText(Path.Combine(runDirectory, "owner"), OwnerStamp(ownerPid) ?? throw new InvalidOperationException($"Owner process {ownerPid} does not exist."));
            await ChildProcess.HandToServerUserAsync(runDirectory).ConfigureAwait(false);
            var dataDirectory = Path.Combine(runDirectory, "data");
            await Postmaster.InitDbAsync(bin, dataDirectory, runDirectory, ["--auth=trust", "--no-sync"]).ConfigureAwait(false);

            for (var attempt = 1; ; attempt++)
            {
                var port = LoopbackPorts.Free();
                var log = new ConcurrentQueue<string>();
                var postgres = Postmaster.Start(bin, dataDirectory, port,
                    ["max_connections=200", "fsync=off", "synchronous_commit=off", "full_page_writes=off", "jit=off", "log_checkpoints=off", "logging_collector=off"],
                    runDirectory, line =>
                    {
                        log.Enqueue(line);
                        while (log.Count > 200) log.TryDequeue(out _);
                    });
                var pid = await Postmaster.WaitUntilReadyAsync(postgres, dataDirectory, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                if (pid > 0)
                {
                    try
                    {
                        var watchdog = OwnerWatchdog.StartForPostmaster(ownerPid, pid, dataDirectory, deleteDirectory: runDirectory);
                        return new LocalCluster(runDirectory, port, pid, postgres, watchdog, started.Elapsed);
                    }
                    catch
                    {
                        Postmaster.Stop(postgres, pid);
                        throw;
                    }
                }
                Postmaster.Stop(postgres, pid: -pid);
                var text = string.Join('\n', log);
                if (Postmaster.PortWasTaken(text) && attempt < 5)
                {
                    File.Delete(Path.Combine(dataDirectory, "postmaster.pid"));
                    continue;
                }
                throw new InvalidOperationException($"PostgreSQL ({bin}/postgres, port {port}) did not become ready:\n{text.Trim()}");
            }
        }
        catch
        {
            TryDelete(runDirectory);
            throw;
        }
    }

    /// <summary>Fast shutdown, then delete the run directory. Idempotent; safe from any thread, from ProcessExit and from a signal handler.</summary>
    public void Stop()
    {
        lock (stopGate)
        {
            if (stopped) return;
            stopped = true;
        }
        AppDomain.CurrentDomain.ProcessExit -= onProcessExit;
        sigterm.Dispose();
        Postmaster.Stop(postgres, PostmasterPid);
        TryDelete(RunDirectory);
        try { watchdog.Kill(); watchdog.WaitForExit(2000); } catch (InvalidOperationException) { }
        watchdog.Dispose();
    }

    public Task StopAsync() => Task.Run(Stop);

    /// <summary>"pid starttime" of a live process (start time tells a reused pid apart), or null when it is gone.</summary>
    internal static string? OwnerStamp(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is the state (stat field 3); the start time is stat field 22.
            return fields[0] == "Z" ? null : $"{pid} {fields[19]}";
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Stops and deletes what runs whose owner process has died left behind. Best effort.</summary>
    internal static void ReapStale(string tempRoot)
    {
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories(tempRoot, DirectoryPrefix + "*").ToList(); }
        catch (IOException) { return; }
        catch (UnauthorizedAccessException) { return; }
        foreach (var dir in dirs)
        {
            try
            {
                var ownerFile = Path.Combine(dir, "owner");
                if (File.Exists(ownerFile))
                {
                    var stamp = File.ReadAllText(ownerFile).Trim();
                    if (int.TryParse(stamp.Split(' ')[0], CultureInfo.InvariantCulture, out var ownerPid) && OwnerStamp(ownerPid) == stamp) continue;
                }
                else if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) < TimeSpan.FromMinutes(1))
                {
                    continue; // being created right now
                }

                var pidFile = Path.Combine(dir, "data", "postmaster.pid");
                if (Postmaster.PidFromFile(Path.Combine(dir, "data")) is { } pm
                    && File.Exists($"/proc/{pm}/cmdline") && File.ReadAllText($"/proc/{pm}/cmdline").Contains(dir, StringComparison.Ordinal))
                {
                    Posix.Signal(pm, Posix.SigQuit);
                    for (var i = 0; i < 50 && File.Exists(pidFile); i++) Thread.Sleep(100);
                }
                TryDelete(dir);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static void TryDelete(string directory)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                return;
            }
            catch (IOException) { Thread.Sleep(50); }
            catch (UnauthorizedAccessException) { return; }
        }
    }
}
