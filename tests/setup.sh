#!/usr/bin/env bash
# Installs what the tests need and a fresh machine lacks: Debian's Python grpcio (a real gRPC C-core
# peer), PostgreSQL's binaries, Chromium (the dashboard test drives it with Playwright, which downloads no browser),
# h2load for the benchmarks, and the npm packages (grpc-js, buf). Quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || missing+=(python3-grpcio python3-protobuf)
command -v h2load >/dev/null || missing+=(nghttp2-client)
command -v node >/dev/null || missing+=(nodejs npm)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup: please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm install, not npm ci: the registry copy lacks buf's non-Linux optional packages, which npm ci
# would insist on; npm install keeps the committed lockfile as it is.
if [[ ! -d node_modules/@grpc/grpc-js || ! -e node_modules/.bin/buf || package-lock.json -nt node_modules ]]; then
  echo "setup: installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules
fi
