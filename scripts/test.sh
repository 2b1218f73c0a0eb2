#!/usr/bin/env bash
# Runs every test project: unit and API tests, then the browser (E2E) tests in Debian's Chromium.
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
trap 'rm -f "$log"' EXIT
status=0
# The browser test classes run in reverse order here (PORTAL_E2E_ORDER: reverse, shuffle or shuffle:SEED), so a
# test that leans on another's leftovers fails in CI; the order used is in tests/Portal.E2E/artifacts/test-order.txt.
PORTAL_E2E_ORDER="${PORTAL_E2E_ORDER:-reverse}" dotnet test Portal.sln 2>&1 | tee "$log" || status=$?

# The benchmark harness with tiny sizes (seconds), so it never rots; its failure fails the run.
bash bench/smoke.sh || { echo "error: the benchmark smoke run (bench/smoke.sh) failed." >&2; status=1; }

# One closing line for the whole run, summed over the test projects.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         gsub(",", "", $(i + 1));
         if ($i == "Failed:") f += $(i + 1);
         if ($i == "Passed:") p += $(i + 1);
         if ($i == "Skipped:") s += $(i + 1);
       }
       projects++
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s; if (projects < 3) exit 1 }' "$log" \
  || { echo "error: expected results from the three test projects (Portal.Tests, Portal.Components.Tests, Portal.E2E)." >&2; status=1; }
exit "$status"
