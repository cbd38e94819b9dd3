namespace Sia.Contracts.DomainErrors;

/// <summary>
/// A request the domain refuses, in terms any SIA service shares and no transport knows of; each service's API layer
/// answers it in its own way (gRPC: <see cref="RpcErrors.From"/>). The set is closed: these are the refusals there are.
/// </summary>
public abstract class DomainException : Exception
{
    private protected DomainException(string message) : base(message)
    {
    }
}
