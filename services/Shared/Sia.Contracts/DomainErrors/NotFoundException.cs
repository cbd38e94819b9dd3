namespace Sia.Contracts.DomainErrors;

/// <summary>The resource the request names does not exist (gRPC: NOT_FOUND with google.rpc.ResourceInfo).</summary>
public sealed class NotFoundException(string resourceName) : DomainException($"{resourceName} does not exist.")
{
    public string ResourceName { get; } = resourceName;
}
