using Sia.Csv;
using System.Text;

namespace Sia.Registry.Gias;

/// <summary>Where each column SIA reads sits in this file's header; GIAS does not promise a column order.</summary>
internal sealed class GiasHeader(int fieldCount, int[] positions)
{
    public int FieldCount { get; } = fieldCount;

    /// <summary>The column's field index, or -1 when the file lacks that (optional) column.</summary>
    public int PositionOf(GiasColumn column) => positions[(int)column];

    public static GiasHeader Parse(CsvRecord record, Encoding encoding)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.FieldCount; i++)
        {
            byName.TryAdd(encoding.GetString(record[i]).Trim(), i);
        }

        var missing = GiasColumns.Required.Select(GiasColumns.Header).Where(name => !byName.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new GiasFormatException(
                $"The header on line {record.LineNumber} lacks the required GIAS column(s) {string.Join(", ", missing.Select(name => $"'{name}'"))}: this is not a GIAS establishments extract.");
        }

        return new GiasHeader(record.FieldCount, [.. GiasColumns.All.Select(column => byName.GetValueOrDefault(column.Header(), -1))]);
    }
}
