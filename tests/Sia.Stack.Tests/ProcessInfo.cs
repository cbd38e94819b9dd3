using System.Globalization;

namespace Sia.Stack.Tests;

/// <summary>A process seen in /proc, known by its pid and start time, so that a reused pid is not taken for it.</summary>
public sealed record ProcessInfo(int Pid, int ParentPid, long StartTicks, string CommandLine)
{
    public bool IsAlive => Read(Pid) is { } now && now.StartTicks == StartTicks;

    /// <summary>
    /// A test app's processes: the DCP that runs the PostgreSQL of the app's data directory, and everything under it.
    /// </summary>
    public static IReadOnlyList<ProcessInfo> OfTestApp(string dataDirectory)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? Read(pid) : null)
            .OfType<ProcessInfo>()
            .ToDictionary(p => p.Pid);
        var postgres = all.Values.First(p => p.CommandLine.Contains("local-postgres.sh", StringComparison.Ordinal)
            && p.CommandLine.Contains(dataDirectory, StringComparison.Ordinal));
        var dcp = postgres;
        while (all.GetValueOrDefault(dcp.ParentPid) is { } parent && parent.CommandLine.Contains("/dcp ", StringComparison.Ordinal)) dcp = parent;
        var ours = new HashSet<int> { dcp.Pid };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var process in all.Values.Where(p => !ours.Contains(p.Pid) && ours.Contains(p.ParentPid))) grew |= ours.Add(process.Pid);
        }
        return ours.Select(pid => all[pid]).ToList();
    }

    /// <summary>Waits until none of <paramref name="processes"/> runs any more, or <paramref name="limit"/> has passed.</summary>
    public static async Task WaitUntilGoneAsync(IReadOnlyCollection<ProcessInfo> processes, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (processes.Any(p => p.IsAlive) && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    private static ProcessInfo? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (name) "
            if (fields[0] == "Z") return null; // exited, not yet reaped
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new ProcessInfo(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture), commandLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
