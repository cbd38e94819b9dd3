#!/bin/sh
# Runs the machine's PostgreSQL for an Aspire AppHost, under DCP (an ExecutableResource).
# usage: local-postgres.sh BIN_DIR DATA_DIR PORT [more postgres arguments, e.g. -c fsync=off]
# env:   LOCAL_POSTGRES_PASSWORD  the superuser's password (set on every start)
#
# - initdb on first run (into DATA_DIR.initdb, then renamed, so an interrupted initdb leaves no half cluster);
# - as the postgres OS user when run as root (setpriv execs, so $! is the postmaster itself; runuser would
#   fork, forward SIGTERM and SIGKILL the postmaster 2 s later);
# - DCP stops an executable with SIGTERM (then SIGKILL after 6 s); postgres reads SIGTERM as a "smart"
#   shutdown that waits for clients, so this script turns SIGTERM/SIGINT into SIGINT: a "fast" shutdown.
bin=$1 data=$2 port=$3
shift 3
: "${LOCAL_POSTGRES_PASSWORD:?LOCAL_POSTGRES_PASSWORD is not set}"

if [ "$(id -u)" = 0 ]; then
  asuser="setpriv --reuid=postgres --regid=postgres --init-groups --"
  own() { chown -R postgres:postgres "$@"; }
else
  asuser=""
  own() { :; }
fi

log() { echo "[local-postgres] $*"; }

if [ ! -s "$data/PG_VERSION" ]; then
  log "initdb into $data"
  rm -rf "$data.initdb"
  mkdir -p "$data.initdb" && own "$data.initdb" && chmod 700 "$data.initdb" || exit 1
  pwfile=$(mktemp) && printf '%s\n' "$LOCAL_POSTGRES_PASSWORD" > "$pwfile" && own "$pwfile"
  $asuser "$bin/initdb" -D "$data.initdb" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 --pwfile="$pwfile" --no-instructions >/dev/null
  rc=$?
  rm -f "$pwfile"
  [ $rc = 0 ] || { log "initdb failed ($rc)"; exit $rc; }
  if [ -d "$data" ]; then rmdir "$data" || { log "$data exists and is not an empty directory"; exit 1; }; fi
  mv "$data.initdb" "$data" || exit 1
else
  # Keep the superuser's password in step with the AppHost's parameter (it may have been regenerated):
  # single-user mode, before the server starts (fails if another postmaster uses this directory).
  esc=$(printf '%s' "$LOCAL_POSTGRES_PASSWORD" | sed "s/'/''/g")
  printf "ALTER ROLE postgres PASSWORD '%s';\n" "$esc" |
    $asuser "$bin/postgres" --single -D "$data" -c listen_addresses= -c unix_socket_directories= -c log_min_messages=warning postgres >/dev/null
  rc=$?
  [ $rc = 0 ] || { log "could not set the password in single-user mode ($rc)"; exit $rc; }
fi

set -- -D "$data" -p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= "$@"
log "starting postgres on 127.0.0.1:$port"
# shellcheck disable=SC2086
$asuser "$bin/postgres" "$@" &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null' TERM INT
trap 'kill -QUIT "$pid" 2>/dev/null' QUIT
rc=0
while :; do
  wait "$pid"; rc=$?
  kill -0 "$pid" 2>/dev/null || break
done
log "postgres exited ($rc)"
exit $rc
