namespace Sia.Contracts.DomainErrors;

/// <summary>
/// The request is valid but the system is not in a state to do it: a closed school, a reference to a resource that
/// does not exist (gRPC: FAILED_PRECONDITION with google.rpc.PreconditionFailure).
/// </summary>
public sealed class PreconditionFailedException(string subject, string description) : DomainException(description)
{
    /// <summary>The resource whose state is in the way.</summary>
    public string Subject { get; } = subject;
}
