using Grpc.Core;

namespace Sia.Grpc.Protocol;

/// <summary>Converts between call metadata and HTTP/2 header fields (binary values as base64).</summary>
internal static class MetadataHeaders
{
    /// <summary>Protocol headers that are not the application's metadata.</summary>
    public static bool IsProtocolHeader(string name) =>
        name.Length == 0
        || name[0] == ':'
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocol.TimeoutHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocol.EncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocol.AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocol.StatusTrailer, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocol.MessageTrailer, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds one received header to metadata; values of a repeated header arrive as several values.</summary>
    public static void AddHeader(Metadata metadata, string name, IEnumerable<string?> values)
    {
        if (IsProtocolHeader(name)) return;
        var binary = Metadata.Entry.IsBinaryKey(name);
        foreach (var value in values)
        {
            if (value is null) continue;
            if (!binary)
            {
                metadata.Add(name, value);
                continue;
            }
            // Several binary values may be joined by commas into one field.
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                metadata.Add(name, DecodeBinary(part));
            }
        }
    }

    /// <summary>The header value that carries an entry.</summary>
    public static string EncodeValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;

    /// <summary>Whether an entry of outgoing metadata is sent; the internal compression request is not.</summary>
    public static bool IsSent(Metadata.Entry entry) =>
        !entry.Key.Equals(GrpcProtocol.CompressionRequestHeader, StringComparison.Ordinal);

    public static byte[] DecodeBinary(string value)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "A binary metadata value is not valid base64."));
        }
    }
}
