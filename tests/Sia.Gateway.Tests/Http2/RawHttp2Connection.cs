using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Grpc.Core;

namespace Sia.Gateway.Tests.Http2;

/// <summary>
/// A bare HTTP/2 connection without TLS (prior knowledge) that sends gRPC calls frame by frame, for what no client library
/// sends: a call's HEADERS and then nothing, a header name or value as written. It answers the server's SETTINGS and PINGs,
/// returns every byte of flow control it uses, and records each stream's header blocks, DATA, END_STREAM and RST_STREAM,
/// and the connection's GOAWAY.
/// </summary>
public sealed class RawHttp2Connection : IAsyncDisposable
{
    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8, Continuation = 0x9;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8, Priority = 0x20;

    /// <summary>SETTINGS_MAX_FRAME_SIZE before the server says otherwise: the largest frame every server takes.</summary>
    private const int MaxFrameSize = 16_384;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _network;
    private readonly string _authority;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<int, RawHttp2Stream> _streams = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _reading = Task.CompletedTask;
    private int _nextStreamId = 1;

    private RawHttp2Connection(TcpClient tcp, string authority)
    {
        _tcp = tcp;
        _network = tcp.GetStream();
        _authority = authority;
    }

    /// <summary>The error code of the GOAWAY the server sent, if it sent one.</summary>
    public int? GoAwayCode { get; private set; }

    /// <summary>Whether the server closed the connection (or reading it failed).</summary>
    public bool Closed => _reading.IsCompleted;

    /// <summary>Connects; <paramref name="initialWindowSize"/> is how much each stream may receive before the client returns flow control.</summary>
    public static async Task<RawHttp2Connection> OpenAsync(Uri address, int initialWindowSize = 65_535)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var connection = new RawHttp2Connection(tcp, address.Authority);
        await connection._network.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        // HEADER_TABLE_SIZE 0 (Hpack decodes without a dynamic table), ENABLE_PUSH 0, INITIAL_WINDOW_SIZE.
        var settings = new byte[18];
        settings[1] = 1;
        settings[7] = 2;
        settings[13] = 4;
        BinaryPrimitives.WriteUInt32BigEndian(settings.AsSpan(14), (uint)initialWindowSize);
        await connection.WriteFrameAsync(Settings, 0, 0, settings);
        connection._reading = Task.Run(connection.ReadFramesAsync);
        return connection;
    }

    /// <summary>A gRPC call's HEADERS (with the metadata as written), without END_STREAM: no body has been sent yet.</summary>
    public async Task<RawHttp2Stream> StartCallAsync(string path, params (string Name, string Value)[] metadata)
    {
        var id = Interlocked.Add(ref _nextStreamId, 2) - 2;
        var stream = _streams[id] = new RawHttp2Stream(id);
        var block = Hpack.Encode([
            (":method", "POST"), (":scheme", "http"), (":authority", _authority), (":path", path),
            ("content-type", "application/grpc"), ("te", "trailers"), .. metadata]);
        // A block longer than the largest frame a server must take goes on in CONTINUATION frames.
        var fragments = block.Chunk(MaxFrameSize).ToList();
        for (var i = 0; i < fragments.Count; i++)
        {
            var last = i == fragments.Count - 1 ? EndHeaders : (byte)0;
            await WriteFrameAsync(i == 0 ? Headers : Continuation, last, id, fragments[i]);
        }
        return stream;
    }

    /// <summary>One length-prefixed gRPC message in a DATA frame, with END_STREAM when it is the call's last.</summary>
    public Task SendMessageAsync(RawHttp2Stream stream, IMessage message, bool endStream)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return WriteFrameAsync(Data, endStream ? EndStream : (byte)0, stream.Id, frame);
    }

    /// <summary>A whole unary call: HEADERS, the request message and END_STREAM.</summary>
    public async Task<RawHttp2Stream> CallAsync(string path, IMessage request, params (string Name, string Value)[] metadata)
    {
        var stream = await StartCallAsync(path, metadata);
        await SendMessageAsync(stream, request, endStream: true);
        return stream;
    }

    /// <summary>RST_STREAM from the client, CANCEL by default: what a gRPC client sends when its caller cancels the call.</summary>
    public Task ResetAsync(RawHttp2Stream stream, int errorCode = 0x8)
    {
        var code = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(code, (uint)errorCode);
        return WriteFrameAsync(RstStream, 0, stream.Id, code);
    }

    private async Task ReadFramesAsync()
    {
        var header = new byte[9];
        try
        {
            var block = new List<byte>();
            while (true)
            {
                await _network.ReadExactlyAsync(header, _closing.Token);
                var length = header[0] << 16 | header[1] << 8 | header[2];
                var (type, flags) = (header[3], header[4]);
                var id = (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7FFFFFFF);
                var payload = new byte[length];
                await _network.ReadExactlyAsync(payload, _closing.Token);
                var stream = _streams.GetValueOrDefault(id);
                switch (type)
                {
                    case Data:
                        stream?.AddData(Unpadded(payload, flags), (flags & EndStream) != 0);
                        if (length > 0) await ReturnWindowAsync(id, length);
                        break;
                    case Headers or Continuation:
                        var fragment = Unpadded(payload, flags);
                        if (type == Headers && (flags & Priority) != 0) fragment = fragment[5..];
                        block.AddRange(fragment);
                        if ((flags & EndHeaders) == 0) break;
                        stream?.AddHeaders(Hpack.Decode([.. block]), (flags & EndStream) != 0);
                        block.Clear();
                        break;
                    case RstStream:
                        stream?.Reset((int)BinaryPrimitives.ReadUInt32BigEndian(payload));
                        break;
                    case Settings when (flags & Ack) == 0:
                        await WriteFrameAsync(Settings, Ack, 0, []);
                        break;
                    case Ping when (flags & Ack) == 0:
                        await WriteFrameAsync(Ping, Ack, 0, payload);
                        break;
                    case GoAway:
                        GoAwayCode = (int)BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4));
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or OperationCanceledException or ObjectDisposedException)
        {
            // The server closed the connection, or the test did.
        }
    }

    private static byte[] Unpadded(byte[] payload, byte flags) =>
        (flags & Padded) == 0 ? payload : payload[1..^payload[0]];

    private async Task ReturnWindowAsync(int streamId, int length)
    {
        var increment = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(increment, (uint)length);
        await WriteFrameAsync(WindowUpdate, 0, 0, increment);
        if (_streams.TryGetValue(streamId, out var stream) && stream is { Ended: false, Reading: true })
            await WriteFrameAsync(WindowUpdate, 0, streamId, increment);
    }

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(5), (uint)streamId);
        payload.CopyTo(frame, 9);
        await _writing.WaitAsync();
        try
        {
            await _network.WriteAsync(frame);
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _tcp.Dispose();
        await _reading;
        _closing.Dispose();
    }
}

