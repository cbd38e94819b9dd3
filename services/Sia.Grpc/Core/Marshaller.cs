namespace Grpc.Core;

/// <summary>Turns messages of type T into bytes and back, either with plain byte arrays or with serialization contexts.</summary>
public class Marshaller<T>
{
    private readonly Func<T, byte[]>? _serializer;
    private readonly Func<byte[], T>? _deserializer;

    public Marshaller(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        _deserializer = deserializer ?? throw new ArgumentNullException(nameof(deserializer));
        ContextualSerializer = (message, context) => context.Complete(_serializer(message));
        ContextualDeserializer = context => _deserializer(context.PayloadAsNewBuffer());
    }

    public Marshaller(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer)
    {
        ContextualSerializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        ContextualDeserializer = deserializer ?? throw new ArgumentNullException(nameof(deserializer));
    }

    public Action<T, SerializationContext> ContextualSerializer { get; }
    public Func<DeserializationContext, T> ContextualDeserializer { get; }

    public Func<T, byte[]> Serializer => _serializer ?? SerializeWithContext;
    public Func<byte[], T> Deserializer => _deserializer ?? DeserializeWithContext;

    private byte[] SerializeWithContext(T message)
    {
        var context = new ByteArraySerializationContext();
        ContextualSerializer(message, context);
        return context.Result;
    }

    private T DeserializeWithContext(byte[] payload) => ContextualDeserializer(new ByteArrayDeserializationContext(payload));
}

/// <summary>Factory methods for marshallers, as generated code calls them.</summary>
public static class Marshallers
{
    public static Marshaller<T> Create<T>(Func<T, byte[]> serializer, Func<byte[], T> deserializer) => new(serializer, deserializer);

    public static Marshaller<T> Create<T>(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer) => new(serializer, deserializer);

    public static Marshaller<string> StringMarshaller { get; } = new(
        System.Text.Encoding.UTF8.GetBytes,
        System.Text.Encoding.UTF8.GetString);
}
