#!/usr/bin/python3
"""gRPC interop test client on Python grpcio (Debian python3-grpcio).

Runs one test case of grpc/grpc doc/interop-test-descriptions.md against a
plaintext (h2c) server:

    /usr/bin/python3 interop_client.py --server_host=127.0.0.1 --server_port=N \
        --test_case=NAME [--use_tls=false]

Prints "PASS NAME" and exits 0 when the case passed; otherwise prints one
"FAIL NAME: ..." line on stderr and exits 1.

Library notes:
- grpcio compresses a client-streaming call as a whole, so in
  client_compressed_streaming the second message (expect_compressed=false) is
  sent compressed too, which the description allows a server to accept.
- grpcio does not expose the compressed flag of a response, so the
  server_compressed_* cases use a channel with core's per-message
  decompression switched off and decompress responses themselves, which shows
  the flag as it was on the wire; those cases assert it.
"""

import queue
import sys

import grpc

import interop_protos as pb

CALL_TIMEOUT = 30  # seconds, for every call that is not testing deadlines
ECHO_INITIAL_VALUE = "test_initial_metadata_value"
ECHO_TRAILING_VALUE = b"\xab\xab\xab"
SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


class CaseFailed(Exception):
    pass


def check(condition, expected, got):
    if not condition:
        raise CaseFailed("expected %s, got %s" % (expected, got))


def expect_rpc_error(code, call, message=None):
    """Runs call() and checks that it fails with code (and message, if given)."""
    try:
        result = call()
    except grpc.RpcError as error:
        check(error.code() == code, "status %s" % code.name, "status %s (%r)" % (error.code().name, error.details()))
        if message is not None:
            check(error.details() == message, "status message %r" % message, "%r" % error.details())
        return
    raise CaseFailed("expected status %s, got a successful call returning %r" % (code.name, result))