/// <summary>What a server sent on one stream of a <see cref="RawHttp2Connection"/>.</summary>
public sealed class RawHttp2Stream(int id)
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<(string Name, string Value)>> _headerBlocks = [];
    private readonly List<byte> _data = [];

    public int Id => id;

    /// <summary>
    /// While true the connection returns the stream's flow control as DATA arrives; set to false, the server can send it
    /// no more than what is left of its window, as to a client that stopped reading.
    /// </summary>
    public bool Reading { get; set; } = true;

    /// <summary>The server ended the stream: END_STREAM, or RST_STREAM.</summary>
    public bool Ended { get; private set; }

    /// <summary>The error code of the RST_STREAM the server sent, if it sent one.</summary>
    public int? ResetCode { get; private set; }

    /// <summary>The response's header blocks in order: its headers, then its trailers (a trailers-only response has one).</summary>
    public IReadOnlyList<IReadOnlyList<(string Name, string Value)>> HeaderBlocks
    {
        get { lock (_gate) return [.. _headerBlocks]; }
    }

    /// <summary>Every DATA byte received so far, as text (a protobuf's strings show in it).</summary>
    public string DataText
    {
        get { lock (_gate) return Encoding.UTF8.GetString([.. _data]); }
    }

    public int DataLength
    {
        get { lock (_gate) return _data.Count; }
    }

    /// <summary>The last value of a header or trailer, or null.</summary>
    public string? this[string name] => HeaderBlocks.SelectMany(block => block).LastOrDefault(h => h.Name == name).Value;

    /// <summary>Asserts a gRPC trailers-only response: one header block that ends the stream, HTTP 200, application/grpc, the status, a message, no DATA.</summary>
    public void AssertTrailersOnly(StatusCode expected)
    {
        var block = Assert.Single(HeaderBlocks);
        Assert.True(Ended && ResetCode is null or 0, $"ended {Ended}, reset {ResetCode}");
        Assert.Contains((":status", "200"), block);
        Assert.Contains(("content-type", "application/grpc"), block);
        Assert.Contains(("grpc-status", ((int)expected).ToString()), block);
        Assert.NotEmpty(this["grpc-message"] ?? "");
        Assert.Equal(0, DataLength);
    }

    internal void AddHeaders(IReadOnlyList<(string, string)> block, bool endStream)
    {
        lock (_gate)
        {
            _headerBlocks.Add(block);
            Ended |= endStream;
        }
    }

    internal void AddData(byte[] data, bool endStream)
    {
        lock (_gate)
        {
            _data.AddRange(data);
            Ended |= endStream;
        }
    }

    internal void Reset(int code)
    {
        lock (_gate)
        {
            ResetCode = code;
            Ended = true;
        }
    }
}
