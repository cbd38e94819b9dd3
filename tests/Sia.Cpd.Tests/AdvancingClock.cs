namespace Sia.Cpd.Tests;

/// <summary>Real time plus however far the tests have moved it on, so deadlines given to the registry stay sensible.</summary>
public sealed class AdvancingClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves on to <paramref name="moment"/>, which must be ahead: the clock never goes back.</summary>
    public void AdvanceTo(DateTimeOffset moment)
    {
        var by = moment - GetUtcNow();
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(moment), moment, "The clock is already past it.");
        Advance(by);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
