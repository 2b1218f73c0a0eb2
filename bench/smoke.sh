#!/usr/bin/env bash
# Every verb of the benchmark harness once, with tiny sizes, so the harness keeps working (CI runs this through
# scripts/test.sh). The figures it prints mean nothing; the real runs are described in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build bench/Portal.Bench -c Release -nologo -v quiet
bench="bench/Portal.Bench/bin/Release/net10.0/Portal.Bench"
work="$(mktemp -d)"
# The PostgreSQL cluster gets a folder of its own under /tmp: as root, scripts/postgres.sh runs it as `nobody`, which
# must be able to reach it (mktemp's folders are private to their owner).
pg="$(mktemp -d /tmp/pgbench-smoke-XXXXXX)"
trap 'bash scripts/postgres.sh stop "$pg" >/dev/null 2>&1 || true; rm -rf "$work" "$pg"' EXIT
db="$work/smoke.db"

"$bench" seed --db "$db" --members 3000
"$bench" queries --db "$db" --runs 3
# Every api scenario (each with its ceilings) and the medians table, once.
"$bench" full --db "$db" --connections 1 --duration 3 --warmup 1 --runs 1
"$bench" startup --db "$db" --runs 1
"$bench" push --tokens 50 --runs 1
"$bench" circuits --db "$db" --sessions 1 --pages 1
# The PostgreSQL paths (issue 17): db copy into a fresh database, api on it with one and two instances and its ceiling
# (compare; a write and the paged read, whose page key is engine-specific in the ceiling), and the member queries with
# EXPLAIN; skipped when no cluster can be started here. bench/README.md's compare line (all scenarios) runs in the
# README test.
if server="$(bash scripts/postgres.sh start "$pg" 2>"$work/postgres.log")"; then
  postgres="${server/Database=postgres/Database=bench_smoke}"
  "$bench" compare --db "$db" --postgres "$postgres" --connections 2 --duration 3 --warmup 1 --runs 1 \
    --scenarios register-token,list-memberships
  "$bench" queries --db "$db" --postgres "$postgres" --runs 3
else
  echo "bench smoke: no PostgreSQL cluster could be started, PostgreSQL paths skipped:" >&2
  tail -n 5 "$work/postgres.log" >&2
fi
echo "bench smoke: every verb ran."
