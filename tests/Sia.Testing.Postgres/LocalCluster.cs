using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

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
    private const string OsUser = "postgres";
    private const int SigInt = 2, SigQuit = 3, SigKill = 9;

    // Stops the cluster and deletes its run directory once the owner process has gone; exits by itself
    // when the run directory disappears (a normal stop). Ignores the terminal's signals, so that a Ctrl-C
    // to the test run's process group still leaves it to clean up.
    private const string WatchdogScript = """
        exec </dev/null >/dev/null 2>&1
        trap '' HUP INT TERM
        owner=$1 pm=$2 dir=$3
        alive() {
          [ -d "/proc/$owner" ] || return 1
          case "$(cat "/proc/$owner/stat" 2>/dev/null)" in ""|*") Z "*) return 1;; esac
          return 0
        }
        while [ -d "$dir" ] && alive; do sleep 1; done
        [ -d "$dir" ] || exit 0
        if [ -e "$dir/data/postmaster.pid" ]; then
          kill -INT "$pm"
          i=0; while [ -e "$dir/data/postmaster.pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
          if [ -e "$dir/data/postmaster.pid" ]; then kill -QUIT "$pm"; sleep 2; kill -KILL "$pm"; fi
        fi
        rm -rf "$dir"
        """;

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
        $"No PostgreSQL server binaries found (looked for {options.DebianRoot}/*/bin/postgres and initdb" +
        (options.SearchPath ? ", and on PATH" : "") + "). To fix, either install them: `apt-get install -y postgresql` " +
        "(tests/setup.sh does this), or set the environment variable " + PostgresServer.ConnectionStringVariable +
        " to the Npgsql connection string of an existing server whose user may CREATE DATABASE, e.g. " +
        PostgresServer.ConnectionStringVariable + "='Host=127.0.0.1;Port=5432;Username=postgres;Password=secret'.";

    internal static string? FindBinDirectory(LocalClusterOptions options)
    {
        static bool HasBinaries(string dir) => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb"));

        if (Directory.Exists(options.DebianRoot))
        {
            var newest = Directory.EnumerateDirectories(options.DebianRoot)
                .Select(dir => (bin: Path.Combine(dir, "bin"), version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.version >= 0 && HasBinaries(x.bin))
                .OrderByDescending(x => x.version)
                .Select(x => x.bin)
                .FirstOrDefault();
            if (newest is not null) return newest;
        }
        if (options.SearchPath)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (HasBinaries(dir)) return dir;
            }
        }
        return null;
    }

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
            if (Environment.IsPrivilegedProcess)
            {
                // initdb and postgres refuse to run as root: they run as the postgres OS user, which owns the directory.
                var (code, output) = await RunAsync("chown", [$"{OsUser}:", runDirectory], runDirectory, asServerUser: false).ConfigureAwait(false);
                if (code != 0) throw new InvalidOperationException($"Could not hand {runDirectory} to the '{OsUser}' OS user (chown exited {code}): {output.Trim()} " +
                    "Running as root, PostgreSQL must run as that user: `apt-get install -y postgresql` creates it.");
            }

            var dataDirectory = Path.Combine(runDirectory, "data");
            string[] initdb = [Path.Combine(bin, "initdb"), "-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"];
            var (initCode, initOutput) = await RunAsync(initdb[0], [.. initdb[1..], "--locale=C.UTF-8"], runDirectory, asServerUser: true).ConfigureAwait(false);
            if (initCode != 0 && !Directory.Exists(dataDirectory))
            {
                // A system without the C.UTF-8 locale: the plain C locale works everywhere.
                (initCode, initOutput) = await RunAsync(initdb[0], [.. initdb[1..], "--locale=C"], runDirectory, asServerUser: true).ConfigureAwait(false);
            }
            if (initCode != 0) throw new InvalidOperationException($"initdb failed (exit {initCode}):\n{initOutput.Trim()}");

            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var log = new ConcurrentQueue<string>();
                var postgres = StartProcess(Path.Combine(bin, "postgres"),
                [
                    "-D", dataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture),
                    "-c", "listen_addresses=127.0.0.1",
                    "-c", $"unix_socket_directories={dataDirectory}",
                    "-c", "max_connections=200",
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off",
                    "-c", "jit=off",
                    "-c", "log_checkpoints=off",
                    "-c", "logging_collector=off",
                ], runDirectory, asServerUser: true, log, newSession: true);
                var pid = await WaitUntilReadyAsync(postgres, dataDirectory, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                if (pid > 0)
                {
                    try
                    {
                        var watchdog = StartWatchdog(ownerPid, pid, runDirectory);
                        return new LocalCluster(runDirectory, port, pid, postgres, watchdog, started.Elapsed);
                    }
                    catch
                    {
                        StopProcess(postgres, pid);
                        throw;
                    }
                }
                StopProcess(postgres, pid: -pid);
                var text = string.Join('\n', log);
                var portTaken = text.Contains("could not bind", StringComparison.Ordinal) || text.Contains("could not create any TCP/IP sockets", StringComparison.Ordinal);
                if (portTaken && attempt < 5)
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
        StopProcess(postgres, PostmasterPid);
        TryDelete(RunDirectory);
        try { watchdog.Kill(); watchdog.WaitForExit(2000); } catch (InvalidOperationException) { }
        watchdog.Dispose();
    }

    public Task StopAsync() => Task.Run(Stop);

    // Fast shutdown (SIGINT to the postmaster), escalating to immediate (SIGQUIT) and SIGKILL when it hangs.
    private static void StopProcess(Process process, int pid)
    {
        try
        {
            if (!process.HasExited && pid > 0)
            {
                _ = kill(pid, SigInt);
                if (!process.WaitForExit(15_000))
                {
                    _ = kill(pid, SigQuit);
                    if (!process.WaitForExit(5_000)) _ = kill(pid, SigKill);
                }
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException) { }
        finally { process.Dispose(); }
    }

    /// <summary>Returns the postmaster's pid once it accepts connections, or minus that pid (0 if unknown) when it exited or timed out.</summary>
    private static async Task<int> WaitUntilReadyAsync(Process postgres, string dataDirectory, TimeSpan timeout)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        var deadline = Stopwatch.StartNew();
        var pid = 0;
        while (deadline.Elapsed < timeout)
        {
            try
            {
                // postmaster.pid: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
                var lines = File.ReadAllLines(pidFile);
                if (lines.Length > 0 && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var p)) pid = p;
                if (lines.Length >= 8 && lines[7].Trim() == "ready" && pid > 0) return pid;
            }
            catch (IOException) { }
            if (postgres.HasExited) return -pid;
            await Task.Delay(10).ConfigureAwait(false);
        }
        return -pid;
    }

    private static Process StartWatchdog(int ownerPid, int postmasterPid, string runDirectory) =>
        StartProcess("/bin/sh", ["-c", WatchdogScript, "sia-pg-watchdog",
            ownerPid.ToString(CultureInfo.InvariantCulture), postmasterPid.ToString(CultureInfo.InvariantCulture), runDirectory],
            runDirectory, asServerUser: false, log: null, newSession: true);

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <param name="newSession">Run in a session of its own (setsid), out of reach of the signals a terminal sends the
    /// test run's process group (Ctrl-C, hangup): the server stays up while the tests wind down and dispose their fixtures.</param>
    private static Process StartProcess(string fileName, IEnumerable<string> arguments, string workingDirectory, bool asServerUser, ConcurrentQueue<string>? log, bool newSession = false)
    {
        var info = new ProcessStartInfo
        {
            // Never inherit the test run's standard streams: a server left behind would hold its output pipe open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        var command = new List<string>();
        if (newSession && Setsid is not null) command.Add(Setsid);
        if (asServerUser && Environment.IsPrivilegedProcess) command.AddRange(["runuser", "-u", OsUser, "--"]);
        command.Add(fileName);
        info.FileName = command[0];
        foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        void Append(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null || log is null) return;
            log.Enqueue(e.Data);
            while (log.Count > 200) log.TryDequeue(out string? _);
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, bool asServerUser)
    {
        var log = new ConcurrentQueue<string>();
        using var process = StartProcess(fileName, arguments, workingDirectory, asServerUser, log);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within 60 s:\n{string.Join('\n', log)}");
        }
        return (process.ExitCode, string.Join('\n', log));
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

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
                if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var pm)
                    && File.Exists($"/proc/{pm}/cmdline") && File.ReadAllText($"/proc/{pm}/cmdline").Contains(dir, StringComparison.Ordinal))
                {
                    _ = kill(pm, SigQuit);
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

    private static int kill(int pid, int sig)
    {
        Native.Initialize();
        return Native.kill(pid, sig);
    }

    private static class Native
    {
        // "libc" alone may resolve to nothing (libc.so is a linker script, and only with libc6-dev): glibc's soname first.
        static Native() => NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, (name, assembly, path) =>
            name == "libc" && NativeLibrary.TryLoad("libc.so.6", out var handle) ? handle : IntPtr.Zero);

        internal static void Initialize() { } // runs the static constructor

        [DllImport("libc", SetLastError = true)]
        internal static extern int kill(int pid, int sig);
    }
}
