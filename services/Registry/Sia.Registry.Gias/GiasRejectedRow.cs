namespace Sia.Registry.Gias;

/// <summary>A data row that could not be read, with the reason naming the column and the bad value.</summary>
public sealed record GiasRejectedRow(int LineNumber, string Reason);
