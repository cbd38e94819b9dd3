namespace Sia.ServiceKit.Domain;

/// <summary>
/// One caller per key at a time within this instance: callers that are about to wait for the same row lock (a CPD
/// session's, a fund's) queue here rather than each holding a database connection while they wait (200 bookers on one
/// session would take 200 connections, and run the pool dry). The row lock still keeps instances apart; this only spares
/// connections. Keys of different kinds must not collide: use resource names.
/// </summary>
public sealed class KeyedGates
{
    private readonly Dictionary<string, Gate> _gates = [];

    /// <summary>Waits for the key's turn; disposing what it returns lets the next caller in.</summary>
    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!)) _gates[key] = gate = new Gate();
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }
        return new Entered(() =>
        {
            gate.Semaphore.Release();
            Leave(key, gate);
        });
    }

    private void Leave(string key, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users > 0) return;
            _gates.Remove(key);
            gate.Semaphore.Dispose();
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Entered(Action leave) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) leave();
        }
    }
}
