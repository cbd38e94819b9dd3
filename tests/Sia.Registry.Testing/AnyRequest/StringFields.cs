using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Sia.Registry.Testing.AnyRequest;

/// <summary>
/// The string fields of a request, found from its descriptor: in nested messages (set or not), repeated strings and
/// repeated messages, and map keys and values, by dotted path ("school.address.street", "inspection.key_judgements.key").
/// </summary>
public static class StringFields
{
    public static IReadOnlyList<string> Of(MessageDescriptor type) => [.. Paths(type, "", [])];

    private static IEnumerable<string> Paths(MessageDescriptor type, string prefix, HashSet<MessageDescriptor> enclosing)
    {
        if (!enclosing.Add(type)) yield break; // a message that contains itself: once is enough
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            if (field.FieldType == FieldType.String) yield return path;
            else if (field.FieldType == FieldType.Message)
                foreach (var inner in Paths(field.MessageType, path + ".", enclosing)) yield return inner;
        }
        enclosing.Remove(type);
    }

    /// <summary>
    /// Changes the string at the path to what <paramref name="change"/> makes of it: a repeated field's first element (one
    /// is added if there is none), a new map entry's key (or a new entry's value), creating the messages on the way.
    /// </summary>
    public static void Change(IMessage request, string path, Func<string, string> change)
    {
        var names = path.Split('.');
        var message = request;
        for (var i = 0; i < names.Length - 1; i++)
        {
            var field = message.Descriptor.FindFieldByName(names[i]);
            if (field.IsMap)
            {
                ChangeMap((IDictionary)field.Accessor.GetValue(message), names[i + 1], change);
                return;
            }
            message = field.IsRepeated ? FirstOf((IList)field.Accessor.GetValue(message), field.MessageType) : Nested(message, field);
        }
        var last = message.Descriptor.FindFieldByName(names[^1]);
        if (!last.IsRepeated) last.Accessor.SetValue(message, change((string)last.Accessor.GetValue(message)));
        else if (last.Accessor.GetValue(message) is IList { Count: > 0 } strings) strings[0] = change((string)strings[0]!);
        else ((IList)last.Accessor.GetValue(message)).Add(change(""));
    }

    private static IMessage Nested(IMessage message, FieldDescriptor field)
    {
        if (field.Accessor.GetValue(message) is IMessage nested) return nested;
        var created = New(field.MessageType);
        field.Accessor.SetValue(message, created);
        return created;
    }

    private static IMessage FirstOf(IList messages, MessageDescriptor type)
    {
        if (messages.Count == 0) messages.Add(New(type));
        return (IMessage)messages[0]!;
    }

    private static void ChangeMap(IDictionary map, string part, Func<string, string> change)
    {
        var valueType = map.GetType().GetGenericArguments()[1];
        if (part == "key") map[change("")] = valueType == typeof(string) ? "" : Activator.CreateInstance(valueType);
        else map["key"] = change("");
    }

    private static IMessage New(MessageDescriptor type) => type.Parser.ParseFrom(ByteString.Empty);
}
