namespace Sia.Registry.Gias;

/// <summary>The result of one data row: exactly one of <see cref="Row"/> and <see cref="Rejected"/> is set.</summary>
public readonly record struct GiasParseResult(GiasSchoolRow? Row, GiasRejectedRow? Rejected);
