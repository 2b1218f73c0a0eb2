#!/usr/bin/env bash
# Runs every test project: unit and API tests, then the browser (E2E) tests in Debian's Chromium; then the suites
# that run on both database engines once more on PostgreSQL (a throwaway cluster, see scripts/postgres.sh).
# On a machine without Chromium it installs it when it can (root with apt-get), else says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${PORTAL_E2E_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium not found at $chromium: installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "error: the browser tests need Chromium at $chromium." >&2
    echo "Install Debian's package (sudo apt-get install -y chromium) or point PORTAL_E2E_CHROMIUM at a Chromium binary." >&2
    exit 1
  fi
fi

log="$(mktemp)"
# A throwaway PostgreSQL cluster for the second run below (scripts/postgres.sh), stopped and removed at the end.
pgdir="$(mktemp -d)"
trap 'bash scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -f "$log"' EXIT
status=0
# The browser test classes run in reverse order here (PORTAL_E2E_ORDER: reverse, shuffle or shuffle:SEED), so a
# test that leans on another's leftovers fails in CI; the order used is in tests/Portal.E2E/artifacts/test-order.txt.
PORTAL_E2E_ORDER="${PORTAL_E2E_ORDER:-reverse}" dotnet test Portal.sln 2>&1 | tee "$log" || status=$?

# The suites that run on both engines, again on PostgreSQL: every Portal.Tests class but the SQLite-only ones (CLI
# verbs and README commands on SQLite files, the SQLite migrations, SQLite's write-lock and online-backup reliability
# tests; the crash and outbound-failure ones run on both) and the engine-free schema rules. Each test class gets its
# own database on the cluster (TestDatabase).
postgres_suites="FullyQualifiedName!~Portal.Tests.Cli.&FullyQualifiedName!~Portal.Tests.Data.&FullyQualifiedName!~Portal.Tests.Reliability.BusyDatabaseTests&FullyQualifiedName!~Portal.Tests.Reliability.BackupTests&FullyQualifiedName!~Portal.Tests.Documentation.&FullyQualifiedName!~Portal.Tests.Schema."
if server="$(bash scripts/postgres.sh start "$pgdir")"; then
  echo "Running the API, page-service and security suites again on PostgreSQL ($server)"
  PORTAL_TEST_POSTGRES="$server" dotnet test tests/Portal.Tests --no-build --filter "$postgres_suites" 2>&1 | tee -a "$log" || status=$?
else
  echo "error: could not start a PostgreSQL cluster (scripts/postgres.sh) for the PostgreSQL run." >&2
  status=1
fi

# The benchmark harness with tiny sizes (seconds), so it never rots; its failure fails the run.
bash bench/smoke.sh || { echo "error: the benchmark smoke run (bench/smoke.sh) failed." >&2; status=1; }

# One closing line for the whole run, summed over the test projects and the PostgreSQL run.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         gsub(",", "", $(i + 1));
         if ($i == "Failed:") f += $(i + 1);
         if ($i == "Passed:") p += $(i + 1);
         if ($i == "Skipped:") s += $(i + 1);
       }
       projects++
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s; if (projects < 4) exit 1 }' "$log" \
  || { echo "error: expected results from the three test projects (Portal.Tests, Portal.Components.Tests, Portal.E2E) and the PostgreSQL run of Portal.Tests." >&2; status=1; }
exit "$status"
