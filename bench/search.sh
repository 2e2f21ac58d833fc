#!/usr/bin/env bash
# Search benchmark (issue #6), one command: bash bench/search.sh
#  1. builds (or reuses) throwaway databases fenz_bench_10k / _100k / _1m on FENZ_BENCH_DB_URL's server
#     (default: root on 127.0.0.1:3306) by bulk load, not through the API;
#  2. builds the in-memory search index of each and measures the search use case with one query mix at
#     10k, 100k and 1M: search.p95_ms.10k / .1m and their ratio, per-query medians, EXPLAIN of the SQL
#     (FENZ_BENCH_FULLTEXT=1 measures the MySQL FULLTEXT fallback as well: many minutes at 1M);
#  3. starts `fenz dev` on the 100k database (HTTP_VIDEOS=1000000: the 1M one), waits for its search index,
#     and compares /api/v1/search rps (the same mix, round robin) with /healthz rps using wrk.
# Prints `name: value` lines. DURATION=10s CONNECTIONS=32 THREADS=2 tune wrk; SKIP_LATENCY=1 skips step 2 (and
# builds only the HTTP part's database),
# SKIP_HTTP=1 step 3; NODES=2 then drives two nodes at once (ratio.nodes2_over_2x_single).
# Drop the databases with: mariadb -uroot -e 'DROP DATABASE fenz_bench_10k' (etc.).
set -euo pipefail
cd "$(dirname "$0")/.."
export FENZ_BENCH_DB_URL=${FENZ_BENCH_DB_URL:-jdbc:mariadb://127.0.0.1:3306/?user=root}
HTTP_VIDEOS=${HTTP_VIDEOS:-100000}
HTTP_SIZE=$([ "$HTTP_VIDEOS" = 1000000 ] && echo 1m || echo $((HTTP_VIDEOS / 1000))k)
HTTP_DB=fenz_bench_$HTTP_SIZE   # the names the latency step uses for 10k, 100k and 1M
JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
JAVA="$JAVA_HOME/bin/java"
if [ ! -f bench/target/fenz-bench.jar ] || [ ! -f fenz-cli/target/fenz.jar ]; then
  # package only (never install: the reactor resolves the modules from this tree)
  JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests -pl bench,fenz-cli -am package
fi

echo "bench: search on $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
if [ "${SKIP_LATENCY:-0}" != 1 ]; then
  START=$(date +%s)
  "$JAVA" -jar bench/target/fenz-bench.jar latency
  echo "bench.latency_and_load_seconds: $(( $(date +%s) - START ))"
fi
[ "${SKIP_HTTP:-0}" = 1 ] && exit 0
"$JAVA" -jar bench/target/fenz-bench.jar prepare "$HTTP_DB" "$HTTP_VIDEOS"  # the HTTP part's database (reused when present)

# The HTTP part: `fenz dev` (lib.sh) with embedded Redis/S3 and the HTTP_DB database for everything else.
source bench/lib.sh
DB_URL=$(python3 - "$FENZ_BENCH_DB_URL" "$HTTP_DB" <<'PY'
import sys
url = sys.argv[1]
base, _, params = url.partition('?')
base = base[:base.rindex('/') + 1] + sys.argv[2]
print(base + ('?' + params if params else ''))
PY
)
if [ "${NODES:-1}" = 2 ]; then  # a Redis both nodes reach (the dev node's embedded one has no known port)
  REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$DATA/redis.log" 2>&1 &
  REDIS_PID=$!
  bench_cleanup() { kill "$REDIS_PID" 2>/dev/null || true; }
  start_dev -u FENZ_S3_ENDPOINT FENZ_DB_URL="$DB_URL" FENZ_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
else
  start_dev -u FENZ_REDIS_URL -u FENZ_S3_ENDPOINT FENZ_DB_URL="$DB_URL"
fi
# Searches use MySQL FULLTEXT until the in-memory index is built: measure the index, so wait for it.
for _ in $(seq 1 600); do
  docs=$(curl -fs "$BASE/metrics" | awk '/^fenz_search_index_documents/ {print $2}')
  [ -n "$docs" ] && [ "$docs" != NaN ] && break
  sleep 0.5
done
echo "index.$HTTP_DB.documents_in_dev: $docs"
wait_for /readyz   # the video directory too
wait_idle          # the new index's merges and the start's garbage collected

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

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION against fenz dev on $HTTP_DB (search: the mix above, round robin)"
settle search -s "$LUA" "$BASE"   # JIT, pools, the index's caches: one short run left some runs at half the rate
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1
CPU_BEFORE=$(cpu_s "$PID")
run healthz "$CONNECTIONS" "$BASE/healthz"
HEALTHZ_CPU_US=$(cpu_us_per_request healthz "$CPU_BEFORE")
CPU_BEFORE=$(cpu_s "$PID")
run search "$CONNECTIONS" -s "$LUA" "$BASE"
SEARCH_CPU_US=$(cpu_us_per_request search "$CPU_BEFORE")
echo "ratio.search_rps_over_healthz_rps.$HTTP_SIZE: $(ratio "$RPS_search" "$RPS_healthz")"
echo "cpu_us_per_request.$HTTP_SIZE: healthz=$HEALTHZ_CPU_US search=$SEARCH_CPU_US   (the server's CPU per request)"
echo "ratio.healthz_cpu_over_search_cpu.$HTTP_SIZE: $(ratio "$HEALTHZ_CPU_US" "$SEARCH_CPU_US")"

# NODES=2: a second node (`fenz serve` on the same MariaDB, Redis and S3, its own search index) and both driven at
# once, CONNECTIONS/2 each; the baseline is the mean of the single-node run before and one right after.
if [ "${NODES:-1}" = 2 ]; then
  start_second_node "$DB_URL" "redis://127.0.0.1:$REDIS_PORT"
  wrk -t1 -c4 -d3s -s "$LUA" "$BASE2" >/dev/null 2>&1   # the second node's warm-up (JIT, pools)
  run_two_nodes "" -s "$LUA"
  run search_again "$CONNECTIONS" -s "$LUA" "$BASE"
  echo "ratio.nodes2_over_2x_single.$HTTP_SIZE: $(ratio "$RPS_2" "$RPS_search + $RPS_search_again")   (1.0 = linear; one box's cores serve both nodes)"
fi
