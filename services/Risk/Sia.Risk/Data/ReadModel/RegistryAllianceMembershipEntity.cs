namespace Sia.Risk.Data.ReadModel;

/// <summary>A school's period in an alliance, current or ended, as the registry shows it on the school.</summary>
internal sealed class RegistryAllianceMembershipEntity
{
    /// <summary>"alliances/{alliance_id}/memberships/{id}".</summary>
    public required string Name { get; init; }
    public int Urn { get; init; }

    /// <summary>"alliances/{alliance_id}".</summary>
    public required string Alliance { get; init; }
    public DateOnly JoinDate { get; set; }

    /// <summary>The first day the school is no longer a member; null while it is one.</summary>
    public DateOnly? LeaveDate { get; set; }
}
