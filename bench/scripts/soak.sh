#!/usr/bin/env bash
# Builds the project and runs the devnet soak (io.headersync.bench.soak.DevnetSoak): the devnet left
# running for MINUTES (default 10) with servers stopped and restarted every 30 s and a reorg every
# minute; prints the heap every 10 s (after a full collection), the mean of the first and last
# minute, what was followed, whether the chains ended equal, and the number of ERROR lines logged.
#
#   bench/scripts/soak.sh [MINUTES [SERVERS [HEADERS [BLOCK_TIME_MS]]]]
#
# Environment: HS_TARGET names the build output folder (default "target"); SKIP_BUILD=1 reuses an
# existing build; JAVA_HOME. Exit code 0 when the chains are equal and no ERROR was logged.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
target="${HS_TARGET:-target}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -q -B -Dhs.target="$target" -DskipTests package
fi
jar=$(ls bench/"$target"/headersync-bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)
if [[ -z "$jar" ]]; then
  echo "no bench jar in bench/$target: build first (without SKIP_BUILD)" >&2
  exit 1
fi
echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$jar" io.headersync.bench.soak.DevnetSoak "$@"
