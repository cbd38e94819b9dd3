#!/usr/bin/env node
'use strict';
// gRPC interop test client on @grpc/grpc-js.
//
// Runs one test case of grpc/grpc doc/interop-test-descriptions.md against a
// plaintext (h2c) server:
//
//   node interop_client.js --server_host=127.0.0.1 --server_port=N --test_case=NAME [--use_tls=false]
//
// Prints "PASS NAME" and exits 0 when the case passed; otherwise prints one
// "FAIL NAME: ..." line on stderr and exits 1.
//
// Library notes (grpc-js 1.14):
// - Request compression is a channel option (grpc.default_compression_algorithm),
//   so compressed requests go through a second client built with gzip; a single
//   message is sent uncompressed with the NoCompress write flag.
// - grpc-js does not expose the compressed flag of received messages (nor the
//   response's grpc-encoding header), so server_compressed_* check only the
//   payloads, not that the server really compressed them.

const { isDeepStrictEqual } = require('util');
const {
  grpc, testing, ECHO_INITIAL_KEY, ECHO_TRAILING_KEY, parseFlags, zeroPayload,
} = require('./interop_common');

const CALL_TIMEOUT_MS = 30000; // for every call that is not testing deadlines
// grpc-js WriteFlags.NoCompress (not exported); stream.write() takes it as its "encoding" argument.
const WRITE_NO_COMPRESS = 2;
const ECHO_INITIAL_VALUE = 'test_initial_metadata_value';
const ECHO_TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);
const SPECIAL_MESSAGE = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n';

class CaseFailed extends Error {}

function check(condition, expected, got) {
  if (!condition) throw new CaseFailed(`expected ${expected}, got ${got}`);
}

function statusName(code) {
  return Object.keys(grpc.status).find((name) => grpc.status[name] === code) || String(code);
}

function expectStatus(status, code, message) {
  check(status.code === code, `status ${statusName(code)}`,
    `status ${statusName(status.code)} (${JSON.stringify(status.details)})`);
  if (message !== undefined) {
    check(status.details === message, `status message ${JSON.stringify(message)}`, JSON.stringify(status.details));
  }
}

const expectOk = (status) => expectStatus(status, grpc.status.OK);

function checkZeroPayload(payload, size) {
  const body = payload ? payload.body : Buffer.alloc(0);
  check(body.equals(Buffer.alloc(size)), `a payload of ${size} zero bytes`,
    `${body.length} bytes${body.some((b) => b !== 0) ? ' not all zero' : ''}`);
}

function callOptions(timeoutMs = CALL_TIMEOUT_MS) {
  return { deadline: Date.now() + timeoutMs };
}

/** Resolves with {response, headers, status} once a unary or client-streaming call has its status. */
function watchSingleResponse(start) {
  const result = { response: null, headers: null, status: null };
  const call = start((error, response) => { result.response = response; });
  call.on('metadata', (headers) => { result.headers = headers; });
  const done = new Promise((resolve) => {
    call.on('status', (status) => { result.status = status; resolve(result); });
  });
  return { call, done };
}

function unary(client, method, request, metadata = new grpc.Metadata()) {
  return watchSingleResponse((cb) => client[method](request, metadata, callOptions(), cb)).done;
}

function clientStream(client, method) {
  return watchSingleResponse((cb) => client[method](new grpc.Metadata(), callOptions(), cb));
}

/** Reads the responses of a server-streaming or bidi call one at a time. */
class ResponseReader {
  constructor(call) {
    this.headers = null;
    this.buffered = [];
    this.ended = false;
    this.wake = null;
    call.on('metadata', (headers) => { this.headers = headers; });
    call.on('data', (response) => { this.buffered.push(response); this.notify(); });
    call.on('end', () => { this.ended = true; this.notify(); });
    call.on('error', () => {}); // the status carries the error
    this.status = new Promise((resolve) => { call.on('status', resolve); });
  }

  notify() {
    if (this.wake) this.wake();
    this.wake = null;
  }

