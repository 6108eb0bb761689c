#!/usr/bin/env bash
# A/B of `bcos bench transfers`: two builds of the CLI, run alternately, each against a fresh dev
# node (its own data dir and $BCOS_HOME under /tmp/bench-ab), so machine noise hits both alike.
#
#   scripts/bench-ab.sh LABEL_A CLI_JAR_A LABEL_B CLI_JAR_B ROUNDS SEED...
#
# A CLI_JAR is bcos-cli/target/bcos-cli.jar of a built tree (its lib/ beside it). To compare with
# an older commit: git worktree add /tmp/base <commit> && (cd /tmp/base && mvn -q -o -pl bcos-cli
# -am package -DskipTests), then copy both jars with their lib/ somewhere stable.
# Prints one line per run: label, seed, accepted, seconds, final transfers/s, verify/s.
# BENCH_AB_PORT (18745), BENCH_AB_DIR (/tmp/bench-ab) and BENCH_AB_COUNT (100000) override.
set -uo pipefail
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
J="$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED"
[ $# -ge 6 ] || { sed -n '2,10p' "$0"; exit 2; }
A_LABEL=$1 A_JAR=$2 B_LABEL=$3 B_JAR=$4 ROUNDS=$5; shift 5
run() { # label jar seed
  local dir=${BENCH_AB_DIR:-/tmp/bench-ab}/$1-$3 port=${BENCH_AB_PORT:-18745}
  rm -rf "$dir" && mkdir -p "$dir"
  export BCOS_HOME=$dir/home
  # started directly, not through cli(): $! of a backgrounded function is its subshell, and
  # killing that left the node running (and serving the next runs on the same port)
  $J -cp "$2:$(dirname "$2")/lib/*" org.bcos.cli.BcosCli node --dev --data "$dir/data" \
    --rpc-port $port > "$dir/node.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null http://127.0.0.1:$port/health && break; sleep 1; done
  timeout 600 $J -cp "$2:$(dirname "$2")/lib/*" org.bcos.cli.BcosCli bench transfers \
    --rpc http://127.0.0.1:$port --count "${BENCH_AB_COUNT:-100000}" --senders 100 --seed "$3" --json \
    > "$dir/bench.json" 2>&1
  echo "$1 seed=$3 $(tr -d '\n ' < "$dir/bench.json" | grep -o \
    '"\(accepted\|seconds\|finalTransfersPerSecond\|verifyPerSecondOneThread\)":[0-9.]*' \
    | tr '\n' ' ')"
  kill $pid; wait $pid 2>/dev/null
}
for _ in $(seq 1 "$ROUNDS"); do
  for seed in "$@"; do
    run "$A_LABEL" "$A_JAR" "$seed"
    run "$B_LABEL" "$B_JAR" "$seed"
  done
done
