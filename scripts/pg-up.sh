#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the server tests (TOOLCHAIN.md §6).
#   eval "$(bash scripts/pg-up.sh)"        starts one and prints the exports (PGDATA, DATABASE_URL)
#   bash scripts/pg-up.sh stop             stops the cluster of $PGDATA and removes its directory
# Installs PostgreSQL with apt only when no initdb is found; never touches an existing cluster. Works as root
# (CI: initdb/pg_ctl run as the postgres user) or as an ordinary user. Everything but the exports goes to stderr.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

as_owner() { # runs a command as the cluster owner
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1" </dev/null; else sh -c "$1" </dev/null; fi
}

if [ "${1:-}" = stop ]; then
  [ -n "${PGDATA:-}" ] && [ -d "$PGDATA" ] || { echo "pg-up: PGDATA non impostato o inesistente" >&2; exit 0; }
  PGBIN=$(find_bin)
  as_owner "$PGBIN/pg_ctl -D '$PGDATA' -m fast -w -t 30 stop" >&2 || true
  rm -rf "$PGDATA"
  exit 0
fi

PGBIN=$(find_bin || true)
if [ -z "$PGBIN" ]; then
  echo "pg-up: installo postgresql (apt)" >&2
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(find_bin)
fi

# A free loopback port unless PGPORT is given (another cluster may already hold 5432 or 55432).
PGPORT=${PGPORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
PGDATA=$(mktemp -d /tmp/pgdata.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA"; fi
chmod 700 "$PGDATA"
as_owner "$PGBIN/initdb -D '$PGDATA' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
# Throwaway: durability off for speed; sockets in the data dir so clusters never collide.
as_owner "$PGBIN/pg_ctl -D '$PGDATA' -l '$PGDATA/server.log' -w -t 30 -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k '$PGDATA' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc 'CREATE DATABASE red_server_test' </dev/null >&2
echo "export PGDATA=$PGDATA DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/red_server_test"
