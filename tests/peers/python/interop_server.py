#!/usr/bin/python3
"""gRPC interop test server on Python grpcio (Debian python3-grpcio).

Implements the server features of grpc/grpc doc/interop-test-descriptions.md
for grpc.testing.TestService, plaintext (h2c) only:

    /usr/bin/python3 interop_server.py --port=N [--use_tls=false]

prints "listening on N" once it takes calls and exits on SIGTERM/SIGINT.

Compression, and what grpcio lets a server see of it:
- grpcio strips grpc-encoding from the invocation metadata and does not expose
  the per-message compressed flag. The server therefore runs with core's
  per-message decompression switched off (grpc.per_message_decompression=0)
  and decompresses requests itself, which shows exactly which request messages
  were compressed on the wire (see interop_protos.decompressing_deserializer).
  CompressedRequest is checked per message from that.
- Response compression is chosen per call (gzip) and can be switched off per
  message. The call's encoding is fixed when the response headers go out, so a
  FullDuplexCall compresses only if its first request asks for a compressed
  response; a later request cannot turn compression on.
"""

import signal
import sys
import threading
from concurrent import futures

import grpc

import interop_protos as pb

_STATUS_BY_CODE = {status.value[0]: status for status in grpc.StatusCode}


def _echo_metadata(context, compress):
    """Fixes the call's response encoding and echoes the test metadata."""
    if compress:
        context.set_compression(grpc.Compression.Gzip)
    metadata = context.invocation_metadata()
    initial = [(k, v) for k, v in metadata if k == pb.ECHO_INITIAL_KEY]
    trailing = [(k, v) for k, v in metadata if k == pb.ECHO_TRAILING_KEY]
    if initial:
        context.send_initial_metadata(initial)
    if trailing:
        context.set_trailing_metadata(trailing)


def _abort_on_requested_status(context, request):
    status = request.response_status
    if status.code != 0:
        context.abort(_STATUS_BY_CODE.get(status.code, grpc.StatusCode.UNKNOWN), status.message)


def _check_compressed(context, request, compressed):
    if request.expect_compressed.value and not compressed:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                      "expect_compressed is true but the request message was not compressed")


def _call_ended(context):
    """An event set once the call is over (finished, cancelled or the server stopping)."""
    ended = threading.Event()
    if not context.add_callback(ended.set):  # already over
        ended.set()
    return ended


def _responses(context, request, ended):
    """Yields one response per ResponseParameters, honouring interval_us and compressed."""
    for params in request.response_parameters:
        if ended.wait(params.interval_us / 1e6):
            return
        if not params.compressed.value:
            context.disable_next_message_compression()
        yield pb.StreamingOutputCallResponse(payload=pb.zero_payload(params.size))


def _live_requests(request_iterator):
    """Request messages until half-close; stops quietly if the call was cancelled."""
    try:
        yield from request_iterator
    except grpc.RpcError:
        return


def empty_call(received, context):
    _echo_metadata(context, compress=False)
    return pb.Empty()


def unary_call(received, context):
    request, compressed = received
    _echo_metadata(context, compress=request.response_compressed.value)
    _check_compressed(context, request, compressed)
    _abort_on_requested_status(context, request)
    return pb.SimpleResponse(payload=pb.zero_payload(request.response_size))


def streaming_output_call(received, context):
    request, _ = received
    wants_compression = any(p.compressed.value for p in request.response_parameters)
    _echo_metadata(context, compress=wants_compression)
    _abort_on_requested_status(context, request)
    yield from _responses(context, request, _call_ended(context))


def streaming_input_call(request_iterator, context):
    _echo_metadata(context, compress=False)
    total = 0
    for request, compressed in _live_requests(request_iterator):
        _check_compressed(context, request, compressed)
        total += len(request.payload.body)
    return pb.StreamingInputCallResponse(aggregated_payload_size=total)


def full_duplex_call(request_iterator, context):
    ended = _call_ended(context)
    # The response encoding is fixed when the headers go out, so they wait for
    # the first request (grpcio itself sends none before the first response).
    started = False
    for request, _ in _live_requests(request_iterator):
        if not started:
            _echo_metadata(context, compress=any(p.compressed.value for p in request.response_parameters))
            started = True
        _abort_on_requested_status(context, request)
        yield from _responses(context, request, ended)
    if not started:
        _echo_metadata(context, compress=False)


def _handlers():
    decode = pb.decompressing_deserializer
    encode = pb.serializer
    methods = {
        "EmptyCall": grpc.unary_unary_rpc_method_handler(
            empty_call, decode(pb.Empty), encode),
        "UnaryCall": grpc.unary_unary_rpc_method_handler(
            unary_call, decode(pb.SimpleRequest), encode),
        "StreamingOutputCall": grpc.unary_stream_rpc_method_handler(
            streaming_output_call, decode(pb.StreamingOutputCallRequest), encode),
        "StreamingInputCall": grpc.stream_unary_rpc_method_handler(
            streaming_input_call, decode(pb.StreamingInputCallRequest), encode),
        "FullDuplexCall": grpc.stream_stream_rpc_method_handler(
            full_duplex_call, decode(pb.StreamingOutputCallRequest), encode),
    }
    return grpc.method_handlers_generic_handler(pb.TEST_SERVICE, methods)


def main():
    flags = pb.parse_flags(sys.argv[1:], {"port": "0", "use_tls": "false"})
    if flags["use_tls"] != "false":
        raise SystemExit("interop_server.py: only --use_tls=false is supported")
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32),
                         handlers=[_handlers()], options=[pb.NO_DECOMPRESSION])
    port = server.add_insecure_port("127.0.0.1:%s" % flags["port"])
    if port == 0:
        raise SystemExit("interop_server.py: cannot listen on port %s" % flags["port"])
    server.start()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: server.stop(grace=None))
    print("listening on %d" % port, flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
