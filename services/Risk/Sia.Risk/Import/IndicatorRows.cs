namespace Sia.Risk.Import;

/// <summary>One school's value of one indicator for one academic year, from the file's line.</summary>
internal sealed record IndicatorRow(int LineNumber, int Urn, string Indicator, int AcademicYear, double Value, double? National);

/// <summary>A line of the file that is not an indicator row, and why.</summary>
internal sealed record RejectedIndicatorRow(int LineNumber, string Reason);

/// <summary>Each record of the file after the header: a row, or a rejection.</summary>
internal readonly record struct IndicatorParseResult(IndicatorRow? Row, RejectedIndicatorRow? Rejected);
