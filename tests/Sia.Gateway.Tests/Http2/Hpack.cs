using System.Text;

namespace Sia.Gateway.Tests.Http2;

/// <summary>
/// Just enough HPACK (RFC 7541) for <see cref="RawHttp2Connection"/>: it encodes every header as a literal without
/// indexing, bytes as given (so a name or value no client library would send goes out as written), and decodes Kestrel's
/// responses, which never Huffman-encode, with no dynamic table (the connection's SETTINGS give it a size of 0).
/// </summary>
internal static class Hpack
{
    private static readonly (string Name, string Value)[] StaticTable =
    [
        (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"), (":path", "/index.html"),
        (":scheme", "http"), (":scheme", "https"), (":status", "200"), (":status", "204"), (":status", "206"),
        (":status", "304"), (":status", "400"), (":status", "404"), (":status", "500"), ("accept-charset", ""),
        ("accept-encoding", "gzip, deflate"), ("accept-language", ""), ("accept-ranges", ""), ("accept", ""),
        ("access-control-allow-origin", ""), ("age", ""), ("allow", ""), ("authorization", ""), ("cache-control", ""),
        ("content-disposition", ""), ("content-encoding", ""), ("content-language", ""), ("content-length", ""),
        ("content-location", ""), ("content-range", ""), ("content-type", ""), ("cookie", ""), ("date", ""), ("etag", ""),
        ("expect", ""), ("expires", ""), ("from", ""), ("host", ""), ("if-match", ""), ("if-modified-since", ""),
        ("if-none-match", ""), ("if-range", ""), ("if-unmodified-since", ""), ("last-modified", ""), ("link", ""),
        ("location", ""), ("max-forwards", ""), ("proxy-authenticate", ""), ("proxy-authorization", ""), ("range", ""),
        ("referer", ""), ("refresh", ""), ("retry-after", ""), ("server", ""), ("set-cookie", ""),
        ("strict-transport-security", ""), ("transfer-encoding", ""), ("user-agent", ""), ("vary", ""), ("via", ""),
        ("www-authenticate", ""),
    ];

    /// <summary>Each header a literal without indexing, its name and value as their UTF-8 bytes.</summary>
    public static byte[] Encode(IEnumerable<(string Name, string Value)> headers)
    {
        var block = new List<byte>();
        foreach (var (name, value) in headers)
        {
            block.Add(0x00);
            WriteString(block, Encoding.UTF8.GetBytes(name));
            WriteString(block, Encoding.UTF8.GetBytes(value));
        }
        return [.. block];
    }

    public static List<(string Name, string Value)> Decode(ReadOnlySpan<byte> block)
    {
        var headers = new List<(string, string)>();
        var position = 0;
        while (position < block.Length)
        {
            var first = block[position];
            if ((first & 0x80) != 0)
            {
                headers.Add(Entry(ReadInteger(block, ref position, 7)));
            }
            else if ((first & 0xE0) == 0x20)
            {
                ReadInteger(block, ref position, 5); // a dynamic table size update: the table stays empty
            }
            else
            {
                var index = ReadInteger(block, ref position, (first & 0x40) != 0 ? 6 : 4);
                var name = index == 0 ? ReadString(block, ref position) : Entry(index).Name;
                headers.Add((name, ReadString(block, ref position)));
            }
        }
        return headers;
    }

    private static (string Name, string Value) Entry(int index) =>
        index is >= 1 and <= 61 ? StaticTable[index - 1] : throw new InvalidDataException($"HPACK index {index} is not in the static table.");

    private static void WriteString(List<byte> block, byte[] bytes)
    {
        WriteInteger(block, bytes.Length, 7, 0x00);
        block.AddRange(bytes);
    }

    private static void WriteInteger(List<byte> block, int value, int prefixBits, byte flags)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            block.Add((byte)(flags | value));
            return;
        }
        block.Add((byte)(flags | max));
        for (value -= max; value >= 0x80; value >>= 7) block.Add((byte)(value & 0x7F | 0x80));
        block.Add((byte)value);
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        var value = block[position++] & max;
        if (value < max) return value;
        for (var shift = 0; ; shift += 7)
        {
            var next = block[position++];
            value += (next & 0x7F) << shift;
            if ((next & 0x80) == 0) return value;
        }
    }

    private static string ReadString(ReadOnlySpan<byte> block, ref int position)
    {
        if ((block[position] & 0x80) != 0) throw new InvalidDataException("A Huffman-encoded HPACK string: Kestrel sends none.");
        var length = ReadInteger(block, ref position, 7);
        var text = Encoding.UTF8.GetString(block.Slice(position, length));
        position += length;
        return text;
    }
}
