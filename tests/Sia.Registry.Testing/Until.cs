using System.Diagnostics;

namespace Sia.Registry.Testing;

/// <summary>Waits on a condition rather than on the clock: it returns as soon as the condition holds, and fails after a generous timeout.</summary>
public static class Until
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Generous) throw new TimeoutException($"Waited {Generous.TotalSeconds:0} s for {what}.");
            await Task.Delay(50);
        }
    }
}
