using System.Text.Unicode;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Sia.ServiceKit.Grpc;

/// <summary>Finds the string field of an encoded message that is not UTF-8, for a refusal to name it.</summary>
public static class NonUtf8Strings
{
    /// <summary>The first such field's path ("school.headteacher", "names[2]"), or null if none is (or the bytes are no message).</summary>
    public static string? FindField(byte[] message, MessageDescriptor type)
    {
        try
        {
            return FindField(new CodedInputStream(message), type, "");
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static string? FindField(CodedInputStream input, MessageDescriptor type, string prefix)
    {
        var seen = new Dictionary<int, int>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var field = type.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag));
            if (field is null || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
            {
                input.SkipLastField();
                continue;
            }
            var index = seen[field.FieldNumber] = seen.GetValueOrDefault(field.FieldNumber, -1) + 1;
            var path = prefix + field.Name + (field.IsRepeated && !field.IsMap ? $"[{index}]" : "");
            var value = input.ReadBytes();
            if (field.FieldType == FieldType.String && !Utf8.IsValid(value.Span)) return path;
            if (field.FieldType != FieldType.Message) continue;
            // A map's entries are messages of a key and a value; the map's own path names either.
            var inner = FindField(value.CreateCodedInput(), field.MessageType, field.IsMap ? "" : path + ".");
            if (inner is not null) return field.IsMap ? path : inner;
        }
        return null;
    }
}
