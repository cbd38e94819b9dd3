namespace Sia.Contracts.DomainErrors;

/// <summary>What the request would create clashes with a resource that exists (gRPC: ALREADY_EXISTS with google.rpc.ResourceInfo).</summary>
public sealed class AlreadyExistsException(string resourceName, string description) : DomainException(description)
{
    public AlreadyExistsException(string resourceName) : this(resourceName, $"{resourceName} already exists.")
    {
    }

    /// <summary>The resource that exists (or, where it has no name, what it is).</summary>
    public string ResourceName { get; } = resourceName;
}
