using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Sia.Grpc.Interop;

/// <summary>The interop suite's client test cases, each a method that throws when the server misbehaves.</summary>
public sealed class InteropClient : IDisposable
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoInitialValue = "test_initial_metadata_value";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";
    private static readonly byte[] EchoTrailingValue = [0xab, 0xab, 0xab];
    private static readonly Metadata CompressedCall = new() { { "grpc-internal-encoding-request", "gzip" } };

    private readonly GrpcChannel _channel;
    private readonly CompressionFlagRecorder _flags;
    private readonly TestService.TestServiceClient _client;

    private InteropClient(GrpcChannel channel, CompressionFlagRecorder flags)
    {
        _channel = channel;
        _flags = flags;
        _client = new TestService.TestServiceClient(channel);
    }

    public static InteropClient ForAddress(string address)
    {
        var flags = new CompressionFlagRecorder(new SocketsHttpHandler());
        return new InteropClient(GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = flags, DisposeHttpClient = true }), flags);
    }

    public void Dispose() => _channel.Dispose();

    public static readonly IReadOnlyList<string> TestCases =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "custom_metadata", "status_code_and_message", "special_status_message", "unimplemented_method",
        "unimplemented_service", "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server",
        "client_compressed_unary", "server_compressed_unary", "client_compressed_streaming", "server_compressed_streaming",
    ];

    public static async Task<int> RunAsync(InteropFlags flags)
    {
        var host = flags.Get("server_host", "127.0.0.1");
        var port = flags.RequireInt("server_port");
        var testCase = flags.Require("test_case");
        var scheme = flags.Get("use_tls", "false") == "false" ? "http" : "https";
        using var client = ForAddress($"{scheme}://{(host.Contains(':') ? $"[{host}]" : host)}:{port}");
        try
        {
            await client.RunTestCaseAsync(testCase);
            Console.WriteLine($"PASS {testCase}");
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"FAIL {testCase}: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    public Task RunTestCaseAsync(string name) => name switch
    {
        "empty_unary" => EmptyUnary(),
        "large_unary" => LargeUnary(),
        "client_streaming" => ClientStreaming(),
        "server_streaming" => ServerStreaming(),
        "ping_pong" => PingPong(),
        "empty_stream" => EmptyStream(),
        "custom_metadata" => CustomMetadata(),
        "status_code_and_message" => StatusCodeAndMessage(),
        "special_status_message" => SpecialStatusMessage(),
        "unimplemented_method" => UnimplementedMethod(),
        "unimplemented_service" => UnimplementedService(),
        "cancel_after_begin" => CancelAfterBegin(),
        "cancel_after_first_response" => CancelAfterFirstResponse(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServer(),
        "client_compressed_unary" => ClientCompressedUnary(),
        "server_compressed_unary" => ServerCompressedUnary(),
        "client_compressed_streaming" => ClientCompressedStreaming(),
        "server_compressed_streaming" => ServerCompressedStreaming(),
        _ => throw new ArgumentException($"Unknown test case '{name}'. Known: {string.Join(", ", TestCases)}"),
    };

    private async Task EmptyUnary()
    {
        var response = await _client.EmptyCallAsync(new Empty());
        Check(response is not null, "EmptyCall returned no response");
    }

    private async Task LargeUnary()
    {
        var response = await _client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) });
        CheckZeros(response.Payload, 314159);
    }

    private async Task ClientStreaming()
    {
        using var call = _client.StreamingInputCall();
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        CheckEqual(74922, response.AggregatedPayloadSize, "aggregated payload size");
    }

    private async Task ServerStreaming()
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
        using var call = _client.StreamingOutputCall(request);
        var received = await ReadSizesAsync(call.ResponseStream);
        CheckEqual(string.Join(",", sizes), string.Join(",", received), "response sizes");
    }

    private async Task PingPong()
    {
        (int Response, int Request)[] steps = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)];
        using var call = _client.FullDuplexCall();
        foreach (var (responseSize, requestSize) in steps)
        {
            await call.RequestStream.WriteAsync(DuplexRequest(responseSize, requestSize));
            Check(await call.ResponseStream.MoveNext(CancellationToken.None), "the response stream ended early");
            CheckZeros(call.ResponseStream.Current.Payload, responseSize);
        }
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(CancellationToken.None), "more responses than requests");
    }

    private async Task EmptyStream()
    {
        using var call = _client.FullDuplexCall();
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(CancellationToken.None), "expected no responses");
    }

    private async Task CustomMetadata()
    {
        var metadata = new Metadata { { EchoInitialKey, EchoInitialValue }, { EchoTrailingKey, EchoTrailingValue } };

        using (var unary = _client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, metadata))
        {
            CheckZeros((await unary).Payload, 314159);
            CheckEchoedMetadata(await unary.ResponseHeadersAsync, unary.GetTrailers());
        }

        using var duplex = _client.FullDuplexCall(metadata);
        await duplex.RequestStream.WriteAsync(DuplexRequest(314159, 271828));
        await duplex.RequestStream.CompleteAsync();
        var sizes = await ReadSizesAsync(duplex.ResponseStream);
        CheckEqual("314159", string.Join(",", sizes), "response sizes");
        CheckEchoedMetadata(await duplex.ResponseHeadersAsync, duplex.GetTrailers());
    }

    private async Task StatusCodeAndMessage()
    {
        var echo = new EchoStatus { Code = 2, Message = "test status message" };
        await ExpectStatusAsync(StatusCode.Unknown, echo.Message, async () => await _client.UnaryCallAsync(new SimpleRequest { ResponseStatus = echo }));
        await ExpectStatusAsync(StatusCode.Unknown, echo.Message, async () =>
        {
            using var call = _client.FullDuplexCall();
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = echo });
            await call.RequestStream.CompleteAsync();
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
    }

    private async Task SpecialStatusMessage()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
        await ExpectStatusAsync(StatusCode.Unknown, message, async () =>
            await _client.UnaryCallAsync(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } }));
    }

    private Task UnimplementedMethod() =>
        ExpectStatusAsync(StatusCode.Unimplemented, null, async () => await _client.UnimplementedCallAsync(new Empty()));

    private Task UnimplementedService() =>
        ExpectStatusAsync(StatusCode.Unimplemented, null, async () =>
            await new global::Grpc.Testing.UnimplementedService.UnimplementedServiceClient(_channel).UnimplementedCallAsync(new Empty()));

    private async Task CancelAfterBegin()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.StreamingInputCall(cancellationToken: cts.Token);
        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, null, async () => await call.ResponseAsync);
    }

    private async Task CancelAfterFirstResponse()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.FullDuplexCall(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(DuplexRequest(31415, 27182));
        Check(await call.ResponseStream.MoveNext(CancellationToken.None), "expected a first response");
        CheckZeros(call.ResponseStream.Current.Payload, 31415);
        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, null, async () => await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    private async Task TimeoutOnSleepingServer()
    {
        using var call = _client.FullDuplexCall(deadline: DateTime.UtcNow.AddMilliseconds(1));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The deadline may pass before the request is even sent.
        }
        await ExpectStatusAsync(StatusCode.DeadlineExceeded, null, async () => await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    private async Task ClientCompressedUnary()
    {
        SimpleRequest Request(bool expectCompressed) => new()
        {
            ExpectCompressed = new BoolValue { Value = expectCompressed },
            ResponseSize = 314159,
            Payload = Zeros(271828),
        };
        await ExpectStatusAsync(StatusCode.InvalidArgument, null, async () => await _client.UnaryCallAsync(Request(expectCompressed: true)));
        CheckZeros((await _client.UnaryCallAsync(Request(expectCompressed: true), CompressedCall)).Payload, 314159);
        CheckZeros((await _client.UnaryCallAsync(Request(expectCompressed: false))).Payload, 314159);
    }

    private async Task ServerCompressedUnary()
    {
        foreach (var compressed in new[] { true, false })
        {
            using var call = _client.UnaryCallAsync(new SimpleRequest
            {
                ResponseCompressed = new BoolValue { Value = compressed },
                ResponseSize = 314159,
                Payload = Zeros(271828),
            });
            CheckZeros((await call).Payload, 314159);
            CheckEqual(compressed.ToString(), string.Join(",", _flags.LastResponseFlags), "response message compressed flags");
        }
    }

    private async Task ClientCompressedStreaming()
    {
        await ExpectStatusAsync(StatusCode.InvalidArgument, null, async () =>
        {
            using var probe = _client.StreamingInputCall();
            await probe.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Zeros(27182) });
            await probe.RequestStream.CompleteAsync();
            await probe.ResponseAsync;
        });

        using var call = _client.StreamingInputCall(CompressedCall);
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Zeros(27182) });
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = false }, Payload = Zeros(45904) });
        await call.RequestStream.CompleteAsync();
        CheckEqual(73086, (await call.ResponseAsync).AggregatedPayloadSize, "aggregated payload size");
    }

    private async Task ServerCompressedStreaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Compressed = new BoolValue { Value = true }, Size = 31415 });
        request.ResponseParameters.Add(new ResponseParameters { Compressed = new BoolValue { Value = false }, Size = 92653 });
        using var call = _client.StreamingOutputCall(request);
        var sizes = await ReadSizesAsync(call.ResponseStream);
        CheckEqual("31415,92653", string.Join(",", sizes), "response sizes");
        CheckEqual("True,False", string.Join(",", _flags.LastResponseFlags), "response message compressed flags");
    }

    private static StreamingOutputCallRequest DuplexRequest(int responseSize, int payloadSize)
    {
        var request = new StreamingOutputCallRequest { Payload = Zeros(payloadSize) };
        request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
        return request;
    }

    private static async Task<List<int>> ReadSizesAsync(IAsyncStreamReader<StreamingOutputCallResponse> responses)
    {
        var sizes = new List<int>();
        await foreach (var response in responses.ReadAllAsync())
        {
            CheckZeros(response.Payload, response.Payload.Body.Length);
            sizes.Add(response.Payload.Body.Length);
        }
        return sizes;
    }

    private static void CheckEchoedMetadata(Metadata headers, Metadata trailers)
    {
        CheckEqual(EchoInitialValue, headers.GetValue(EchoInitialKey), "echoed initial metadata");
        CheckEqual(Convert.ToHexString(EchoTrailingValue), Convert.ToHexString(trailers.GetValueBytes(EchoTrailingKey) ?? []), "echoed trailing metadata");
    }

    private static async Task ExpectStatusAsync(StatusCode code, string? message, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            CheckEqual(code, ex.StatusCode, "status code");
            if (message is not null) CheckEqual(message, ex.Status.Detail, "status message");
            return;
        }
        throw new InvalidOperationException($"Expected status {code}, but the call succeeded.");
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static void CheckZeros(Payload? payload, int size)
    {
        Check(payload is not null, "response has no payload");
        CheckEqual(size, payload!.Body.Length, "payload size");
        Check(payload.Body.Span.IndexOfAnyExcept((byte)0) < 0, "payload is not all zeros");
    }

    private static void CheckEqual<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) throw new InvalidOperationException($"{what}: expected {expected}, got {actual}");
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition) throw new InvalidOperationException(failure);
    }
}
