#!/usr/bin/env bash
# Long coverage-guided fuzzing (Jazzer) of every decoder and parser that takes outside bytes.
# A normal build only replays each target's seed corpus (src/test/resources/.../*FuzzTestInputs/).
#
#   scripts/fuzz.sh                       every target, 10,000,000 inputs each
#   scripts/fuzz.sh transaction block     only these targets (names: scripts/fuzz.sh --list)
#   scripts/fuzz.sh --runs 1000000        inputs per target
#   scripts/fuzz.sh --seconds 300         time per target instead (whichever ends first)
#   scripts/fuzz.sh --xmx 256m            heap of the fuzzing JVM (small, so an allocation sized
#                                         from an untrusted length fails as OutOfMemoryError)
#
# Each target runs in its own JVM with JAZZER_FUZZ=1, a 10 s per-input timeout (a hang is a
# finding) and writes its log to target/fuzz/<name>.log; the summary lists inputs executed and
# findings. A finding is written as crash-<sha1> into the target's seed directory
# (src/test/resources/.../<Class>Inputs/<target>/, git-ignored); rename it and commit it with the
# fix to keep it as a regression seed. Exit code 1 if any target failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

TARGETS=(
  "transaction bcos-ledger TransactionCodecFuzzTest#transaction"
  "message bcos-ledger TransactionCodecFuzzTest#message"
  "keyFile bcos-crypto KeyFileJsonFuzzTest#keyFile"
  "block bcos-ledger BlockFuzzTest#block"
  "commitCertificate bcos-consensus ConsensusCodecFuzzTest#commitCertificate"
  "vote bcos-consensus ConsensusCodecFuzzTest#vote"
  "proposal bcos-consensus ConsensusCodecFuzzTest#proposal"
  "evidence bcos-consensus ConsensusCodecFuzzTest#evidence"
  "frames bcos-p2p P2pCodecFuzzTest#frames"
  "handshakeAsResponder bcos-p2p P2pCodecFuzzTest#handshakeAsResponder"
  "handshakeAsInitiator bcos-p2p P2pCodecFuzzTest#handshakeAsInitiator"
  "handshakePayload bcos-p2p P2pCodecFuzzTest#handshakePayload"
  "controlMessages bcos-p2p P2pCodecFuzzTest#controlMessages"
  "consensusMessage bcos-node ConsensusWireFuzzTest#consensusMessage"
  "snapshotChunk bcos-node StateSnapshotsFuzzTest#snapshotChunk"
  "snapshotEntries bcos-node StateSnapshotsFuzzTest#snapshotEntries"
  "rpcRequestBody bcos-node JsonRpcDispatcherFuzzTest#requestBody"
  "genesisFile bcos-node ConfigFilesFuzzTest#genesisFile"
  "nodeConfigFile bcos-node ConfigFilesFuzzTest#nodeConfigFile"
)

runs=10000000
seconds=86400
xmx=256m
selected=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --xmx) xmx="$2"; shift 2 ;;
    --list) for t in "${TARGETS[@]}"; do echo "${t%% *}"; done; exit 0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "fuzz: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) selected+=("$1"); shift ;;
  esac
done
[[ "$runs" =~ ^[0-9]+$ && "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: --runs/--seconds take a number" >&2; exit 2; }

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
LOGS="$ROOT/target/fuzz"
mkdir -p "$LOGS"
cd "$ROOT"

failed=0
printf '%-22s %14s %8s %s\n' target inputs seconds result
for t in "${TARGETS[@]}"; do
  read -r name module test <<<"$t"
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then continue; fi
  log="$LOGS/$name.log"
  set +e
  # -am: sibling modules come from this tree, never from ~/.m2
  JAZZER_FUZZ=1 mvn -B -ntp -o -pl "$module" -am test -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false \
    -Djazzer.max_executions="$runs" -Djazzer.max_duration="${seconds}s" \
    -Djazzer.hooks=true -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout=10 \
    -Dbcos.test.argLine="--enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -Xmx$xmx" \
    >"$log" 2>&1
  rc=$?
  set -e
  done_line="$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)"
  inputs="$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+).*/\1/' <<<"$done_line")"
  secs="$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+).*/\2/' <<<"$done_line")"
  if [ $rc -eq 0 ]; then result=ok; else result="FAILED (see $log)"; failed=1; fi
  printf '%-22s %14s %8s %s\n' "$name" "${inputs:-?}" "${secs:-?}" "$result"
done
exit $failed
