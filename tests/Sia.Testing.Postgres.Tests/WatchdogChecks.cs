using System.Globalization;

namespace Sia.Testing.Postgres.Tests;

/// <summary>
/// How many times a watchdog has found its owner alive, at least: OwnerWatchdog's loop checks the owner, then runs a
/// `sleep 1` child, so each new sleep it is seen with is one more check passed.
/// </summary>
internal sealed class WatchdogChecks(int watchdogPid)
{
    private readonly HashSet<int> _sleeps = [];

    public int Count()
    {
        var path = $"/proc/{watchdogPid}/task/{watchdogPid}/children";
        try
        {
            foreach (var child in File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var pid = int.Parse(child, CultureInfo.InvariantCulture);
                if (File.ReadAllText($"/proc/{pid}/comm").Trim() == "sleep") _sleeps.Add(pid);
            }
        }
        catch (IOException)
        {
            // The child, or the watchdog, exited between the two reads.
        }
        return _sleeps.Count;
    }
}
