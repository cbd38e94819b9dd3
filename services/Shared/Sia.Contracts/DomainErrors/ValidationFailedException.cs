namespace Sia.Contracts.DomainErrors;

/// <summary>The request has bad fields (gRPC: INVALID_ARGUMENT with google.rpc.BadRequest).</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldViolation> violations)
    : DomainException(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public ValidationFailedException(string field, string description) : this([new FieldViolation(field, description)])
    {
    }

    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}
