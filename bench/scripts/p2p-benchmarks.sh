#!/usr/bin/env bash
# Builds the project and runs the devp2p benchmark (io.headersync.bench.p2p.P2pSyncBenchmark): a
# fresh node syncs a generated chain (default 1,000,000 headers) over RLPx on loopback from 4
# headersync servers, all in one JVM; printed: headers/s of the sync and its ratio to the
# simulated CPU-bound sync of the same chain measured in the same run, per run the bytes the
# syncing node's RocksDB compactions read (and, for reverse, when the walk reached the local
# head), the median RLPx session set-up time over 50 dials, and bytes on the wire per header with
# snappy.
#
#   bench/scripts/p2p-benchmarks.sh [-- options]
#
# Options: --headers N, --servers N, --strategy reverse|skeleton|slices, --dials N, --seed N, --runs N (default 3:
# a cold JVM, then warm), --skip-sim.
# Environment: HS_TARGET names the build output folder (default "target"); SKIP_BUILD=1 reuses an
# existing build; JAVA_HOME. The benchmark prints and never fails on its figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
target="${HS_TARGET:-target}"
if [[ "${1:-}" == "--" ]]; then shift; fi

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -q -B -Dhs.target="$target" -DskipTests package
fi
jar=$(ls bench/"$target"/headersync-bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)
if [[ -z "$jar" ]]; then
  echo "no bench jar in bench/$target: build first (without SKIP_BUILD)" >&2
  exit 1
fi
echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg)"
flags=(--enable-native-access=ALL-UNNAMED)
# Netty 4.1 allocates direct buffers through sun.misc.Unsafe, which Java 24+ warns about unless allowed.
version=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [[ "${version%%.*}" -ge 23 ]]; then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi
# G1 regions as the headersync launcher sets them (see its comment)
"$JAVA_HOME/bin/java" "${flags[@]}" -Xmx2g -XX:G1HeapRegionSize=2m -cp "$jar" io.headersync.bench.p2p.P2pSyncBenchmark "$@"
