namespace Sia.Csv;

/// <summary>A view of one CSV record: its fields' unquoted bytes, valid until the splitter reads on.</summary>
public readonly ref struct CsvRecord(int lineNumber, ReadOnlySpan<byte> data, ReadOnlySpan<int> fieldEnds)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private readonly ReadOnlySpan<int> _fieldEnds = fieldEnds;

    public int LineNumber { get; } = lineNumber;

    public int FieldCount => _fieldEnds.Length;

    public ReadOnlySpan<byte> this[int index] => _data[(index == 0 ? 0 : _fieldEnds[index - 1]).._fieldEnds[index]];
}
