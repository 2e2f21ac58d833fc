#!/usr/bin/env bash
# Media benchmark (issue #4): upload and stream throughput through the app vs. direct S3 PUT/GET of
# the same size in the same run, and the heap during a 1 GB upload. Everything runs in one JVM on
# embedded services, capped at -Xmx256m: a 1 GB upload that buffered in memory could not succeed.
# Usage: bash bench/media.sh   (OBJECT_MB=100 BIG_MB=1024 ROUNDS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
[ -f bench/target/fenz-bench.jar ] || JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests -pl bench -am package
"$JAVA_HOME/bin/java" -Xmx256m -Dbench.objectMb="${OBJECT_MB:-100}" -Dbench.bigMb="${BIG_MB:-1024}" -Dbench.rounds="${ROUNDS:-3}" \
  -cp "bench/target/fenz-bench.jar:bench/target/lib/*" io.fenz.bench.MediaBench 2>&1 | grep -v -E "^[0-9:.]+ (INFO|DEBUG)"
