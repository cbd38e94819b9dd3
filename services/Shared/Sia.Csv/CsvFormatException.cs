namespace Sia.Csv;

/// <summary>The bytes are not CSV: a quoted field never closed, or a record longer than the reader takes.</summary>
public sealed class CsvFormatException(string message) : Exception(message);
