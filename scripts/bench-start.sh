#!/usr/bin/env bash
# CLI start-up benchmark (issue #10 item 1): median wall and CPU time of short `bcos` commands.
#   scripts/bench-start.sh [--runs N] [--rpc URL] [--against DIR]
# BCOS_FAST_START=0 measures the plain JVM (no AOT cache, default JIT and GC) for an A/B.
# --against DIR also runs DIR/bcos (another checkout, e.g. a worktree of main, built), one run of
# each in turn, so that both see the same machine load: on a shared machine that is the only fair
# before/after. Needs a running node for the query rows (e.g. `./bcos node --dev` in another
# terminal, or `--rpc` to another one); `key list` runs on a throw-away $BCOS_HOME with one key.
# Numbers go to docs/PERFORMANCE.md ("CLI start-up"); this is a benchmark, never a timed test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10 rpc="${BCOS_RPC:-http://127.0.0.1:8645}" against=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --rpc) rpc="$2"; shift 2 ;;
    --against) against="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "bench-start: unknown option $1 (--runs N, --rpc URL, --against DIR)" >&2; exit 2 ;;
  esac
done
launchers=("$ROOT/bcos")
[ -z "$against" ] || launchers+=("$against/bcos")
home="$(mktemp -d /tmp/bcos-bench-start.XXXXXX)"
trap 'rm -rf "$home"' EXIT
export BCOS_HOME="$home" BCOS_RPC="$rpc"
for bcos in "${launchers[@]}"; do
  "$bcos" --version >/dev/null  # builds first if sources changed (and makes the start-up cache)
done
BCOS_PASSPHRASE=bench "$ROOT/bcos" key new --name bench >/dev/null
address="$("$ROOT/bcos" key list | awk '{print $2}')"

# One timed run: prints "wall_ms cpu_ms" (CPU = user + sys of the launcher and its JVM).
timed_ms() {
  local r u s TIMEFORMAT='%3R %3U %3S'
  read -r r u s < <({ time "$@" >/dev/null 2>&1; } 2>&1)
  awk -v r="$r" -v u="$u" -v s="$s" 'BEGIN {printf "%d %d\n", r * 1000, (u + s) * 1000}'
}

# One row per launcher: medians of $runs runs of the given bcos arguments, after one warm-up run
# each; the launchers take turns run by run.
row() {
  local label="$1" i b w c
  shift
  local -a walls cpus
  for b in "${!launchers[@]}"; do "${launchers[$b]}" "$@" >/dev/null 2>&1 || true; done
  for ((i = 0; i < runs; i++)); do
    for b in "${!launchers[@]}"; do
      read -r w c < <(timed_ms "${launchers[$b]}" "$@")
      walls[b]+="$w " cpus[b]+="$c "
    done
  done
  for b in "${!launchers[@]}"; do
    printf '%-26s %-8s wall %s   cpu %s\n' "$label" "$([ "$b" = 0 ] && echo this || echo against)" \
      "$(median ${walls[b]})" "$(median ${cpus[b]})"
  done
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:int((a[NR/2]+a[NR/2+1])/2); printf "%5d ms (min %d, max %d)", m, a[1], a[NR]}'
}

echo "bcos start-up, median of $runs runs (rpc $rpc; load before: $(cut -d' ' -f1-3 /proc/loadavg))"
[ -z "$against" ] || echo "this: $ROOT   against: $against"
row "--version" --version
row "key list" key list
row "status (query)" status
row "balance ADDRESS (query)" balance "$address"
row "block (query)" block
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
