using System.Text;

namespace Sia.Registry.Gias;

/// <summary>GIAS publishes Windows-1252; a UTF-8 byte order mark means someone re-saved the file as UTF-8.</summary>
internal static class GiasEncodings
{
    public static readonly Encoding Windows1252 = CreateWindows1252();

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