  /** The next response, or null once the stream has ended. */
  async next() {
    while (this.buffered.length === 0 && !this.ended) {
      await new Promise((resolve) => { this.wake = resolve; });
    }
    return this.buffered.length > 0 ? this.buffered.shift() : null;
  }

  /** All remaining responses and the final status. */
  async finish() {
    const responses = [];
    for (let r = await this.next(); r !== null; r = await this.next()) responses.push(r);
    return { responses, status: await this.status };
  }
}

async function failEndOfStream(reader, expected) {
  const status = await reader.status;
  const got = `end of stream with status ${statusName(status.code)} (${JSON.stringify(status.details)})`;
  throw new CaseFailed(`expected ${expected}, got ${got}`);
}

function largeRequest(fields = {}) {
  return { response_size: 314159, payload: zeroPayload(271828), ...fields };
}

function duplexRequest(responseSize, payloadSize) {
  return { response_parameters: [{ size: responseSize }], payload: zeroPayload(payloadSize) };
}

async function emptyUnary(ctx) {
  const { response, status } = await unary(ctx.client(), 'EmptyCall', {});
  expectOk(status);
  check(response !== null && typeof response === 'object', 'an Empty response', response);
}

async function largeUnary(ctx) {
  const { response, status } = await unary(ctx.client(), 'UnaryCall', largeRequest());
  expectOk(status);
  checkZeroPayload(response.payload, 314159);
}

async function clientStreaming(ctx) {
  const { call, done } = clientStream(ctx.client(), 'StreamingInputCall');
  for (const size of [27182, 8, 1828, 45904]) call.write({ payload: zeroPayload(size) });
  call.end();
  const { response, status } = await done;
  expectOk(status);
  check(response.aggregated_payload_size === 74922, 'aggregated_payload_size 74922', response.aggregated_payload_size);
}

async function serverStreaming(ctx) {
  const sizes = [31415, 9, 2653, 58979];
  const request = { response_parameters: sizes.map((size) => ({ size })) };
  const reader = new ResponseReader(ctx.client().StreamingOutputCall(request, callOptions()));
  const { responses, status } = await reader.finish();
  expectOk(status);
  const got = responses.map((r) => r.payload.body.length);
  check(isDeepStrictEqual(got, sizes), `response sizes ${sizes}`, got);
  responses.forEach((r, i) => checkZeroPayload(r.payload, sizes[i]));
}

async function pingPong(ctx) {
  const call = ctx.client().FullDuplexCall(callOptions());
  const reader = new ResponseReader(call);
  for (const [responseSize, payloadSize] of [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]]) {
    call.write(duplexRequest(responseSize, payloadSize));
    const response = await reader.next();
    if (response === null) await failEndOfStream(reader, `a response of ${responseSize} bytes`);
    checkZeroPayload(response.payload, responseSize);
  }
  call.end();
  const { responses, status } = await reader.finish();
  expectOk(status);
  check(responses.length === 0, 'exactly four responses', `${responses.length} more`);
}

async function emptyStream(ctx) {
  const call = ctx.client().FullDuplexCall(callOptions());
  const reader = new ResponseReader(call);
  call.end();
  const { responses, status } = await reader.finish();
  expectOk(status);
  check(responses.length === 0, 'no responses', `${responses.length} responses`);
}

function checkEchoedMetadata(headers, trailers) {
  const initial = headers ? headers.get(ECHO_INITIAL_KEY) : [];
  check(isDeepStrictEqual(initial, [ECHO_INITIAL_VALUE]),
    `initial metadata ${ECHO_INITIAL_KEY}=${ECHO_INITIAL_VALUE}`, JSON.stringify(initial));
  const trailing = trailers.get(ECHO_TRAILING_KEY);
  check(trailing.length === 1 && ECHO_TRAILING_VALUE.equals(trailing[0]),
    `trailing metadata ${ECHO_TRAILING_KEY}=0xababab`, trailing.map((v) => v.toString('hex')));
}

