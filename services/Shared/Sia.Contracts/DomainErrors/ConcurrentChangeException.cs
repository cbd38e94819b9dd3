namespace Sia.Contracts.DomainErrors;

/// <summary>
/// Someone else changed the resource since the caller read it: a stale etag, or a row changed between read and save
/// (gRPC: ABORTED).
/// </summary>
public sealed class ConcurrentChangeException(string resourceName)
    : DomainException($"{resourceName} was changed by someone else (the etag does not match). Read it again and retry.")
{
    public string ResourceName { get; } = resourceName;
}
