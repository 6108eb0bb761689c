#!/usr/bin/env bash
# CLI start-up benchmark (issue #10 item 1): median wall time of short `bcos` commands.
#   scripts/bench-start.sh [--runs N] [--rpc URL]
# BCOS_FAST_START=0 measures the plain JVM (no AOT cache, default JIT and GC) for an A/B.
# Needs a running node for the query rows (e.g. `./bcos node --dev` in another terminal, or
# `--rpc` to another one); `key list` runs on a throw-away $BCOS_HOME with one key. Numbers
# go to docs/PERFORMANCE.md ("CLI start-up"); this is a benchmark, never a timed test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10 rpc="${BCOS_RPC:-http://127.0.0.1:8645}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --rpc) rpc="$2"; shift 2 ;;
    *) echo "bench-start: unknown option $1 (--runs N, --rpc URL)" >&2; exit 2 ;;
  esac
done
home="$(mktemp -d /tmp/bcos-bench-start.XXXXXX)"
trap 'rm -rf "$home"' EXIT
export BCOS_HOME="$home" BCOS_RPC="$rpc"
"$ROOT/bcos" --version >/dev/null  # builds first if sources changed (and makes the start-up cache)
BCOS_PASSPHRASE=bench "$ROOT/bcos" key new --name bench >/dev/null
address="$("$ROOT/bcos" key list | awk '{print $2}')"

# median wall and CPU (user+sys) milliseconds of $runs runs of the given bcos arguments, after one
# warm-up run; CPU time says what the command costs when other processes share the cores
median_ms() {
  local walls=() cpus=() i r u s TIMEFORMAT='%3R %3U %3S'
  "$ROOT/bcos" "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    read -r r u s < <({ time "$ROOT/bcos" "$@" >/dev/null 2>&1; } 2>&1)
    walls+=("$(awk -v r="$r" 'BEGIN {printf "%d", r * 1000}')")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%d", (u + s) * 1000}')")
  done
  printf 'wall %s   cpu %s' "$(median "${walls[@]}")" "$(median "${cpus[@]}")"
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:int((a[NR/2]+a[NR/2+1])/2); printf "%5d ms (min %d, max %d)", m, a[1], a[NR]}'
}

row() { printf '%-26s %s\n' "$1" "$(median_ms "${@:2}")"; }
echo "bcos start-up, median of $runs runs (rpc $rpc; load: $(cut -d' ' -f1-3 /proc/loadavg))"
row "--version" --version
row "key list" key list
row "status (query)" status
row "balance ADDRESS (query)" balance "$address"
row "block (query)" block
