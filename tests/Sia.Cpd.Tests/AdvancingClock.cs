namespace Sia.Cpd.Tests;

/// <summary>Real time plus however far the tests have moved it on, so deadlines given to the registry stay sensible.</summary>
public sealed class AdvancingClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
