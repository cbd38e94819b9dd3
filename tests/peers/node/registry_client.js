'use strict';
// A registry client on grpc-js, as a partner system would write one, calling through the SIA gateway.
//
//   node registry_client.js --address=127.0.0.1:PORT --key=KEY --school=schools/URN --alliance=alliances/ID --gias=FILE
//
// Runs the same fixed scenario as ../python/registry_client.py and prints the same lines (the test reads them):
//   school NAME LAESTAB DISPLAY_NAME, alliance_members NAME,..., invalid_argument FIELD: DESCRIPTION,
//   retried_create SAME|DIFFERENT, watch_saw NAME, watch_resumed SAME|DIFFERENT,
//   import created=N updated=N unchanged=N rejected=N (twice).
// Exits 1 with a message on stderr if a call fails unexpectedly.

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', '..', 'protos');
const CALL_TIMEOUT_MS = 30000;
const CHUNK_SIZE = 4096;

/** google/type and google/rpc: the .proto files of the newest restored Google.Api.CommonProtos NuGet package. */
function commonProtosInclude() {
  const roots = [process.env.NUGET_PACKAGES, path.join(os.homedir(), '.nuget', 'packages')].filter(Boolean);
  for (const root of roots) {
    const dir = path.join(root, 'google.api.commonprotos');
    if (!fs.existsSync(dir)) continue;
    const versions = fs.readdirSync(dir).filter((v) => fs.existsSync(path.join(dir, v, 'content', 'protos')));
    versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (versions.length) return path.join(dir, versions[versions.length - 1], 'content', 'protos');
  }
  throw new Error('Google.Api.CommonProtos not found: restore the solution (dotnet restore SIA.sln)');
}

const includeDirs = [PROTO_ROOT, commonProtosInclude()];
const registry = grpc.loadPackageDefinition(protoLoader.loadSync(
  ['sia/registry/v1/school.proto', 'sia/registry/v1/system_leader.proto', 'sia/registry/v1/changes.proto', 'sia/registry/v1/gias_import.proto'],
  { includeDirs, keepCase: true, defaults: true, enums: String })).sia.registry.v1;

const rpcTypes = new protobuf.Root();
rpcTypes.resolvePath = (_, target) => includeDirs.map((dir) => path.join(dir, target)).find(fs.existsSync) || target;
rpcTypes.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });

function parseFlags(argv) {
  const flags = {};
  for (const arg of argv) {
    const match = /^--([a-z]+)=(.*)$/s.exec(arg);
    if (!match) throw new Error(`malformed flag: ${arg}`);
    flags[match[1]] = match[2];
  }
  for (const name of ['address', 'key', 'school', 'alliance', 'gias']) if (!flags[name]) throw new Error(`--${name} is required`);
  return flags;
}

const deadline = () => new Date(Date.now() + CALL_TIMEOUT_MS);
const call = (client, method, request, metadata) =>
  new Promise((resolve, reject) => client[method](request, metadata, { deadline: deadline() }, (error, response) => (error ? reject(error) : resolve(response))));

/** The google.rpc.BadRequest field violations in the error's grpc-status-details-bin trailer. */
function fieldViolations(error) {
  const [details] = error.metadata.get('grpc-status-details-bin');
  const status = rpcTypes.lookupType('google.rpc.Status').decode(details);
  const badRequest = status.details.find((any) => any.type_url.endsWith('/google.rpc.BadRequest'));
  return badRequest ? rpcTypes.lookupType('google.rpc.BadRequest').decode(badRequest.value).field_violations : [];
}

/** WatchChanges from resumeToken, until stopAt(change) is true; the changes read, stop one included. */
function watch(client, metadata, resumeToken, stopAt) {
  return new Promise((resolve, reject) => {
    const seen = [];
    const stream = client.WatchChanges({ resume_token: resumeToken }, metadata, { deadline: deadline() });
    stream.on('data', (change) => {
      seen.push(change);
      if (stopAt(change)) {
        stream.cancel();
        resolve(seen);
      }
    });
    stream.on('error', (error) => { if (error.code !== grpc.status.CANCELLED) reject(error); });
    stream.on('end', () => resolve(seen));
  });
}

function importGias(client, metadata, file) {
  return new Promise((resolve, reject) => {
    const stream = client.ImportGiasExtract(metadata, { deadline: deadline() }, (error, summary) => (error ? reject(error) : resolve(summary)));
    const bytes = fs.readFileSync(file);
    for (let offset = 0; offset < bytes.length; offset += CHUNK_SIZE) stream.write({ chunk: bytes.subarray(offset, offset + CHUNK_SIZE) });
    stream.end();
  });
}

async function main() {
  const args = parseFlags(process.argv.slice(2));
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${args.key}`);
  const credentials = grpc.credentials.createInsecure();
  const schools = new registry.SchoolService(args.address, credentials);
  const leaders = new registry.SystemLeaderService(args.address, credentials);
  const changes = new registry.RegistryChangeService(args.address, credentials);
  const imports = new registry.GiasImportService(args.address, credentials);

  const school = await call(schools, 'GetSchool', { name: args.school }, metadata);
  console.log(`school ${school.name} ${school.laestab} ${school.display_name}`);

  const members = [];
  let token = '';
  do {
    const page = await call(schools, 'ListSchools', { alliance: args.alliance, page_size: 1, page_token: token }, metadata);
    members.push(...page.schools.map((s) => s.name));
    token = page.next_page_token;
  } while (token);
  console.log(`alliance_members ${members.join(',')}`);

  try {
    await call(schools, 'GetSchool', { name: 'schools/12' }, metadata);
    throw new Error('bad name accepted');
  } catch (error) {
    if (error.code !== grpc.status.INVALID_ARGUMENT) throw error;
    for (const violation of fieldViolations(error)) console.log(`invalid_argument ${violation.field}: ${violation.description}`);
  }

  const leader = { display_name: 'Node Peer', designation: 'DESIGNATION_SLE', home_school: args.school, specialisms: ['Mathematics'], active: true };
  const request = { system_leader: leader, request_id: crypto.randomUUID() };
  const first = await call(leaders, 'CreateSystemLeader', request, metadata);
  const second = await call(leaders, 'CreateSystemLeader', request, metadata);
  console.log(`retried_create ${first.name === second.name ? 'SAME' : 'DIFFERENT'}`);

  const seen = await watch(changes, metadata, '', (change) => change.resource === args.school);
  console.log(`watch_saw ${seen[seen.length - 1].resource}`);
  const [afterFirst] = await watch(changes, metadata, seen[0].resume_token, () => true);
  console.log(`watch_resumed ${afterFirst.resume_token === seen[1].resume_token ? 'SAME' : 'DIFFERENT'}`);

  for (let run = 0; run < 2; run++) {
    const s = await importGias(imports, metadata, args.gias);
    console.log(`import created=${s.created_count} updated=${s.updated_count} unchanged=${s.unchanged_count} rejected=${s.rejected_count}`);
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