class RequestQueue:
    """Request iterator fed by the test; close() half-closes the call."""

    _CLOSE = object()

    def __init__(self):
        self._queue = queue.Queue()

    def send(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(self._CLOSE)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._CLOSE:
            raise StopIteration
        return item


class TestServiceStub:
    def __init__(self, channel, decode=pb.deserializer):
        def method(kind, name, response_cls):
            path = pb.method_path(pb.TEST_SERVICE, name)
            return getattr(channel, kind)(path, pb.serializer, decode(response_cls))

        self.empty_call = method("unary_unary", "EmptyCall", pb.Empty)
        self.unary_call = method("unary_unary", "UnaryCall", pb.SimpleResponse)
        self.streaming_output_call = method("unary_stream", "StreamingOutputCall", pb.StreamingOutputCallResponse)
        self.streaming_input_call = method("stream_unary", "StreamingInputCall", pb.StreamingInputCallResponse)
        self.full_duplex_call = method("stream_stream", "FullDuplexCall", pb.StreamingOutputCallResponse)


def large_request(**fields):
    return pb.SimpleRequest(response_size=314159, payload=pb.zero_payload(271828), **fields)


def check_zero_payload(payload, size):
    check(payload.body == bytes(size), "a payload of %d zero bytes" % size,
          "%d bytes%s" % (len(payload.body), "" if not payload.body.strip(b"\0") else " not all zero"))


def duplex_request(response_size, payload_size):
    return pb.StreamingOutputCallRequest(
        response_parameters=[pb.ResponseParameters(size=response_size)],
        payload=pb.zero_payload(payload_size))


def empty_unary(ctx):
    response = ctx.stub.empty_call(pb.Empty(), timeout=CALL_TIMEOUT)
    check(isinstance(response, pb.Empty), "an Empty response", repr(response))


def large_unary(ctx):
    response = ctx.stub.unary_call(large_request(), timeout=CALL_TIMEOUT)
    check_zero_payload(response.payload, 314159)


def client_streaming(ctx):
    sizes = [27182, 8, 1828, 45904]
    requests = [pb.StreamingInputCallRequest(payload=pb.zero_payload(n)) for n in sizes]
    response = ctx.stub.streaming_input_call(iter(requests), timeout=CALL_TIMEOUT)
    check(response.aggregated_payload_size == 74922, "aggregated_payload_size 74922",
          response.aggregated_payload_size)


def server_streaming(ctx):
    sizes = [31415, 9, 2653, 58979]
    request = pb.StreamingOutputCallRequest(response_parameters=[pb.ResponseParameters(size=n) for n in sizes])
    responses = list(ctx.stub.streaming_output_call(request, timeout=CALL_TIMEOUT))
    got = [len(r.payload.body) for r in responses]
    check(got == sizes, "response sizes %s" % sizes, got)
    for response, size in zip(responses, sizes):
        check_zero_payload(response.payload, size)


def ping_pong(ctx):
    pairs = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
    requests = RequestQueue()
    call = ctx.stub.full_duplex_call(requests, timeout=CALL_TIMEOUT)
    try:
        for response_size, payload_size in pairs:
            requests.send(duplex_request(response_size, payload_size))
            response = next(call, None)
            check(response is not None, "a response of %d bytes" % response_size, "end of stream")
            check_zero_payload(response.payload, response_size)
    finally:
        requests.close()
    extra = list(call)
    check(not extra, "exactly four responses", "%d more" % len(extra))


def empty_stream(ctx):
    responses = list(ctx.stub.full_duplex_call(iter([]), timeout=CALL_TIMEOUT))
    check(not responses, "no responses", "%d responses" % len(responses))


def check_echoed_metadata(call):
    initial = [v for k, v in call.initial_metadata() if k == pb.ECHO_INITIAL_KEY]
    check(initial == [ECHO_INITIAL_VALUE],
          "initial metadata %s=%s" % (pb.ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE), initial)
    trailing = [v for k, v in call.trailing_metadata() if k == pb.ECHO_TRAILING_KEY]
    check(trailing == [ECHO_TRAILING_VALUE],
          "trailing metadata %s=%r" % (pb.ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE), trailing)


def custom_metadata(ctx):
    metadata = [(pb.ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE), (pb.ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE)]
    response, call = ctx.stub.unary_call.with_call(large_request(), metadata=metadata, timeout=CALL_TIMEOUT)
    check_zero_payload(response.payload, 314159)
    check_echoed_metadata(call)

    request = duplex_request(314159, 271828)
    call = ctx.stub.full_duplex_call(iter([request]), metadata=metadata, timeout=CALL_TIMEOUT)
    responses = list(call)
    check(len(responses) == 1, "one response", "%d responses" % len(responses))
    check_zero_payload(responses[0].payload, 314159)
    check_echoed_metadata(call)


def status_code_and_message(ctx):
    status = pb.EchoStatus(code=2, message="test status message")
    expect_rpc_error(grpc.StatusCode.UNKNOWN,
                     lambda: ctx.stub.unary_call(pb.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT),
                     status.message)
    request = pb.StreamingOutputCallRequest(response_status=status)
    expect_rpc_error(grpc.StatusCode.UNKNOWN,
                     lambda: list(ctx.stub.full_duplex_call(iter([request]), timeout=CALL_TIMEOUT)),
                     status.message)


def special_status_message(ctx):
    status = pb.EchoStatus(code=2, message=SPECIAL_MESSAGE)
    expect_rpc_error(grpc.StatusCode.UNKNOWN,
                     lambda: ctx.stub.unary_call(pb.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT),
                     SPECIAL_MESSAGE)


def call_unimplemented(ctx, service):
    call = ctx.channel.unary_unary(pb.method_path(service, "UnimplementedCall"),
                                   pb.serializer, pb.deserializer(pb.Empty))
    expect_rpc_error(grpc.StatusCode.UNIMPLEMENTED, lambda: call(pb.Empty(), timeout=CALL_TIMEOUT))


def unimplemented_method(ctx):
    call_unimplemented(ctx, pb.TEST_SERVICE)


def unimplemented_service(ctx):
    call_unimplemented(ctx, pb.UNIMPLEMENTED_SERVICE)


def cancel_after_begin(ctx):
    requests = RequestQueue()
    call = ctx.stub.streaming_input_call.future(requests, timeout=CALL_TIMEOUT)
    call.cancel()
    requests.close()
    check(call.code() == grpc.StatusCode.CANCELLED, "status CANCELLED", "status %s" % call.code().name)


def cancel_after_first_response(ctx):
    requests = RequestQueue()
    call = ctx.stub.full_duplex_call(requests, timeout=CALL_TIMEOUT)
    requests.send(duplex_request(31415, 27182))
    try:
        response = next(call)
        check_zero_payload(response.payload, 31415)
        call.cancel()
    finally:
        requests.close()
    expect_rpc_error(grpc.StatusCode.CANCELLED, lambda: list(call))


def timeout_on_sleeping_server(ctx):
    requests = RequestQueue()
    call = ctx.stub.full_duplex_call(requests, timeout=0.001)
    requests.send(pb.StreamingOutputCallRequest(payload=pb.zero_payload(27182)))
    try:
        expect_rpc_error(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: list(call))
    finally:
        requests.close()


def client_compressed_unary(ctx):
    expect_rpc_error(grpc.StatusCode.INVALID_ARGUMENT,
                     lambda: ctx.stub.unary_call(large_request(expect_compressed=pb.BoolValue(value=True)),
                                                 timeout=CALL_TIMEOUT))
    response = ctx.stub.unary_call(large_request(expect_compressed=pb.BoolValue(value=True)),
                                   compression=grpc.Compression.Gzip, timeout=CALL_TIMEOUT)
    check_zero_payload(response.payload, 314159)
    response = ctx.stub.unary_call(large_request(expect_compressed=pb.BoolValue(value=False)),
                                   timeout=CALL_TIMEOUT)
    check_zero_payload(response.payload, 314159)


def server_compressed_unary(ctx):
    for compressed in (True, False):
        request = large_request(response_compressed=pb.BoolValue(value=compressed))
        response, was_compressed = ctx.raw_stub.unary_call(request, timeout=CALL_TIMEOUT)
        check(was_compressed == compressed, "response compressed=%s" % compressed, "compressed=%s" % was_compressed)
        check_zero_payload(response.payload, 314159)


def client_compressed_streaming(ctx):
    def request(size, expect_compressed):
        return pb.StreamingInputCallRequest(payload=pb.zero_payload(size),
                                            expect_compressed=pb.BoolValue(value=expect_compressed))

    expect_rpc_error(grpc.StatusCode.INVALID_ARGUMENT,
                     lambda: ctx.stub.streaming_input_call(iter([request(27182, True)]), timeout=CALL_TIMEOUT))
    response = ctx.stub.streaming_input_call(iter([request(27182, True), request(45904, False)]),
                                             compression=grpc.Compression.Gzip, timeout=CALL_TIMEOUT)
    check(response.aggregated_payload_size == 73086, "aggregated_payload_size 73086",
          response.aggregated_payload_size)


def server_compressed_streaming(ctx):
    expected = [(31415, True), (92653, False)]
    request = pb.StreamingOutputCallRequest(response_parameters=[
        pb.ResponseParameters(size=size, compressed=pb.BoolValue(value=compressed)) for size, compressed in expected])
    responses = list(ctx.raw_stub.streaming_output_call(request, timeout=CALL_TIMEOUT))
    got = [(len(r.payload.body), compressed) for r, compressed in responses]
    check(got == expected, "(size, compressed) %s" % expected, got)


TEST_CASES = {f.__name__: f for f in [
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream,
    custom_metadata, status_code_and_message, special_status_message,
    unimplemented_method, unimplemented_service, cancel_after_begin, cancel_after_first_response,
    timeout_on_sleeping_server, client_compressed_unary, server_compressed_unary,
    client_compressed_streaming, server_compressed_streaming,
]}


class Context:
    def __init__(self, target):
        self.channel = grpc.insecure_channel(target)
        self.stub = TestServiceStub(self.channel)
        # Responses arrive as (message, was_compressed) on this one.
        self._raw_channel = grpc.insecure_channel(target, options=[pb.NO_DECOMPRESSION])
        self.raw_stub = TestServiceStub(self._raw_channel, decode=pb.decompressing_deserializer)

    def close(self):
        self.channel.close()
        self._raw_channel.close()


def main():
    flags = pb.parse_flags(sys.argv[1:], {"server_host": "127.0.0.1", "server_port": "",
                                          "test_case": "", "use_tls": "false"})
    name = flags["test_case"]
    if name not in TEST_CASES or not flags["server_port"]:
        raise SystemExit("usage: interop_client.py --server_port=N --test_case=CASE; cases: "
                         + ", ".join(TEST_CASES))
    if flags["use_tls"] != "false":
        raise SystemExit("interop_client.py: only --use_tls=false is supported")
    ctx = Context("%s:%s" % (flags["server_host"], flags["server_port"]))
    try:
        TEST_CASES[name](ctx)
    except CaseFailed as failure:
        print("FAIL %s: %s" % (name, failure), file=sys.stderr)
        return 1
    except grpc.RpcError as error:
        print("FAIL %s: unexpected status %s: %r" % (name, error.code().name, error.details()), file=sys.stderr)
        return 1
    finally:
        ctx.close()
    print("PASS " + name, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
