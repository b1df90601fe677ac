#!/usr/bin/env bash
# Expansion benchmark: the same 100,000 -be lines (built from the oracle corpus) through
# `exim4 -be` and `bin/mailwright -be`, timed in the same run. Writes only under /tmp.
# Uses the compiled build (dist/) when present, otherwise the TypeScript sources via tsx.
# Usage: bench/expand/run.sh [lines]
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
EXIM=${EXIM:-/usr/sbin/exim4}
lines=${1:-100000}

if [ ! -x "$EXIM" ]; then
  echo "exim4 is not installed ($EXIM): nothing to compare against, skipping the benchmark."
  exit 0
fi

work=$(mktemp -d /tmp/mailwright-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
node bench/expand/gen-input.mjs "$work/input.txt" "$lines"

conf=test/fixtures/corpus/main.conf
fixtures="$repo/test/fixtures/corpus/files"
if [ -f dist/mailwright.mjs ]; then build="bundled dist build"; elif [ -f dist/cli/main.js ]; then build="dist build"; else build="tsx from source (run npm run build for a fair comparison)"; fi

# Wall and CPU (user+sys) seconds of a command; CPU time is the steadier figure on a machine
# that is busy with other work. Output goes to $work/out.*.
measure() { # command...
  local TIMEFORMAT='%R %U %S'
  { time "$@" < "$work/input.txt" > "$work/out.$$" 2> "$work/err.$$" || true; } 2> "$work/time.$$"
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time.$$"
}

read -r w_exim c_exim < <(measure "$EXIM" -C "$conf" "-DFIXTURES=$fixtures" -be)
cp "$work/out.$$" "$work/exim.out"
read -r w_mw c_mw < <(measure bin/mailwright -C "$conf" "-DFIXTURES=$fixtures" -be)
cp "$work/out.$$" "$work/mailwright.out"

same=$(cmp -s "$work/exim.out" "$work/mailwright.out" && echo "identical" || echo "DIFFERENT (see the corpus tests)")
printf 'lines:      %s\n' "$lines"
printf 'exim4:      %.2f s  (cpu %.2f s)\n' "$w_exim" "$c_exim"
printf 'mailwright: %.2f s  (cpu %.2f s; %s)\n' "$w_mw" "$c_mw" "$build"
printf 'ratio:      %.2fx exim4  (cpu %.2fx)\n' "$(awk -v a="$w_mw" -v b="$w_exim" 'BEGIN { print a / b }')" \
  "$(awk -v a="$c_mw" -v b="$c_exim" 'BEGIN { print (b > 0 ? a / b : 0) }')"
printf 'outputs:    %s\n' "$same"
