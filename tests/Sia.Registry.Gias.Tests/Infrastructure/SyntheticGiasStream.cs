using System.Text;

namespace Sia.Registry.Gias.Tests.Infrastructure;

/// <summary>
/// A read-only stream of a GIAS-sized extract made up on the fly: the real header plus a row of about 1.4 KB per school
/// (the ignored columns alternately empty and "Not applicable"), so the test never holds the file.
/// URNs run from 100000; LA codes cycle through 201-210.
/// </summary>
public sealed class SyntheticGiasStream(int rows) : Stream
{
    private static readonly byte[] HeaderBytes = Encoding.ASCII.GetBytes(GiasCsv.HeaderLine + "\r\n");

    private byte[] _current = HeaderBytes;
    private int _offset;
    private int _nextRow;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset == _current.Length)
        {
            if (_nextRow == rows) return 0;
            _current = RowBytes(_nextRow++);
            _offset = 0;
        }
        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] RowBytes(int index)
    {
        var values = GiasCsv.Header.Select((column, position) => column switch
        {
            "URN" => (100_000 + index).ToString(),
            "LA (code)" => (201 + index % 10).ToString(),
            "EstablishmentNumber" => (2000 + index % 8000).ToString(),
            "EstablishmentName" => $"Synthetic School, number {index}",
            "TypeOfEstablishment (code)" => "01",
            "EstablishmentTypeGroup (code)" => "4",
            "EstablishmentStatus (code)" => "1",
            "PhaseOfEducation (code)" => "2",
            "StatutoryLowAge" => "4",
            "StatutoryHighAge" => "11",
            "OpenDate" => "01-09-2001",
            "PercentageFSM" => "12.5",
            "UKPRN" => (10_000_000 + index).ToString(),
            _ => position % 2 == 0 ? "Not applicable" : "",
        });
        return Encoding.ASCII.GetBytes(string.Join(",", values.Select(GiasCsv.Quote)) + "\r\n");
    }
}
