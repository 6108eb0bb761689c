#!/usr/bin/env bash
# BCOS release launcher (bin/bcos of a release made by `bcos release pack`): finds a Java 25 and
# runs the bcos command from this release's jars (lib/). Nothing is built: a release is run only.
#   bin/bcos node [options]     run a node; bin/bcos --help lists the commands
set -euo pipefail
# the release's own directory, links resolved: a supervisor's `current` link may move meanwhile
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# The JDK's feature version: from its `release` file (instant), else by asking its java (a JVM start).
jdk_version() {
  local v
  v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)"
  if [ -n "$v" ]; then echo "$v"; return; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

# As the source tree's ./bcos, but a java is enough (no javac: nothing is compiled).
find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(jdk_version "$candidate")" = "25" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! JDK="$(find_jdk)"; then
  echo "bcos: no Java 25 found. Looked at \$JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*." >&2
  echo "bcos: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 2
fi
exec "$JDK/bin/java" --enable-native-access=ALL-UNNAMED ${BCOS_JAVA_OPTS:-} \
  -cp "$ROOT/lib/*" org.bcos.cli.BcosCli "$@"
