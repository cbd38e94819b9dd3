using System.Diagnostics;
using System.Runtime.Versioning;

namespace Sia.Stack.Tests;

/// <summary>An AppHost that cannot run PostgreSQL says why, and how to fix it, in one line, and starts nothing.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task Without_PostgreSQL_binaries_the_AppHost_stops_with_one_line_naming_the_fix()
    {
        if (!Environment.IsPrivilegedProcess) Assert.Skip("Hiding the machine's binaries takes a mount namespace, which takes root.");

        // The AppHost in a mount namespace where Debian's PostgreSQL folder is an empty tmpfs.
        var line = await RefusalAsync([], "unshare", "-m", "sh", "-c", "mount -t tmpfs none /usr/lib/postgresql && exec \"$0\" \"$@\"", "dotnet");

        Assert.StartsWith("No PostgreSQL server binaries found (looked for /usr/lib/postgresql/*/bin/postgres and initdb, and on PATH).", line);
        Assert.Contains("apt-get install -y postgresql", line);
        Assert.Contains("set Postgres__UseContainer=true to use a PostgreSQL container", line);
    }

    [Fact]
    public async Task Asking_for_a_container_where_no_container_runtime_answers_stops_the_AppHost_with_one_line_naming_the_fix()
    {
        var line = await RefusalAsync(new() { ["Postgres__UseContainer"] = "true", ["ASPIRE_CONTAINER_RUNTIME"] = "no-such-container-runtime" });

        Assert.StartsWith("Postgres__UseContainer=true needs a container runtime, and 'no-such-container-runtime info' does not answer here.", line);
        Assert.Contains("apt-get install -y postgresql", line);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_data_directory_the_postgres_user_cannot_reach_stops_the_AppHost_with_one_line_naming_the_fix()
    {
        if (!Environment.IsPrivilegedProcess) Assert.Skip("Only an AppHost run as root runs PostgreSQL as the postgres OS user.");
        var closed = Directory.CreateTempSubdirectory("sia-closed-");
        try
        {
            File.SetUnixFileMode(closed.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var data = Path.Combine(closed.FullName, "postgres", "data");

            var line = await RefusalAsync(new() { ["Postgres__DataDirectory"] = data });

            Assert.Equal($"PostgreSQL runs as the postgres OS user (the AppHost is root), who cannot reach {data}: {closed.FullName} is closed to other " +
                "users. Set Postgres__DataDirectory to a folder it can reach (for example /var/tmp/sia/postgres/data), or open " +
                $"{closed.FullName} with `chmod o+x`.", line);
        }
        finally
        {
            closed.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs the AppHost's build (copied beside the tests), by dotnet or through <paramref name="launcher"/>; it must exit 1
    /// with one line on stderr, which is returned.
    /// </summary>
    private static async Task<string> RefusalAsync(Dictionary<string, string> environment, params string[] launcher)
    {
        string[] command = [.. launcher.Length > 0 ? launcher : ["dotnet"], Path.Combine(AppContext.BaseDirectory, "Sia.AppHost.dll")];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;

        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", output);
        return Assert.Single((await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
