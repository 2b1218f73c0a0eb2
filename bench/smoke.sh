#!/usr/bin/env bash
# Every verb of the benchmark harness once, with tiny sizes, so the harness keeps working (CI runs this through
# scripts/test.sh). The figures it prints mean nothing; the real runs are described in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build bench/Portal.Bench -c Release -nologo -v quiet
bench="bench/Portal.Bench/bin/Release/net10.0/Portal.Bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/smoke.db"

"$bench" seed --db "$db" --members 3000
"$bench" queries --db "$db" --runs 3
# Every api scenario (each with its ceilings) and the medians table, once.
"$bench" full --db "$db" --connections 1 --duration 3 --warmup 1 --runs 1
"$bench" startup --db "$db" --runs 1
"$bench" push --tokens 50 --runs 1
"$bench" circuits --db "$db" --sessions 1 --pages 1
echo "bench smoke: every verb ran."
