namespace Sia.Contracts.DomainErrors;

/// <summary>Collects field violations, then throws them all at once, so a caller learns every problem in one answer.</summary>
public sealed class Violations
{
    private readonly List<FieldViolation> _violations = [];

    public void Add(string field, string description) => _violations.Add(new FieldViolation(field, description));

    public IReadOnlyList<FieldViolation> Items => _violations;

    public void ThrowIfAny()
    {
        if (_violations.Count > 0) throw new ValidationFailedException([.. _violations]);
    }
}
