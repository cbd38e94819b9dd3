namespace Sia.Registry.Data;

/// <summary>A period of a school's membership of an alliance: from JoinDate up to (not including) LeaveDate.</summary>
public sealed class AllianceMembershipEntity
{
    public long Id { get; init; }
    public required string AllianceId { get; init; }
    public int Urn { get; init; }
    public DateOnly JoinDate { get; set; }
    public DateOnly? LeaveDate { get; set; }
    public uint Version { get; set; }
    public DateTime CreateTime { get; init; }
}
