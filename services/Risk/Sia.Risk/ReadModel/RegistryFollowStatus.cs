using Sia.Risk.Data.ReadModel;

namespace Sia.Risk.ReadModel;

/// <summary>What <see cref="RegistryFollower"/> is doing, for the health check: one writer (the follower), any readers.</summary>
internal sealed class RegistryFollowStatus
{
    private volatile RegistryFollowProgress current = new(Connected: false, Since: null, AppliedChanges: 0, LastChangeTime: null, LastAppliedTime: null);

    public RegistryFollowProgress Current => current;

    public void Connected(DateTime now) => current = current with { Connected = true, Since = now };

    /// <summary>Since the first failure of an outage, not the latest attempt.</summary>
    public void Disconnected(DateTime now)
    {
        if (current.Connected || current.Since is null) current = current with { Connected = false, Since = now };
    }

    public void Advanced(RegistryFollowStateEntity state) =>
        current = current with { AppliedChanges = state.AppliedChanges, LastChangeTime = state.LastChangeTime, LastAppliedTime = state.AdvanceTime };
}

/// <summary>
/// Whether the registry's change stream is open, since when it is or is not (null before the first attempt), and the copy's
/// progress: changes applied, when the registry committed the last of them and when it was applied here.
/// </summary>
internal sealed record RegistryFollowProgress(bool Connected, DateTime? Since, long AppliedChanges, DateTime? LastChangeTime, DateTime? LastAppliedTime);
