using System.Diagnostics;
using System.Globalization;

namespace Sia.Testing.Postgres;

/// <summary>A PostgreSQL server process: create its data directory, start it, know when it is ready, stop it fast.</summary>
internal static class Postmaster
{
    /// <summary>Runs initdb for superuser <c>postgres</c> with UTF-8 and the C.UTF-8 locale (plain C where that locale is missing).</summary>
    /// <param name="options">More initdb options, e.g. the authentication method or <c>--no-sync</c>.</param>
    public static async Task InitDbAsync(string binDirectory, string dataDirectory, string workingDirectory, IEnumerable<string> options)
    {
        string[] initdb = [Path.Combine(binDirectory, "initdb"), "-D", dataDirectory, "-U", "postgres", "-E", "UTF8", .. options];
        var (code, output) = await ChildProcess.RunAsync(initdb[0], [.. initdb[1..], "--locale=C.UTF-8"], workingDirectory, asServerUser: true).ConfigureAwait(false);
        if (code != 0 && !Directory.Exists(dataDirectory))
        {
            (code, output) = await ChildProcess.RunAsync(initdb[0], [.. initdb[1..], "--locale=C"], workingDirectory, asServerUser: true).ConfigureAwait(false);
        }
        if (code != 0) throw new InvalidOperationException($"initdb failed (exit {code}):\n{output.Trim()}");
    }

    /// <summary>Starts postgres on 127.0.0.1:<paramref name="port"/>, in a session of its own, with its socket in the data directory.</summary>
    /// <param name="settings">More <c>-c name=value</c> settings.</param>
    public static Process Start(string binDirectory, string dataDirectory, int port, IEnumerable<string> settings, string workingDirectory, Action<string>? onLine)
    {
        List<string> arguments =
        [
            "-D", dataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={dataDirectory}",
        ];
        foreach (var setting in settings) arguments.AddRange(["-c", setting]);
        return ChildProcess.Start(Path.Combine(binDirectory, "postgres"), arguments, workingDirectory, asServerUser: true, onLine, newSession: true);
    }

    /// <summary>Returns the postmaster's pid once it accepts connections, or minus that pid (0 if unknown) when it exited or timed out.</summary>
    public static async Task<int> WaitUntilReadyAsync(Process postgres, string dataDirectory, TimeSpan timeout)
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
            catch (UnauthorizedAccessException) { }
            if (postgres.HasExited) return -pid;
            await Task.Delay(10).ConfigureAwait(false);
        }
        return -pid;
    }

    /// <summary>The pid in the data directory's postmaster.pid, if there is one; it may name a process that has died.</summary>
    public static int? PidFromFile(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether a failed start's output says the port was taken (worth a retry on another port).</summary>
    public static bool PortWasTaken(string output) =>
        output.Contains("could not bind", StringComparison.Ordinal) || output.Contains("could not create any TCP/IP sockets", StringComparison.Ordinal);

    /// <summary>Fast shutdown (SIGINT to the postmaster), escalating to immediate (SIGQUIT) and SIGKILL when it hangs; disposes the process.</summary>
    public static void Stop(Process process, int pid)
    {
        try
        {
            if (!process.HasExited && pid > 0)
            {
                Posix.Signal(pid, Posix.SigInt);
                if (!process.WaitForExit(15_000))
                {
                    Posix.Signal(pid, Posix.SigQuit);
                    if (!process.WaitForExit(5_000)) Posix.Signal(pid, Posix.SigKill);
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
}
