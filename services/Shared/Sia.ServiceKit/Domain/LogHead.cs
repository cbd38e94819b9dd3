namespace Sia.ServiceKit.Domain;

/// <summary>
/// A log's head, the highest sequence committed, as this process last read it (<see cref="Data.CommitListener{TContext}"/>):
/// one signal that every watcher of the process waits on, not a queue per watcher. Moving it wakes them all; each then
/// reads what it has not sent, so a slow watcher only reads later and holds up neither the listener nor other watchers.
/// </summary>
public sealed class LogHead
{
    private readonly Lock gate = new();
    private long sequence;
    private TaskCompletionSource moved = NewSignal();

    /// <summary>
    /// Sets the head to what was read, and wakes every waiter if it changed. It can go down only if the database did (a
    /// restore to an earlier point); waiters then wait until it passes what they have sent again.
    /// </summary>
    public void MoveTo(long head)
    {
        TaskCompletionSource released;
        lock (gate)
        {
            if (head == sequence) return;
            sequence = head;
            released = moved;
            moved = NewSignal();
        }
        released.SetResult();
    }

    /// <summary>Returns once the head is past <paramref name="after"/>: at once if it already is.</summary>
    public async Task WaitPastAsync(long after, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (sequence > after) return;
                next = moved.Task;
            }
            await next.WaitAsync(cancellationToken);
        }
    }

    // Waiters continue on the thread pool, not on the listener's thread that moved the head.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
