'use strict';
// Shared pieces of the grpc-js interop peers: the grpc.testing protos loaded
// with @grpc/proto-loader, flag parsing and the echo metadata keys.

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', '..', 'protos');

const packageDefinition = protoLoader.loadSync('grpc/testing/test.proto', {
  includeDirs: [PROTO_ROOT],
  keepCase: true, // field names as in the .proto: response_size, expect_compressed, ...
  defaults: true, // absent scalars read as 0 / '' / empty Buffer; absent messages as null
  enums: String,
});
const testing = grpc.loadPackageDefinition(packageDefinition).grpc.testing;

const ECHO_INITIAL_KEY = 'x-grpc-test-echo-initial';
const ECHO_TRAILING_KEY = 'x-grpc-test-echo-trailing-bin';

/** Parses --name=value flags into a copy of defaults; unknown flags are an error. */
function parseFlags(argv, defaults) {
  const values = { ...defaults };
  for (const arg of argv) {
    const match = /^--([a-z_]+)=(.*)$/s.exec(arg);
    if (!match || !(match[1] in values)) {
      const known = Object.keys(values).map((k) => `--${k}`).join(', ');
      throw new Error(`unknown or malformed flag: ${arg} (known: ${known})`);
    }
    values[match[1]] = match[2];
  }
  return values;
}

function zeroPayload(size) {
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

module.exports = {
  grpc,
  testing,
  ECHO_INITIAL_KEY,
  ECHO_TRAILING_KEY,
  parseFlags,
  zeroPayload,
};
