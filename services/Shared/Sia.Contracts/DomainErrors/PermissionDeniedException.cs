namespace Sia.Contracts.DomainErrors;

/// <summary>
/// The calling partner may not do this to this resource: it acts for other local authorities, alliances or schools
/// (gRPC: PERMISSION_DENIED with google.rpc.ErrorInfo naming the resource).
/// </summary>
public sealed class PermissionDeniedException(string resourceName, string description) : DomainException(description)
{
    public string ResourceName { get; } = resourceName;
}
