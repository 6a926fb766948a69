#!/usr/bin/env bash
# The files one opens to follow a request from the update to the reply,
# measured: each TestTrace* in bot/trace_test.go runs twice under coverage,
# once without and once with its one act, and a file is on the path when
# the act raised one of its counters. The fake Bot API and the test clock
# (internal/) are left out: they stand in for Telegram and time.
#
#   scripts/trace.sh [OUT]    lists per trace in OUT (default /tmp/tkpkbot-trace)
#   TRACE_RUNS=4 (default): pairs of runs per trace
#   TRACE_LIBS=github.com/go-telegram/bot/... scripts/trace.sh
#                             also counts the library's files the request ran
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/tkpkbot-trace}
rm -rf "$out" && mkdir -p "$out"
mod=$(go list -m)
TEST_DATABASE_URL=${TEST_DATABASE_URL:-$(scripts/devdb.sh postgres)}
export TEST_DATABASE_URL
runs=${TRACE_RUNS:-4}
for t in $(grep -ho '^func TestTrace[A-Za-z]*' bot/trace_test.go | cut -c6-); do
  for run in $(seq "$runs"); do
    for act in 0 1; do
      TRACE_ACT=$act go test -count=1 -tags trace -covermode=count -coverpkg="$mod/...${TRACE_LIBS:+,$TRACE_LIBS}" \
        -coverprofile="$out/$t.$run.$act" -run "^$t\$" ./bot/ >"$out/$t.$run.$act.log" 2>&1 ||
        { tail -20 "$out/$t.$run.$act.log"; exit 1; }
    done
    awk -v mod="$mod/" '
      FNR == 1 { next }
      FILENAME ~ /\.0$/ { base[$1] = $3; next }
      $3 > base[$1] + 0 { split($1, p, ":"); f = index(p[1], mod) == 1 ? substr(p[1], length(mod) + 1) : p[1]; if (f !~ /^internal\//) on[f] = 1 }
      END { for (f in on) print f }' "$out/$t.$run.0" "$out/$t.$run.1" | sort >"$out/$t.$run.files"
  done
  # Work that runs in both runs of a pair can still count differently by
  # chance (a sort fed in map order compares a different number of times),
  # so a file counts only when every pair says the act raised it.
  cat "$out/$t".*.files | sort | uniq -c | awk -v n="$runs" '$1 == n { print $2 }' >"$out/$t.files"
  pkgs=$(awk -F/ '/^github.com\// { d = $2 "/" $3; for (i = 4; i < NF; i++) d = d "/" $i; print d; next }
    { print (NF > 1 ? $1 : "(root)") }' "$out/$t.files" | sort -u | paste -sd' ')
  printf '%-26s %3d files in %d packages: %s\n' "${t#TestTrace}" "$(wc -l <"$out/$t.files")" "$(wc -w <<<"$pkgs")" "$pkgs"
done
