#!/usr/bin/env bash
# Builds the bench module and runs the ethash light-verification benchmark beside pyethash (C).
#
#   bench/scripts/ethash-bench.sh [--headers N] [--rounds R] [--python CMD] [--data DIR]
#
# Needs Debian's python3-pyethash for the comparison (apt-get install -y python3-pyethash);
# without it only headersync's figures are printed. HS_TARGET names the build output folder
# (default "target"), so that parallel builds on one machine do not collide.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
target="${HS_TARGET:-target}"
classpath_file="$PWD/bench/$target/ethash-bench.classpath"
./mvnw -B -q -Dhs.target="$target" -pl bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" -cp "bench/$target/classes:$(cat "$classpath_file")" \
  io.headersync.bench.ethash.EthashBench --data "${HEADERSYNC_DATA:-../shared/data}" "$@"
