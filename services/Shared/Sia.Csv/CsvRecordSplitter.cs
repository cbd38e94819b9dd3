namespace Sia.Csv;

/// <summary>
/// Splits CSV bytes into records as they arrive, in chunks of any size. Works on bytes because the delimiters are
/// ASCII, which neither Windows-1252 nor UTF-8 uses inside another character. Only the current record is held, and no
/// record may pass <paramref name="maxRecordBytes"/>: a longer one is not the CSV expected, or a quote was never closed.
/// </summary>
public sealed class CsvRecordSplitter(int maxRecordBytes)
{
    private const byte Comma = (byte)',';
    private const byte Quote = (byte)'"';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    private byte[] _data = new byte[4096];
    private int _dataLength;
    private int[] _fieldEnds = new int[256];
    private int _fieldCount;
    private int _recordBytes;
    private State _state;
    private bool _inRecord;
    private int _line = 1;
    private int _recordLine;

    /// <summary>The record completed by the last successful read.</summary>
    public CsvRecord Current => new(_recordLine, _data.AsSpan(0, _dataLength), _fieldEnds.AsSpan(0, _fieldCount));

    /// <summary>Consumes <paramref name="input"/> up to the end of the next record; false when the input ran out first.</summary>
    public bool TryReadRecord(ref ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty)
        {
            if (!_inRecord) StartRecord();
            switch (_state)
            {
                case State.FieldStart:
                    if (input[0] == Quote)
                    {
                        Advance(ref input, 1);
                        _state = State.Quoted;
                    }
                    else
                    {
                        _state = State.Unquoted;
                    }
                    break;

                case State.Unquoted:
                {
                    var stop = input.IndexOfAny(Comma, Cr, Lf);
                    if (stop < 0)
                    {
                        AppendAndAdvance(ref input, input.Length);
                        break;
                    }
                    AppendAndAdvance(ref input, stop);
                    var delimiter = input[0];
                    Advance(ref input, 1);
                    // A CR outside quotes is dropped: the LF of a CRLF ends the record.
                    if (delimiter != Cr && EndField(delimiter)) return true;
                    break;
                }

                case State.Quoted:
                {
                    var stop = input.IndexOfAny(Quote, Lf);
                    if (stop < 0)
                    {
                        AppendAndAdvance(ref input, input.Length);
                        break;
                    }
                    if (input[stop] == Lf)
                    {
                        AppendAndAdvance(ref input, stop + 1);
                        _line++;
                    }
                    else
                    {
                        AppendAndAdvance(ref input, stop);
                        Advance(ref input, 1);
                        _state = State.QuoteInQuoted;
                    }
                    break;
                }

                case State.QuoteInQuoted:
                {
                    var next = input[0];
                    if (next == Quote)
                    {
                        AppendAndAdvance(ref input, 1);
                        _state = State.Quoted;
                    }
                    else if (next is Comma or Lf)
                    {
                        Advance(ref input, 1);
                        if (EndField(next)) return true;
                    }
                    else if (next == Cr)
                    {
                        Advance(ref input, 1);
                    }
                    else
                    {
                        // Text after a closing quote ("a"b) is kept rather than failing the whole file.
                        _state = State.Unquoted;
                    }
                    break;
                }
            }
        }
        return false;
    }

    /// <summary>At the end of the input: completes a last record that has no line break after it.</summary>
    public bool TryFinish()
    {
        if (!_inRecord) return false;
        if (_state == State.Quoted)
        {
            throw new CsvFormatException($"The record starting on line {_recordLine} has a quoted field that is never closed.");
        }
        return EndField(Lf);
    }

    private void StartRecord()
    {
        _inRecord = true;
        _recordLine = _line;
        _dataLength = 0;
        _fieldCount = 0;
        _recordBytes = 0;
        _state = State.FieldStart;
    }

    /// <summary>Ends the current field; true when that also ends a record worth reporting (blank lines are skipped).</summary>
    private bool EndField(byte delimiter)
    {
        if (_fieldCount == _fieldEnds.Length) Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        _fieldEnds[_fieldCount++] = _dataLength;
        if (delimiter == Comma)
        {
            _state = State.FieldStart;
            return false;
        }
        _line++;
        _inRecord = false;
        return _fieldCount > 1 || _dataLength > 0;
    }

    private void AppendAndAdvance(ref ReadOnlySpan<byte> input, int count)
    {
        var bytes = input[..count];
        Advance(ref input, count);
        if (_dataLength + count > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + count));
        bytes.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += count;
    }

    private void Advance(ref ReadOnlySpan<byte> input, int count)
    {
        _recordBytes += count;
        if (_recordBytes > maxRecordBytes)
        {
            throw new CsvFormatException(
                $"The record starting on line {_recordLine} runs past {maxRecordBytes / 1024} KiB without ending: the file is not the CSV expected, or a quote is never closed.");
        }
        input = input[count..];
    }
}
