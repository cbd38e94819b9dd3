using Google.Protobuf;

namespace Sia.Registry.Testing.AnyRequest;

/// <summary>
/// Requests as bytes, with lone surrogates in their strings. Protobuf's C# runtime writes a lone surrogate as U+FFFD,
/// but protobuf.js (grpc-js) writes its three-byte form, which is not UTF-8; these stand-ins are written as those bytes.
/// </summary>
public static class WireText
{
    /// <summary>Stands for U+D800 on the wire.</summary>
    public const char LoneHighSurrogate = '\uFFFF';

    /// <summary>Stands for U+DC00 on the wire.</summary>
    public const char LoneLowSurrogate = '\uFFFE';

    private static readonly byte[] HighStandIn = [0xEF, 0xBF, 0xBF];
    private static readonly byte[] LowStandIn = [0xEF, 0xBF, 0xBE];

    public static byte[] Encode(IMessage message)
    {
        var bytes = message.ToByteArray();
        Replace(bytes, HighStandIn, [0xED, 0xA0, 0x80]);
        Replace(bytes, LowStandIn, [0xED, 0xB0, 0x80]);
        return bytes;
    }

    private static void Replace(byte[] bytes, byte[] standIn, byte[] surrogate)
    {
        for (var at = bytes.AsSpan().IndexOf(standIn); at >= 0; at = bytes.AsSpan().IndexOf(standIn)) surrogate.CopyTo(bytes, at);
    }
}