async function customMetadata(ctx) {
  const metadata = new grpc.Metadata();
  metadata.set(ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE);
  metadata.set(ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE);

  const { response, headers, status } = await unary(ctx.client(), 'UnaryCall', largeRequest(), metadata);
  expectOk(status);
  checkZeroPayload(response.payload, 314159);
  checkEchoedMetadata(headers, status.metadata);

  const call = ctx.client().FullDuplexCall(metadata, callOptions());
  const reader = new ResponseReader(call);
  call.write(duplexRequest(314159, 271828));
  call.end();
  const { responses, status: duplexStatus } = await reader.finish();
  expectOk(duplexStatus);
  check(responses.length === 1, 'one response', `${responses.length} responses`);
  checkZeroPayload(responses[0].payload, 314159);
  checkEchoedMetadata(reader.headers, duplexStatus.metadata);
}

async function statusCodeAndMessage(ctx) {
  const responseStatus = { code: 2, message: 'test status message' };
  const { status } = await unary(ctx.client(), 'UnaryCall', { response_status: responseStatus });
  expectStatus(status, grpc.status.UNKNOWN, responseStatus.message);

  const call = ctx.client().FullDuplexCall(callOptions());
  const reader = new ResponseReader(call);
  call.write({ response_status: responseStatus });
  call.end();
  expectStatus((await reader.finish()).status, grpc.status.UNKNOWN, responseStatus.message);
}

async function specialStatusMessage(ctx) {
  const request = { response_status: { code: 2, message: SPECIAL_MESSAGE } };
  const { status } = await unary(ctx.client(), 'UnaryCall', request);
  expectStatus(status, grpc.status.UNKNOWN, SPECIAL_MESSAGE);
}

async function unimplementedMethod(ctx) {
  const { status } = await unary(ctx.client(), 'UnimplementedCall', {});
  expectStatus(status, grpc.status.UNIMPLEMENTED);
}

async function unimplementedService(ctx) {
  const { status } = await unary(ctx.unimplementedServiceClient(), 'UnimplementedCall', {});
  expectStatus(status, grpc.status.UNIMPLEMENTED);
}

async function cancelAfterBegin(ctx) {
  const { call, done } = clientStream(ctx.client(), 'StreamingInputCall');
  call.cancel();
  expectStatus((await done).status, grpc.status.CANCELLED);
}

async function cancelAfterFirstResponse(ctx) {
  const call = ctx.client().FullDuplexCall(callOptions());
  const reader = new ResponseReader(call);
  call.write(duplexRequest(31415, 27182));
  const response = await reader.next();
  if (response === null) await failEndOfStream(reader, 'a first response');
  checkZeroPayload(response.payload, 31415);
  call.cancel();
  expectStatus(await reader.status, grpc.status.CANCELLED);
}

async function timeoutOnSleepingServer(ctx) {
  const call = ctx.client().FullDuplexCall(callOptions(1));
  const reader = new ResponseReader(call);
  call.write({ payload: zeroPayload(27182) });
  expectStatus(await reader.status, grpc.status.DEADLINE_EXCEEDED);
}

async function clientCompressedUnary(ctx) {
  const probe = await unary(ctx.client(), 'UnaryCall', largeRequest({ expect_compressed: { value: true } }));
  expectStatus(probe.status, grpc.status.INVALID_ARGUMENT);
  const compressed = await unary(ctx.gzipClient(), 'UnaryCall', largeRequest({ expect_compressed: { value: true } }));
  expectOk(compressed.status);
  checkZeroPayload(compressed.response.payload, 314159);
  const plain = await unary(ctx.client(), 'UnaryCall', largeRequest({ expect_compressed: { value: false } }));
  expectOk(plain.status);
  checkZeroPayload(plain.response.payload, 314159);
}

async function serverCompressedUnary(ctx) {
  for (const compressed of [true, false]) {
    const request = largeRequest({ response_compressed: { value: compressed } });
    const { response, status } = await unary(ctx.client(), 'UnaryCall', request);
    expectOk(status);
    checkZeroPayload(response.payload, 314159);
  }
}

