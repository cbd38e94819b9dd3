namespace Sia.Registry.Data;

public sealed class ClusterEntity
{
    public required string LaCode { get; init; }
    public required string ClusterId { get; init; }
    public required string DisplayName { get; set; }
    public uint Version { get; set; }
    public DateTime CreateTime { get; init; }
}
