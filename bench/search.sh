#!/usr/bin/env bash
# Search benchmark (issue #6), one command: bash bench/search.sh
#  1. builds (or reuses) throwaway databases fenz_bench_10k / _100k / _1m on FENZ_BENCH_DB_URL's server
#     (default: root on 127.0.0.1:3306) by bulk load, not through the API;
#  2. measures the search use case with one query mix at 10k, 100k and 1M: search.p95_ms.10k / .1m and
#     their ratio, per-query medians, EXPLAIN of the statements;
#  3. starts `fenz dev` on the 100k database and compares /api/v1/search rps (the same mix, round robin)
#     with /healthz rps using wrk.
# Prints `name: value` lines. DURATION=10s CONNECTIONS=32 THREADS=2 tune wrk; SKIP_HTTP=1 skips step 3.
# Drop the databases with: mariadb -uroot -e 'DROP DATABASE fenz_bench_10k' (etc.).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
export FENZ_BENCH_DB_URL=${FENZ_BENCH_DB_URL:-jdbc:mariadb://127.0.0.1:3306/?user=root}
JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
JAVA="$JAVA_HOME/bin/java"
if [ ! -f bench/target/fenz-bench.jar ] || [ ! -f fenz-cli/target/fenz.jar ]; then
  # package only (never install: the reactor resolves the modules from this tree)
  JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -o -DskipTests -pl bench,fenz-cli -am package
fi

echo "bench: search on $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
START=$(date +%s)
"$JAVA" -jar bench/target/fenz-bench.jar latency
echo "bench.latency_and_load_seconds: $(( $(date +%s) - START ))"
[ "${SKIP_HTTP:-0}" = 1 ] && exit 0

command -v wrk >/dev/null || { echo "the HTTP part needs wrk (apt-get install wrk)"; exit 1; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATA=$(mktemp -d /tmp/fenz-search-bench.XXXXXX)
DB_URL=$(python3 - "$FENZ_BENCH_DB_URL" <<'PY'
import sys
url = sys.argv[1]
base, _, params = url.partition('?')
base = base[:base.rindex('/') + 1] + 'fenz_bench_100k'
print(base + ('?' + params if params else ''))
PY
)
# Embedded Redis and S3 (FENZ_REDIS_URL / FENZ_S3_ENDPOINT unset), the 100k database for everything else.
env -u FENZ_REDIS_URL -u FENZ_S3_ENDPOINT FENZ_DB_URL="$DB_URL" FENZ_HTTP_PORT=$PORT FENZ_HTTP_HOST=127.0.0.1 \
  FENZ_DATA_DIR="$DATA" FENZ_LOG_LEVEL=WARN "$JAVA" -jar fenz-cli/target/fenz.jar dev >"$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 240); do curl -fs "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/readyz" >/dev/null || { echo "server did not become ready"; cat "$DATA/server.log"; exit 1; }

LUA="$DATA/mix.lua"
{
  echo "local paths = {"
  "$JAVA" -jar bench/target/fenz-bench.jar urls | sed 's/.*/  "&",/'
  echo "}"
  cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
} >"$LUA"
for path in $("$JAVA" -jar bench/target/fenz-bench.jar urls); do  # every request of the mix must answer 200
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  [ "$code" = 200 ] || { echo "GET $path -> $code"; exit 1; }
done

run() { # name, extra wrk args...
  local name=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$DATA/$name.txt" 2>&1
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$DATA/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$DATA/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$DATA/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$DATA/$name.txt"); non2xx=${non2xx:-0}
  echo "$name.rps.100k: $rps"
  echo "$name.p50.100k: $p50"
  echo "$name.p99.100k: $p99"
  echo "$name.non2xx.100k: $non2xx"
  eval "RPS_${name//-/_}=$rps"
}
echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION against fenz dev on fenz_bench_100k (search: the mix above, round robin)"
wrk -t1 -c4 -d3s -s "$LUA" "$BASE" >/dev/null 2>&1   # warm-up (JIT, pools)
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1
run healthz "$BASE/healthz"
run search -s "$LUA" "$BASE"
python3 -c "print(f'ratio.search_rps_over_healthz_rps.100k: {$RPS_search/$RPS_healthz:.3f}')"
