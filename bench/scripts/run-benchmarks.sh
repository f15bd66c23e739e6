#!/usr/bin/env bash
# Builds the project and runs headersync's benchmarks, each printing its figure beside a limit
# measured on the same machine in the same run:
#
#   1. header kernels (JMH): RLP decode and full rule validation per header, as a ratio to one
#      Keccak-256 of the same header bytes (io.headersync.bench.jmh.KernelSummary, ~1.5 min);
#   2. the import harness: headers/s of importing the shared mainnet and Sepolia era1 files into
#      fresh RocksDB directories (seal checks off), beside keccak of every header on 1 and N
#      threads and plain reading of the files, plus a per-step CPU breakdown
#      (io.headersync.bench.importer.ImportBenchmark, ~1 min).
#
#   bench/scripts/run-benchmarks.sh [kernels|import|all] [-- extra options for the import harness]
#
# Environment: HS_TARGET names the build output folder (default "target"), so that parallel
# builds on one machine do not collide; HEADERSYNC_DATA the shared data folder (default
# ../shared/data beside the project); SKIP_BUILD=1 reuses an existing build; JAVA_HOME.
# Benchmarks print and never fail on their figures. The load average is printed with each
# result: on a machine busy with other work the figures are noisy.
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
  kernels|import|all) ;;
  *) echo "usage: $0 [kernels|import|all] [-- import harness options]" >&2; exit 2 ;;
esac

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -q -B -Dhs.target="$target" -DskipTests package
fi
jar=$(ls bench/"$target"/headersync-bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)
if [[ -z "$jar" ]]; then
  echo "no bench jar in bench/$target: build first (without SKIP_BUILD)" >&2
  exit 1
fi
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "-Dheadersync.data=$data" -cp "$jar")

echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$what" == kernels || "$what" == all ]]; then
  echo "## header kernels (JMH)"
  "${java[@]}" io.headersync.bench.jmh.KernelSummary
fi
if [[ "$what" == import || "$what" == all ]]; then
  echo "## import harness"
  "${java[@]}" io.headersync.bench.importer.ImportBenchmark "$@"
fi
