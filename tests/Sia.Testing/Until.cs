using System.Diagnostics;

namespace Sia.Testing;

/// <summary>Waits on a condition rather than on the clock: it returns as soon as the condition holds, and fails after a generous timeout.</summary>
public static class Until
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);

    public static Task TrueAsync(Func<Task<bool>> condition, string what) => TrueAsync(condition, what, Generous);

    /// <summary>As the others, with a timeout of its own: for a step that waits on a whole other process under a loaded machine.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            await Task.Delay(50);
        }
    }
}
