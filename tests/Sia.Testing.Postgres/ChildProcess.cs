using System.Diagnostics;

namespace Sia.Testing.Postgres;

/// <summary>
/// Starts child processes with their output captured line by line and none of our standard streams inherited;
/// PostgreSQL's programs run as the <c>postgres</c> OS user when this process is root (initdb and postgres refuse root).
/// </summary>
internal static class ChildProcess
{
    public const string ServerOsUser = "postgres";

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <param name="onLine">Receives each line of standard output and error.</param>
    /// <param name="newSession">Run in a session of its own (setsid), out of reach of the signals a terminal sends this
    /// process group (Ctrl-C, hangup): it runs until its owner stops it, in the order the owner chooses.</param>
    /// <param name="environment">Variables to set in the child's environment, on top of ours.</param>
    public static Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory, bool asServerUser,
        Action<string>? onLine, bool newSession = false, IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var info = new ProcessStartInfo
        {
            // Never inherit our standard streams: a server left behind would hold the owner's output pipe open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        var command = new List<string>();
        if (newSession && Setsid is not null) command.Add(Setsid);
        if (asServerUser && Environment.IsPrivilegedProcess) command.AddRange(["runuser", "-u", ServerOsUser, "--"]);
        command.Add(fileName);
        info.FileName = command[0];
        foreach (var arg in command.Skip(1).Concat(arguments)) info.ArgumentList.Add(arg);
        // PGPORT, PGDATA and friends in our environment would quietly change what PostgreSQL's tools and Npgsql do.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a program to its end (at most a minute) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, bool asServerUser)
    {
        var output = new List<string>();
        void Append(string line) { lock (output) output.Add(line); }
        using var process = Start(fileName, arguments, workingDirectory, asServerUser, Append);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within 60 s:\n{Joined(output)}");
        }
        return (process.ExitCode, Joined(output));

        static string Joined(List<string> lines) { lock (lines) return string.Join('\n', lines); }
    }

    /// <summary>Running as root, gives <paramref name="directory"/> to the server's OS user; otherwise does nothing.</summary>
    public static async Task HandToServerUserAsync(string directory)
    {
        if (!Environment.IsPrivilegedProcess) return;
        var (code, output) = await RunAsync("chown", ["-R", $"{ServerOsUser}:", directory], directory, asServerUser: false).ConfigureAwait(false);
        if (code != 0)
            throw new InvalidOperationException($"Could not hand {directory} to the '{ServerOsUser}' OS user (chown exited {code}): {output.Trim()} " +
                "Running as root, PostgreSQL must run as that user: `apt-get install -y postgresql` creates it.");
        // Owning the directory is not enough when a parent (say /root) is closed to other users.
        var (reachable, _) = await RunAsync("test", ["-r", directory, "-a", "-w", directory, "-a", "-x", directory], "/", asServerUser: true).ConfigureAwait(false);
        if (reachable != 0)
            throw new InvalidOperationException($"The '{ServerOsUser}' OS user cannot reach {directory}, though it owns it: a parent directory is closed to it. " +
                "Use a directory it can reach (TMPDIR=/var/tmp for the test servers), or open the parents (chmod o+x).");
    }
}
