#!/usr/bin/env bash
# Runs every Go fuzz target in the module for FUZZTIME each (default 10s)
# and prints the executions of each; fails on the first crasher.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
total=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
  for t in $targets; do
    out=$(go test "$pkg" -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" -fuzzminimizetime 200x 2>&1) || { echo "$out"; echo "FAIL: $pkg $t"; exit 1; }
    execs=$(echo "$out" | grep -o 'execs: [0-9]*' | tail -1 | grep -o '[0-9]*' || echo 0)
    total=$((total + ${execs:-0}))
    printf '%-28s %-34s %12s execs\n' "${pkg#tkpkbot/}" "$t" "${execs:-0}"
  done
done
echo "fuzz: $total executions in all"
