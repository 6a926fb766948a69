#!/usr/bin/env bash
# Prints a PostgreSQL URL for development and tests, bringing a server up
# when needed. Order: $DATABASE_URL if set; else a project-local cluster
# under .data/pg (created on first use, installing the postgresql package
# when it is missing and we may); else the machine's own cluster on 5432.
# Usage: scripts/devdb.sh [dbname]   (default dbname: tkpkbot)
set -euo pipefail
cd "$(dirname "$0")/.."
dbname=${1:-tkpkbot}
log() { echo "devdb: $*" >&2; }

if [ -n "${DATABASE_URL:-}" ]; then
  echo "$DATABASE_URL"
  exit 0
fi

# Each checkout gets its own port, so two clones (a CI run beside a working
# copy) never fight over one.
port=${TKPK_PG_PORT:-$((54329 + $(pwd | cksum | cut -d' ' -f1) % 600))}
root=$(pwd)/.data
data=$root/pg
sock=$root/run

pgbin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

if ! bin=$(pgbin); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "PostgreSQL is not installed; installing the postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    log "PostgreSQL is not installed; installing the postgresql package with sudo"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else
    log "PostgreSQL is not installed and I may not install it. Run: sudo apt-get install postgresql, or set DATABASE_URL."
    exit 1
  fi
  bin=$(pgbin)
fi

# initdb refuses to run as root: as root, the cluster belongs to the
# postgres system user (created by the package).
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

local_cluster() {
  mkdir -p "$data" "$sock"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$data" "$sock"
    chmod 700 "$data"
    # the postgres user must be able to reach the folder
    runuser -u postgres -- test -w "$data" || return 1
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating a project-local PostgreSQL cluster in .data/pg"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
      || as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$(sed -n 4p "$data/postmaster.pid")   # already running: use its port
  else
    log "starting the project-local PostgreSQL on port $port"
    as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null || return 1
  fi
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30
}

if local_cluster; then
  host=127.0.0.1
else
  log "cannot run a cluster under .data (folder not reachable by the postgres user, or port $port taken: see .data/pg/server.log); using the machine's cluster on 5432"
  port=5432 host=127.0.0.1
  if ! "$bin/pg_isready" -q -h $host -p $port; then
    command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start >&2 || true
    "$bin/pg_isready" -q -h $host -p $port -t 30
  fi
fi

base="postgres://postgres@$host:$port"
if [ "$dbname" != postgres ]; then
  if ! "$bin/psql" -qtA "$base/postgres?sslmode=disable" -c "SELECT 1 FROM pg_database WHERE datname = '$dbname'" | grep -q 1; then
    "$bin/psql" -q "$base/postgres?sslmode=disable" -c "CREATE DATABASE \"$dbname\"" >&2
  fi
fi
echo "$base/$dbname?sslmode=disable"
