namespace Sia.Contracts.DomainErrors;

/// <summary>One bad field of a request, by its path in the API ("school.display_name") and what is wrong with it.</summary>
public readonly record struct FieldViolation(string Field, string Description);
