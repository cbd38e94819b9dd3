using System.Diagnostics;
using System.Globalization;

namespace Sia.Testing.Postgres;

/// <summary>
/// A shell in a session of its own that stops a child process once the process that owns it has gone, even after
/// SIGKILL: first with the child's own shutdown signal, then SIGQUIT and SIGKILL if it hangs; then, if asked, it deletes
/// a directory. It exits by itself when the child stops while the owner lives.
/// </summary>
internal static class OwnerWatchdog
{
    // Ignores the terminal's signals, so that a Ctrl-C to the owner's process group still leaves it to clean up.
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        trap '' HUP INT TERM
        owner=$1 child=$2 signal=$3 running=$4 delete=$5
        alive() {
          [ -d "/proc/$owner" ] || return 1
          case "$(cat "/proc/$owner/stat" 2>/dev/null)" in ""|*") Z "*) return 1;; esac
          return 0
        }
        while [ -e "$running" ] && alive; do sleep 1; done
        alive && exit 0
        if [ -e "$running" ]; then
          kill -"$signal" "$child"
          i=0; while [ -e "$running" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
          if [ -e "$running" ]; then kill -QUIT "$child"; sleep 2; kill -KILL "$child"; fi
        fi
        [ -n "$delete" ] && rm -rf "$delete"
        exit 0
        """;

    /// <summary>Watches a PostgreSQL server: it runs while its data directory's postmaster.pid exists; SIGINT is a fast shutdown.</summary>
    /// <param name="deleteDirectory">Deleted after the server stops, when the owner died; null to keep everything.</param>
    public static Process StartForPostmaster(int ownerPid, int postmasterPid, string dataDirectory, string? deleteDirectory) =>
        Start(ownerPid, postmasterPid, Posix.SigInt, Path.Combine(dataDirectory, "postmaster.pid"), deleteDirectory, dataDirectory);

    private static Process Start(int ownerPid, int childPid, int signal, string runningPath, string? deleteDirectory, string workingDirectory) =>
        ChildProcess.Start("/bin/sh", ["-c", Script, "sia-watchdog",
            ownerPid.ToString(CultureInfo.InvariantCulture), childPid.ToString(CultureInfo.InvariantCulture),
            signal.ToString(CultureInfo.InvariantCulture), runningPath, deleteDirectory ?? ""],
            workingDirectory, asServerUser: false, onLine: null, newSession: true);
}
