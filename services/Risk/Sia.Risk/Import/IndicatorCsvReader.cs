using System.Globalization;
using System.Text;
using Sia.Csv;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Frameworks;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Import;

/// <summary>
/// Parses an indicators CSV file incrementally from byte chunks split anywhere: a header naming urn, indicator,
/// academic_year, value and optionally national, in any order, then one row per school, indicator and year. UTF-8, with or
/// without a byte order mark. Only the record in progress is held.
/// </summary>
internal sealed class IndicatorCsvReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly string[] Required = ["urn", "indicator", "academic_year", "value"];
    private const string NationalColumn = "national";

    private readonly CsvRecordSplitter _splitter = new(maxRecordBytes: 64 * 1024);
    private readonly byte[] _start = new byte[Utf8Bom.Length];
    private int _startLength;
    private bool _started;
    private Dictionary<string, int>? _columns;
    private int _headerFields;

    /// <summary>Feeds the next chunk and returns the rows it completed.</summary>
    /// <exception cref="CsvFormatException">The header lacks a column, or the bytes are not CSV.</exception>
    public IReadOnlyList<IndicatorParseResult> Feed(ReadOnlySpan<byte> chunk)
    {
        var results = new List<IndicatorParseResult>();
        if (!_started)
        {
            // Hold the first bytes back until it is clear whether they are a byte order mark.
            var taken = Math.Min(chunk.Length, _start.Length - _startLength);
            chunk[..taken].CopyTo(_start.AsSpan(_startLength));
            _startLength += taken;
            chunk = chunk[taken..];
            if (_startLength < _start.Length && Utf8Bom.AsSpan().StartsWith(_start.AsSpan(0, _startLength))) return results;
            Start(results);
        }
        Split(chunk, results);
        return results;
    }

    /// <summary>Ends the file: its last row when no line break followed it.</summary>
    public IReadOnlyList<IndicatorParseResult> Complete()
    {
        var results = new List<IndicatorParseResult>();
        if (!_started) Start(results);
        if (_splitter.TryFinish()) Accept(_splitter.Current, results);
        if (_columns is null) throw new CsvFormatException("The file ended without a header row naming urn, indicator, academic_year and value.");
        return results;
    }

    private void Start(List<IndicatorParseResult> results)
    {
        _started = true;
        var start = _start.AsSpan(0, _startLength);
        Split(start.StartsWith(Utf8Bom) ? start[Utf8Bom.Length..] : start, results);
    }

    private void Split(ReadOnlySpan<byte> bytes, List<IndicatorParseResult> results)
    {
        while (_splitter.TryReadRecord(ref bytes)) Accept(_splitter.Current, results);
    }

    private void Accept(CsvRecord record, List<IndicatorParseResult> results)
    {
        if (_columns is null) ReadHeader(record);
        else results.Add(ReadRow(record));
    }

    private void ReadHeader(CsvRecord record)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.FieldCount; i++)
        {
            var name = Text(record[i]).Trim().ToLowerInvariant();
            if (name.Length > 0 && !columns.TryAdd(name, i)) throw new CsvFormatException($"The header names the column '{name}' twice.");
        }
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new CsvFormatException($"The header row lacks {string.Join(", ", missing)}: it names {string.Join(", ", Required)} and optionally {NationalColumn}, in any order.");
        _columns = columns;
        _headerFields = record.FieldCount;
    }

    private IndicatorParseResult ReadRow(CsvRecord record)
    {
        var line = record.LineNumber;
        if (record.FieldCount != _headerFields)
            return Reject(line, $"The row has {record.FieldCount} fields; the header has {_headerFields}.");
        var urnText = Field(record, "urn");
        if (urnText.Length != 6 || !urnText.All(char.IsAsciiDigit)) return Reject(line, $"urn '{Shorten(urnText)}' is not a 6-digit URN.");
        var indicator = Field(record, "indicator");
        if (!FrameworkRules.Identifier().IsMatch(indicator))
            return Reject(line, $"indicator '{Shorten(indicator)}' is not an indicator code: lower-case letters, digits and underscores, starting with a letter, at most 63.");
        var yearText = Field(record, "academic_year");
        if (!AcademicYear.TryParse(yearText.Replace('/', '-'), out var year))
            return Reject(line, $"academic_year '{Shorten(yearText)}' is not an academic year such as 2014-15.");
        if (!TryNumber(Field(record, "value"), out var value)) return Reject(line, $"value '{Shorten(Field(record, "value"))}' is not a number such as 61.5.");
        double? national = null;
        if (_columns!.ContainsKey(NationalColumn) && Field(record, NationalColumn) is { Length: > 0 } nationalText)
        {
            if (!TryNumber(nationalText, out var n)) return Reject(line, $"national '{Shorten(nationalText)}' is not a number such as 61.5, or empty.");
            national = n;
        }
        return new IndicatorParseResult(new IndicatorRow(line, int.Parse(urnText, CultureInfo.InvariantCulture), indicator, year, value, national), null);
    }

    private string Field(CsvRecord record, string column) => Text(record[_columns![column]]).Trim();

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static IndicatorParseResult Reject(int line, string reason) => new(null, new RejectedIndicatorRow(line, reason));
}
