using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;
using Grpc.Net.Compression;

namespace Sia.Grpc.Protocol;

/// <summary>
/// Reads length-prefixed messages from a pipe, enforcing the receive size limit before buffering a
/// message and decompressing flagged messages with the call's encoding. One instance serves one call.
/// </summary>
internal sealed class MessageReader(PipeReader input, int? maxReceiveMessageSize, ICompressionProvider? decompression, string encodingName)
    : DeserializationContext
{
    private ReadOnlySequence<byte> _payload;

    /// <summary>Reads the next message, or returns false when the stream ended cleanly between messages.</summary>
    public async ValueTask<(bool HasMessage, T Message)> ReadAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled) throw new OperationCanceledException(cancellationToken);

            if (buffer.Length >= GrpcProtocol.HeaderSize)
            {
                var (compressed, length) = ReadHeader(buffer);
                var frameLength = GrpcProtocol.HeaderSize + length;
                if (buffer.Length >= frameLength)
                {
                    var payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
                    try
                    {
                        return (true, Deserialize(marshaller, compressed ? Decompress(payload) : payload));
                    }
                    finally
                    {
                        input.AdvanceTo(buffer.GetPosition(frameLength));
                    }
                }
            }

            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                if (buffer.Length == 0) return (false, default!);
                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a message."));
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads what is left of the stream and fails if it holds anything (a unary call's single message is done).</summary>
    public async ValueTask EnsureEndAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var length = result.Buffer.Length;
            input.AdvanceTo(result.Buffer.End);
            if (length > 0) throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
            if (result.IsCompleted) return;
        }
    }

    private (bool Compressed, int Length) ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag > 1) throw new RpcException(new Status(StatusCode.Internal, $"Unexpected message flag {flag}: the stream is not gRPC framed."));
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (maxReceiveMessageSize ?? int.MaxValue)) throw MessageTooLarge(length);
        if (flag == 1 && decompression is null)
        {
            throw new RpcException(new Status(StatusCode.Internal,
                $"A compressed message arrived but the call's grpc-encoding is '{encodingName}'."));
        }
        return (flag == 1, (int)length);
    }

    private ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> payload)
    {
        using var source = new SequenceStream(payload);
        using var decompressor = decompression!.CreateDecompressionStream(source);
        using var output = new MemoryStream();
        var limit = maxReceiveMessageSize ?? int.MaxValue;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = ReadDecompressed(decompressor, chunk)) > 0)
            {
                if (output.Length + read > limit) throw MessageTooLarge(output.Length + read);
                output.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return new ReadOnlySequence<byte>(output.GetBuffer(), 0, (int)output.Length);
    }

    private int ReadDecompressed(Stream decompressor, byte[] chunk)
    {
        try
        {
            return decompressor.Read(chunk, 0, chunk.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"A message could not be decompressed with '{encodingName}'.", ex));
        }
    }

    private T Deserialize<T>(Marshaller<T> marshaller, ReadOnlySequence<byte> payload)
    {
        _payload = payload;
        try
        {
            return marshaller.ContextualDeserializer(this);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Error deserializing a {typeof(T).Name} message: the bytes are not a valid message.", ex));
        }
        finally
        {
            _payload = default;
        }
    }

    private static RpcException MessageTooLarge(long length) => new(new Status(StatusCode.ResourceExhausted,
        $"Received message exceeds the maximum configured message size ({length} bytes)."));

    public override int PayloadLength => (int)_payload.Length;
    public override byte[] PayloadAsNewBuffer() => _payload.ToArray();
    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => _payload;
}
