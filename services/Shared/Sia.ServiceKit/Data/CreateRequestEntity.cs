namespace Sia.ServiceKit.Data;

/// <summary>A create that has been done, by its client request id: a retry returns the same resource.</summary>
public sealed class CreateRequestEntity
{
    public Guid RequestId { get; init; }
    public required string ResourceName { get; init; }
    public DateTime CreateTime { get; init; }
}
