#!/usr/bin/env bash
# Builds the project and runs headersync's whole-sync benchmarks over the simulated network, each
# printing its figure beside a limit measured in the same run:
#
#   network  each strategy syncs 1,000,000 headers from 20 honest peers (100 ms, 2 MB/s each) into
#            RocksDB; headers per virtual second as a ratio to the network's own limit
#            (io.headersync.bench.sync.NetworkEfficiencyBenchmark; goals >= 0.9 reverse and slices,
#            >= 0.8 skeleton);
#   cpu      each strategy syncs 2,000,000 headers with zero latency and unlimited bandwidth; headers
#            per CPU second of the sync, as a ratio to the node importer's rate on the shared mainnet
#            era1 files measured first in the same JVM (io.headersync.bench.sync.CpuBoundBenchmark);
#   memory   reverse syncs 10,000,000 headers with default limits in a JVM with -Xmx256m; peak heap
#            (io.headersync.bench.sync.MemoryBenchmark). Takes several minutes.
#
#   bench/scripts/sync-benchmarks.sh [network|cpu|memory|all] [-- options for the chosen main]
#
# Options (see each main's Javadoc), e.g. `network -- --headers 200000 --strategies reverse`.
# Environment: HS_TARGET names the build output folder (default "target"); HEADERSYNC_DATA the
# shared data folder (default ../shared/data); SKIP_BUILD=1 reuses an existing build; JAVA_HOME.
# Benchmarks print and never fail on their figures; the load average is printed with each.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
target="${HS_TARGET:-target}"
data="${HEADERSYNC_DATA:-../shared/data}"
what="${1:-all}"
if [[ $# -gt 0 ]]; then shift; fi
if [[ "${1:-}" == "--" ]]; then shift; fi

case "$what" in
  network|cpu|memory|all) ;;
  *) echo "usage: $0 [network|cpu|memory|all] [-- options for the chosen benchmark]" >&2; exit 2 ;;
esac

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -q -B -Dhs.target="$target" -DskipTests package
fi
jar=$(ls bench/"$target"/headersync-bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)
if [[ -z "$jar" ]]; then
  echo "no bench jar in bench/$target: build first (without SKIP_BUILD)" >&2
  exit 1
fi
java() {
  local heap="$1"; shift
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "-Xmx$heap" "-Dheadersync.data=$data" -cp "$jar" "$@"
}

echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$what" == network || "$what" == all ]]; then
  java 2g io.headersync.bench.sync.NetworkEfficiencyBenchmark "$@"
fi
if [[ "$what" == cpu || "$what" == all ]]; then
  java 2g io.headersync.bench.sync.CpuBoundBenchmark "$@"
fi
if [[ "$what" == memory || "$what" == all ]]; then
  java 256m io.headersync.bench.sync.MemoryBenchmark "$@"
fi
