namespace Sia.Registry.Data;

public sealed class AllianceEntity
{
    public required string AllianceId { get; init; }
    public required string DisplayName { get; set; }
    /// <summary>Alliance.Kind as its number.</summary>
    public int Kind { get; set; }
    public int LeadUrn { get; set; }
    public uint Version { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }
}
