using System.Diagnostics;
using System.Globalization;

namespace Sia.Hosting.Postgres;

/// <summary>
/// A shell in a session of its own that stops a postmaster (fast shutdown) once the process that owns it has gone,
/// even after SIGKILL, and then, if asked, deletes a directory. It exits by itself when the server stops normally.
/// </summary>
public static class OwnerWatchdog
{
    // Ignores the terminal's signals, so that a Ctrl-C to the owner's process group still leaves it to clean up.
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        trap '' HUP INT TERM
        owner=$1 pm=$2 data=$3 delete=$4
        alive() {
          [ -d "/proc/$owner" ] || return 1
          case "$(cat "/proc/$owner/stat" 2>/dev/null)" in ""|*") Z "*) return 1;; esac
          return 0
        }
        while [ -e "$data/postmaster.pid" ] && alive; do sleep 1; done
        alive && exit 0
        if [ -e "$data/postmaster.pid" ]; then
          kill -INT "$pm"
          i=0; while [ -e "$data/postmaster.pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
          if [ -e "$data/postmaster.pid" ]; then kill -QUIT "$pm"; sleep 2; kill -KILL "$pm"; fi
        fi
        [ -n "$delete" ] && rm -rf "$delete"
        exit 0
        """;

    /// <param name="deleteDirectory">Deleted after the server stops, when the owner died; null to keep everything.</param>
    public static Process Start(int ownerPid, int postmasterPid, string dataDirectory, string? deleteDirectory) =>
        ToolProcess.Start("/bin/sh", ["-c", Script, "sia-pg-watchdog",
            ownerPid.ToString(CultureInfo.InvariantCulture), postmasterPid.ToString(CultureInfo.InvariantCulture), dataDirectory, deleteDirectory ?? ""],
            dataDirectory, asServerUser: false, onLine: null, newSession: true);
}
