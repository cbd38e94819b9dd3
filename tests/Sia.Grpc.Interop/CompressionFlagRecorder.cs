using System.Net;

namespace Sia.Grpc.Interop;

/// <summary>
/// An HTTP handler that notes the compressed flag of every response message as its bytes pass by, so the
/// server_compressed_* cases can check the flag itself (the gRPC API does not expose it).
/// </summary>
public sealed class CompressionFlagRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private List<bool> _lastResponseFlags = [];

    /// <summary>The flags of the messages of the most recent response, in order.</summary>
    public IReadOnlyList<bool> LastResponseFlags
    {
        get { lock (_lastResponseFlags) return _lastResponseFlags.ToArray(); }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var flags = new List<bool>();
        _lastResponseFlags = flags;
        var observed = new ObservedContent(response.Content, flags);
        foreach (var header in response.Content.Headers) observed.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = observed;
        return response;
    }

    private sealed class ObservedContent(HttpContent inner, List<bool> flags) : HttpContent
    {
        protected override async Task<Stream> CreateContentReadStreamAsync() => new FrameObservingStream(await inner.ReadAsStreamAsync(), flags);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var source = await CreateContentReadStreamAsync();
            await source.CopyToAsync(stream);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Follows the 5-byte message prefixes through the stream without changing a byte.</summary>
    private sealed class FrameObservingStream(Stream inner, List<bool> flags) : Stream
    {
        private int _headerBytesSeen;
        private long _payloadRemaining;
        private uint _length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Observe(buffer.Span[..read]);
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Observe(buffer.AsSpan(offset, read));
            return read;
        }

        private void Observe(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_payloadRemaining > 0)
                {
                    _payloadRemaining--;
                    continue;
                }
                if (_headerBytesSeen == 0)
                {
                    lock (flags) flags.Add(b == 1);
                    _length = 0;
                }
                else
                {
                    _length = (_length << 8) | b;
                }
                if (++_headerBytesSeen == 5)
                {
                    _headerBytesSeen = 0;
                    _payloadRemaining = _length;
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
