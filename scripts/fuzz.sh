#!/usr/bin/env bash
# Runs every fuzzer of the project for a set time each (default 10 minutes):
#   scripts/fuzz.sh            # 10m per fuzzer
#   scripts/fuzz.sh 30s        # a quick pass
# New crashers land in the package's testdata/fuzz/FuzzXxx/ (commit them).
set -euo pipefail
cd "$(dirname "$0")/.."
time_per="${1:-10m}"
status=0
for pkg in $(go list -tags duckdb_arrow ./...); do
  dir=$(go list -tags duckdb_arrow -f '{{.Dir}}' "$pkg")
  for fz in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "== $pkg $fz ($time_per)"
    if ! go test -tags duckdb_arrow -run '^$' -fuzz "^${fz}\$" -fuzztime "$time_per" "$pkg" 2>&1 | tail -n 4; then
      status=1
    fi
  done
done
exit $status
