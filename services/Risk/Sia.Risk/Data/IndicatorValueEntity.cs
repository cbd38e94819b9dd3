namespace Sia.Risk.Data;

/// <summary>A school's value of a performance indicator for an academic year, and the national comparator where there is one.</summary>
internal sealed class IndicatorValueEntity
{
    public int Urn { get; init; }
    public required string Indicator { get; init; }
    public int AcademicYear { get; init; }
    public double Value { get; set; }
    public double? National { get; set; }
}
