#!/usr/bin/env bash
# Media benchmark (issue #4): upload and stream throughput through the app vs. direct S3 PUT/GET of
# the same size in the same run, and the heap during a 1 GB upload. Everything runs in one JVM on
# embedded services, capped at -Xmx256m: a 1 GB upload that buffered in memory could not succeed.
# Usage: bash bench/media.sh   (OBJECT_MB=100 BIG_MB=1024 ROUNDS=5 PHASES=upload,stream,big BENCH_JAVA_OPTS=...)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
# Rebuild when any module's source is newer than the jar: a stale jar would measure old code.
if [ ! -f bench/target/fenz-bench.jar ] || [ -n "$(find fenz-*/src bench/src fenz-*/pom.xml bench/pom.xml pom.xml -newer bench/target/fenz-bench.jar -print -quit)" ]; then
  JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests -pl bench -am package
fi
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx256m ${BENCH_JAVA_OPTS:-} -Dbench.objectMb="${OBJECT_MB:-100}" -Dbench.bigMb="${BIG_MB:-1024}" \
  -Dbench.rounds="${ROUNDS:-5}" -Dbench.phases="${PHASES:-upload,stream,big}" \
  -cp "bench/target/fenz-bench.jar:bench/target/lib/*" io.fenz.bench.MediaBench 2>&1 | grep -v -E "^[0-9:.]+ (INFO|DEBUG)"
