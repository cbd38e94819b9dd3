namespace Sia.Registry.Data;

public sealed class LocalAuthorityEntity
{
    /// <summary>The 3-digit DfE code, as text to keep leading zeros.</summary>
    public required string Code { get; init; }
    public required string DisplayName { get; set; }
    public uint Version { get; set; }
    public DateTime CreateTime { get; set; }
    public DateTime UpdateTime { get; set; }
}
