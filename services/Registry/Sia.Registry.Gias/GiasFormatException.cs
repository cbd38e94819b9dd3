namespace Sia.Registry.Gias;

/// <summary>The input is not a GIAS CSV file at all (bad header, unclosed quote, runaway record), as opposed to one bad row.</summary>
public sealed class GiasFormatException(string message) : Exception(message);