async function clientCompressedStreaming(ctx) {
  const request = (size, expectCompressed) => ({
    payload: zeroPayload(size), expect_compressed: { value: expectCompressed },
  });
  const probe = clientStream(ctx.client(), 'StreamingInputCall');
  probe.call.write(request(27182, true));
  probe.call.end();
  expectStatus((await probe.done).status, grpc.status.INVALID_ARGUMENT);

  const { call, done } = clientStream(ctx.gzipClient(), 'StreamingInputCall');
  call.write(request(27182, true));
  call.write(request(45904, false), WRITE_NO_COMPRESS);
  call.end();
  const { response, status } = await done;
  expectOk(status);
  check(response.aggregated_payload_size === 73086, 'aggregated_payload_size 73086', response.aggregated_payload_size);
}

async function serverCompressedStreaming(ctx) {
  const sizes = [31415, 92653];
  const request = {
    response_parameters: [
      { size: sizes[0], compressed: { value: true } },
      { size: sizes[1], compressed: { value: false } },
    ],
  };
  const reader = new ResponseReader(ctx.client().StreamingOutputCall(request, callOptions()));
  const { responses, status } = await reader.finish();
  expectOk(status);
  const got = responses.map((r) => r.payload.body.length);
  check(isDeepStrictEqual(got, sizes), `response sizes ${sizes}`, got);
}

const TEST_CASES = {
  empty_unary: emptyUnary,
  large_unary: largeUnary,
  client_streaming: clientStreaming,
  server_streaming: serverStreaming,
  ping_pong: pingPong,
  empty_stream: emptyStream,
  custom_metadata: customMetadata,
  status_code_and_message: statusCodeAndMessage,
  special_status_message: specialStatusMessage,
  unimplemented_method: unimplementedMethod,
  unimplemented_service: unimplementedService,
  cancel_after_begin: cancelAfterBegin,
  cancel_after_first_response: cancelAfterFirstResponse,
  timeout_on_sleeping_server: timeoutOnSleepingServer,
  client_compressed_unary: clientCompressedUnary,
  server_compressed_unary: serverCompressedUnary,
  client_compressed_streaming: clientCompressedStreaming,
  server_compressed_streaming: serverCompressedStreaming,
};

/** Creates each client on first use and closes them all at the end. */
class Context {
  constructor(target) {
    this.target = target;
    this.clients = new Map();
  }

  get(key, Client, options = {}) {
    if (!this.clients.has(key)) {
      this.clients.set(key, new Client(this.target, grpc.credentials.createInsecure(), options));
    }
    return this.clients.get(key);
  }

  client() {
    return this.get('plain', testing.TestService);
  }

  gzipClient() {
    return this.get('gzip', testing.TestService,
      { 'grpc.default_compression_algorithm': grpc.compressionAlgorithms.gzip });
  }

  unimplementedServiceClient() {
    return this.get('unimplemented', testing.UnimplementedService);
  }

  close() {
    this.clients.forEach((client) => client.close());
  }
}

async function main() {
  const flags = parseFlags(process.argv.slice(2),
    { server_host: '127.0.0.1', server_port: '', test_case: '', use_tls: 'false' });
  const name = flags.test_case;
  if (!(name in TEST_CASES) || !flags.server_port) {
    const cases = Object.keys(TEST_CASES).join(', ');
    throw new Error(`usage: interop_client.js --server_port=N --test_case=CASE; cases: ${cases}`);
  }
  if (flags.use_tls !== 'false') throw new Error('interop_client.js: only --use_tls=false is supported');
  const ctx = new Context(`${flags.server_host}:${flags.server_port}`);
  try {
    await TEST_CASES[name](ctx);
    console.log(`PASS ${name}`);
    return 0;
  } catch (error) {
    console.error(`FAIL ${name}: ${error instanceof CaseFailed ? error.message : error.stack}`);
    return 1;
  } finally {
    ctx.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => { console.error(error.message); process.exit(2); },
);
