using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Sia.Csv;

namespace Sia.Registry.Gias;

/// <summary>
/// Parses a GIAS establishments extract incrementally from byte chunks, holding only the record in progress, so the
/// file never has to be in memory. One reader reads one file; it is not thread-safe.
/// </summary>
/// <param name="laFilter">When set, rows of other LAs are skipped silently.</param>
public sealed class GiasReader(IReadOnlySet<int>? laFilter = null)
{
    private const int StreamBufferSize = 64 * 1024;

    // A GIAS row is a few KB; a record of 1 MiB is not GIAS CSV, or a quote was never closed.
    private readonly CsvRecordSplitter _splitter = new(maxRecordBytes: 1 << 20);
    // The first bytes, held back until it is clear whether they are a UTF-8 byte order mark.
    private readonly byte[] _start = new byte[GiasEncodings.Utf8Bom.Length];
    private int _startLength;
    private Encoding? _encoding;
    private GiasRowParser? _rows;
    private bool _completed;

    /// <summary>Feeds the next chunk (any size, split anywhere) and returns the rows it completed.</summary>
    /// <exception cref="GiasFormatException">The header, once complete, lacks required columns; or the input is not CSV.</exception>
    public IReadOnlyList<GiasParseResult> Feed(ReadOnlySpan<byte> chunk)
    {
        if (_completed) throw new InvalidOperationException("The reader has completed; use a new reader for another file.");
        List<GiasParseResult>? results = null;
        if (_encoding is null)
        {
            var taken = Math.Min(chunk.Length, _start.Length - _startLength);
            chunk[..taken].CopyTo(_start.AsSpan(_startLength));
            _startLength += taken;
            chunk = chunk[taken..];
            if (_startLength < _start.Length && GiasEncodings.Utf8Bom.StartsWith(_start.AsSpan(0, _startLength))) return [];
            ChooseEncoding(ref results);
        }
        Split(chunk, ref results);
        return results ?? [];
    }

    /// <summary>Signals the end of the file and returns its last row when no line break followed it.</summary>
    /// <exception cref="GiasFormatException">The file has no header, or ends inside a quoted field.</exception>
    public IReadOnlyList<GiasParseResult> Complete()
    {
        if (_completed) throw new InvalidOperationException("The reader has already completed.");
        _completed = true;
        List<GiasParseResult>? results = null;
        if (_encoding is null) ChooseEncoding(ref results);
        if (FinishRecord()) Accept(_splitter.Current, ref results);
        if (_rows is null) throw new GiasFormatException("The file ended without a header row: it is not a GIAS establishments extract.");
        return results ?? [];
    }

    /// <summary>Parses a whole stream a buffer at a time, yielding each row as soon as it is read.</summary>
    public static async IAsyncEnumerable<GiasParseResult> ReadAsync(
        Stream stream, IReadOnlySet<int>? laFilter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new GiasReader(laFilter);
        var buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                foreach (var result in reader.Feed(buffer.AsSpan(0, read))) yield return result;
            }
            foreach (var result in reader.Complete()) yield return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ChooseEncoding(ref List<GiasParseResult>? results)
    {
        var start = _start.AsSpan(0, _startLength);
        if (start.SequenceEqual(GiasEncodings.Utf8Bom))
        {
            _encoding = Encoding.UTF8;
            return;
        }
        _encoding = GiasEncodings.Windows1252;
        Split(start, ref results);
    }

    private void Split(ReadOnlySpan<byte> bytes, ref List<GiasParseResult>? results)
    {
        while (ReadRecord(ref bytes)) Accept(_splitter.Current, ref results);
    }

    private void Accept(CsvRecord record, ref List<GiasParseResult>? results)
    {
        var encoding = _encoding!;
        if (_rows is null)
        {
            _rows = new GiasRowParser(GiasHeader.Parse(record, encoding), encoding, laFilter);
        }
        else if (_rows.Parse(record) is { } result)
        {
            (results ??= []).Add(result);
        }
    }

    // The splitter's refusal of what is not CSV is a refusal of the file as a GIAS extract.

    private bool ReadRecord(ref ReadOnlySpan<byte> bytes)
    {
        try
        {
            return _splitter.TryReadRecord(ref bytes);
        }
        catch (CsvFormatException ex)
        {
            throw new GiasFormatException(ex.Message);
        }
    }

    private bool FinishRecord()
    {
        try
        {
            return _splitter.TryFinish();
        }
        catch (CsvFormatException ex)
        {
            throw new GiasFormatException(ex.Message);
        }
    }
}
