namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// One booking change per session at a time within this instance, so callers queue here rather than each holding a
/// database connection while waiting for the session's row lock (200 bookers on one session would take 200
/// connections). The row lock still keeps instances apart; this only spares connections.
/// </summary>
internal sealed class SessionGates
{
    private readonly Dictionary<string, Gate> _gates = [];

    public async Task<IDisposable> EnterAsync(string session, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(session, out gate!)) _gates[session] = gate = new Gate();
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(session, gate);
            throw;
        }
        return new Entered(() =>
        {
            gate.Semaphore.Release();
            Leave(session, gate);
        });
    }

    private void Leave(string session, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users > 0) return;
            _gates.Remove(session);
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
