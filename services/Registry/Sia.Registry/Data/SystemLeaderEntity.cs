namespace Sia.Registry.Data;

public sealed class SystemLeaderEntity
{
    public long Id { get; init; }
    public required string DisplayName { get; set; }
    /// <summary>SystemLeader.Designation as its number.</summary>
    public int Designation { get; set; }
    public string? LocalDesignation { get; set; }
    public int? HomeUrn { get; set; }
    public string? AllianceId { get; set; }
    public List<string> Specialisms { get; set; } = [];
    public List<int> PhaseOfEducationCodes { get; set; } = [];
    public bool Active { get; set; }
    public DateOnly? DesignationDate { get; set; }
    public uint Version { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }
}
