#!/usr/bin/env node
'use strict';
// gRPC interop test server on @grpc/grpc-js.
//
// Implements the server features of grpc/grpc doc/interop-test-descriptions.md
// for grpc.testing.TestService, plaintext (h2c) only:
//
//   node interop_server.js --port=N [--use_tls=false]
//
// prints "listening on N" once it takes calls and exits on SIGTERM/SIGINT.
//
// Library limitations (grpc-js 1.14):
// - CompressedResponse is not available: the grpc-js server never compresses
//   what it sends (every message goes out with the compressed flag 0), so
//   response_compressed / ResponseParameters.compressed are ignored and the
//   server_compressed_* cases cannot see a compressed response from this server.
// - CompressedRequest: the public API shows neither the request's grpc-encoding
//   header (grpc-js removes it from call.metadata) nor the per-message
//   compressed flag. observeRequestCompression below reads the flag from
//   grpc-js's internal server call (its private decompressAndMaybePush step),
//   so the check sees exactly what was on the wire. Should a grpc-js release
//   drop that internal, requests with expect_compressed=true fail with
//   INTERNAL and say so, rather than passing or failing silently.

const {
  grpc, testing, ECHO_INITIAL_KEY, ECHO_TRAILING_KEY, parseFlags, zeroPayload,
} = require('./interop_common');

const WAS_COMPRESSED = Symbol('wasCompressed');

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * Server interceptor that marks each received request object with whether its
 * message frame had the compressed flag set (request[WAS_COMPRESSED]).
 */
function observeRequestCompression(methodDescriptor, call) {
  const flags = [];
  const decompress = call.decompressAndMaybePush;
  if (typeof decompress === 'function') {
    // Called once per received frame, in order; byte 0 is the compressed flag.
    call.decompressAndMaybePush = (entry) => {
      flags.push(entry.compressedMessage.readUInt8(0) === 1);
      return decompress.call(call, entry);
    };
  }
  return new grpc.ServerInterceptingCall(call, {
    start: (next) => next({
      onReceiveMessage: (message, nextMessage) => {
        message[WAS_COMPRESSED] = flags.shift();
        nextMessage(message);
      },
    }),
  });
}

/** The status to fail with if the request expected compression it did not get, else null. */
function compressionViolation(request) {
  if (!request.expect_compressed || !request.expect_compressed.value) return null;
  switch (request[WAS_COMPRESSED]) {
    case true:
      return null;
    case false:
      return {
        code: grpc.status.INVALID_ARGUMENT,
        details: 'expect_compressed is true but the request message was not compressed',
      };
    default:
      return {
        code: grpc.status.INTERNAL,
        details: 'this @grpc/grpc-js version does not let the server see whether a request was compressed',
      };
  }
}

/** The status that request.response_status asks for, or null. */
function requestedStatus(request) {
  const status = request.response_status;
  return status && status.code !== 0 ? { code: status.code, details: status.message } : null;
}

/** Echoes x-grpc-test-echo-initial now; returns the trailers to echo at the end. */
function echoMetadata(call) {
  const initial = call.metadata.get(ECHO_INITIAL_KEY);
  if (initial.length > 0) {
    const headers = new grpc.Metadata();
    initial.forEach((value) => headers.add(ECHO_INITIAL_KEY, value));
    call.sendMetadata(headers);
  }
  const trailers = new grpc.Metadata();
  call.metadata.get(ECHO_TRAILING_KEY).forEach((value) => trailers.add(ECHO_TRAILING_KEY, value));
  return trailers;
}

/** Writes one response per ResponseParameters, sleeping interval_us before each. */
async function sendResponses(call, responseParameters) {
  for (const params of responseParameters) {
    if (params.interval_us > 0) await sleep(params.interval_us / 1000);
    if (call.cancelled) return;
    call.write({ payload: zeroPayload(params.size) });
  }
}

function payloadSize(request) {
  return request.payload ? request.payload.body.length : 0;
}

const handlers = {
  EmptyCall(call, callback) {
    callback(null, {}, echoMetadata(call));
  },

  UnaryCall(call, callback) {
    const trailers = echoMetadata(call);
    const request = call.request;
    const failure = compressionViolation(request) || requestedStatus(request);
    if (failure) {
      callback({ ...failure, metadata: trailers });
      return;
    }
    callback(null, { payload: zeroPayload(request.response_size) }, trailers);
  },

  async StreamingOutputCall(call) {
    const trailers = echoMetadata(call);
    const failure = requestedStatus(call.request);
    if (failure) {
      call.emit('error', { ...failure, metadata: trailers });
      return;
    }
    await sendResponses(call, call.request.response_parameters);
    if (!call.cancelled) call.end(trailers);
  },

  StreamingInputCall(call, callback) {
    const trailers = echoMetadata(call);
    let total = 0;
    let failed = false;
    call.on('data', (request) => {
      if (failed) return;
      const failure = compressionViolation(request);
      if (failure) {
        failed = true;
        callback({ ...failure, metadata: trailers });
        return;
      }
      total += payloadSize(request);
    });
    call.on('end', () => {
      if (!failed) callback(null, { aggregated_payload_size: total }, trailers);
    });
  },

  FullDuplexCall(call) {
    const trailers = echoMetadata(call);
    let finished = false;
    // Requests are answered strictly in order, each after the previous one's responses.
    let pending = Promise.resolve();
    call.on('data', (request) => {
      pending = pending.then(async () => {
        if (finished || call.cancelled) return;
        const failure = requestedStatus(request);
        if (failure) {
          finished = true;
          call.emit('error', { ...failure, metadata: trailers });
          return;
        }
        await sendResponses(call, request.response_parameters);
      });
    });
    call.on('end', () => {
      pending = pending.then(() => {
        if (!finished && !call.cancelled) call.end(trailers);
      });
    });
  },
};

function main() {
  const flags = parseFlags(process.argv.slice(2), { port: '0', use_tls: 'false' });
  if (flags.use_tls !== 'false') throw new Error('interop_server.js: only --use_tls=false is supported');
  const server = new grpc.Server({ interceptors: [observeRequestCompression] });
  // UnimplementedCall (and the UnimplementedService) are left out on purpose: UNIMPLEMENTED.
  server.addService(testing.TestService.service, handlers);
  server.bindAsync(`127.0.0.1:${flags.port}`, grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      console.error(`interop_server.js: cannot listen on port ${flags.port}: ${error.message}`);
      process.exit(1);
    }
    console.log(`listening on ${port}`);
  });
  const stop = () => {
    server.forceShutdown();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
