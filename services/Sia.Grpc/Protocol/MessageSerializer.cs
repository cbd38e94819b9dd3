using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;

namespace Sia.Grpc.Protocol;

/// <summary>
/// Writes length-prefixed messages to a buffer writer (a pipe, or a scratch buffer). When the marshaller announces the payload length and the
/// message is not compressed, it serializes straight into the output; otherwise through a scratch buffer.
/// One instance serves one call (it is not thread-safe).
/// </summary>
internal sealed class MessageSerializer(int? maxSendMessageSize, CompressionLevel? compressionLevel = null) : SerializationContext
{
    private OutputTarget _target;
    private ArrayBufferWriter<byte>? _scratch;
    private bool _direct;
    private bool _completed;

    public void Write<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller, ICompressionProvider? compression)
    {
        _target = new OutputTarget(output, compression);
        _direct = false;
        _completed = false;
        marshaller.ContextualSerializer(message, this);
        if (!_completed) throw new InvalidOperationException("The message marshaller did not complete serialization.");
    }

    public override void SetPayloadLength(int payloadLength)
    {
        CheckSize(payloadLength);
        if (_target.Compression is not null) return;
        WriteHeader(_target.Output, compressed: false, payloadLength);
        _direct = true;
    }

    public override IBufferWriter<byte> GetBufferWriter()
    {
        if (_direct) return _target.Output;
        _scratch ??= new ArrayBufferWriter<byte>();
        _scratch.ResetWrittenCount();
        return _scratch;
    }

    public override void Complete()
    {
        _completed = true;
        if (_direct) return;
        WriteFrame(_scratch is null ? ReadOnlySpan<byte>.Empty : _scratch.WrittenSpan);
    }

    public override void Complete(byte[] payload)
    {
        _completed = true;
        WriteFrame(payload);
    }

    private void WriteFrame(ReadOnlySpan<byte> payload)
    {
        CheckSize(payload.Length);
        var output = _target.Output;
        if (_target.Compression is { } compression)
        {
            var compressed = Compress(compression, payload, compressionLevel);
            WriteHeader(output, compressed: true, compressed.Length);
            output.Write(compressed);
        }
        else
        {
            WriteHeader(output, compressed: false, payload.Length);
            output.Write(payload);
        }
    }

    private static byte[] Compress(ICompressionProvider provider, ReadOnlySpan<byte> payload, CompressionLevel? level)
    {
        using var buffer = new MemoryStream();
        using (var stream = provider.CreateCompressionStream(buffer, level))
        {
            stream.Write(payload);
        }
        return buffer.ToArray();
    }

    private void CheckSize(int payloadLength)
    {
        if (payloadLength > maxSendMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({payloadLength} > {maxSendMessageSize} bytes)."));
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, bool compressed, int length)
    {
        var header = output.GetSpan(GrpcProtocol.HeaderSize);
        header[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)length);
        output.Advance(GrpcProtocol.HeaderSize);
    }

    private readonly record struct OutputTarget(IBufferWriter<byte> Output, ICompressionProvider? Compression);
}
