using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sia.Registry.Data;

namespace Sia.Registry.Tests;

/// <summary>
/// Holds one write of the change log, once armed, in the real write path (RegistryDbContext.SaveChangesAsync): after its
/// change rows are saved, with their sequence numbers, and before its transaction commits, until released. Add it with
/// ConfigureDbContext... AddInterceptors.
/// </summary>
internal sealed class ChangeLogWriteHold : SaveChangesInterceptor
{
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int armed;

    /// <summary>Holds the next write of the change log.</summary>
    public void Arm() => Volatile.Write(ref armed, 1);

    /// <summary>Completes when a write is held.</summary>
    public Task Held => held.Task;

    public void Release() => released.TrySetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // The save of the change rows is the one whose context tracks them; the resources' own save comes before it.
        if (eventData.Context!.ChangeTracker.Entries<ChangeEntity>().Any() && Interlocked.Exchange(ref armed, 0) == 1)
        {
            held.SetResult();
            await released.Task.WaitAsync(cancellationToken);
        }
        return result;
    }
}
