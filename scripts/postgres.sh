#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start DIR` creates one under DIR (a temporary folder) on a free
# 127.0.0.1 port and prints its connection string; `stop DIR` stops it and removes DIR.
# The server binaries are Debian's PostgreSQL 15 (installed when missing and running as root with apt).
# initdb and the server refuse to run as root, so as root they run as `nobody`, which then owns DIR.
set -euo pipefail

bin="${PORTAL_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: scripts/postgres.sh start|stop DIR" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    if [ ! -x "$bin/initdb" ]; then
      if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "PostgreSQL not found in $bin: installing Debian's postgresql..." >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      else
        echo "error: PostgreSQL's server binaries are not in $bin." >&2
        echo "Install Debian's package (sudo apt-get install -y postgresql) or point PORTAL_POSTGRES_BIN at them." >&2
        exit 1
      fi
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown nobody "$dir"
    # A free port: the kernel picks one for a socket bound to port 0.
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
      || echo $((20000 + RANDOM % 20000)))"
    # C collation and UTF-8: the same byte order as SQLite, whatever the machine's locale.
    as_owner "$bin/initdb" -D "$dir/data" -U portal --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Durability is not what these tests measure; fsync off keeps the suites quick on a busy machine.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >&2 \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=portal;Database=postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
