using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sia.Risk.Tests.ReadModel;

/// <summary>
/// While armed, fails every command that writes the follow state (the resume token): the last step of applying a batch, after
/// the copy's own rows have been written.
/// </summary>
internal sealed class FollowStateWriteFault : DbCommandInterceptor
{
    private volatile bool armed;
    private int failures;

    public int Failures => Volatile.Read(ref failures);

    public void Arm() => armed = true;

    public void Disarm() => armed = false;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        FailIfArmed(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        FailIfArmed(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void FailIfArmed(DbCommand command)
    {
        if (!armed || !command.CommandText.Contains("UPDATE registry_follow_state", StringComparison.Ordinal)) return;
        Interlocked.Increment(ref failures);
        throw new InvalidOperationException("A failure injected into writing the follow state.");
    }
}
