using System.Buffers;

namespace Grpc.Core;

/// <summary>Where a marshaller writes one serialized message: either a whole byte array, or a buffer writer.</summary>
public abstract class SerializationContext
{
    /// <summary>Completes with the whole payload at once.</summary>
    public virtual void Complete(byte[] payload) => throw new NotImplementedException();

    /// <summary>A writer for the payload; call <see cref="Complete()"/> when it is written.</summary>
    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotImplementedException();

    /// <summary>Announces the payload's length before writing it, when the marshaller knows it.</summary>
    public virtual void SetPayloadLength(int payloadLength) { }

    public virtual void Complete() => throw new NotImplementedException();
}

/// <summary>Where a marshaller reads one received message's payload from.</summary>
public abstract class DeserializationContext
{
    public abstract int PayloadLength { get; }

    public virtual byte[] PayloadAsNewBuffer() => PayloadAsReadOnlySequence().ToArray();

    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() => throw new NotImplementedException();
}

internal sealed class ByteArraySerializationContext : SerializationContext
{
    private ArrayBufferWriter<byte>? _writer;
    private byte[]? _result;

    public byte[] Result => _result ?? throw new InvalidOperationException("The marshaller did not complete serialization.");

    public override void Complete(byte[] payload) => _result = payload;

    public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

    public override void Complete() => _result = _writer?.WrittenSpan.ToArray() ?? [];
}

internal sealed class ByteArrayDeserializationContext(byte[] payload) : DeserializationContext
{
    public override int PayloadLength => payload.Length;
    public override byte[] PayloadAsNewBuffer() => payload;
    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
}
