#!/usr/bin/env bash
# View-counting benchmark: VIDEOS public videos bulk-loaded into a throwaway MariaDB database, `fenz dev` on it,
# POST /videos/{id}/views from VIEWERS guests spread over every video (wrk Lua; no viewer sees one video twice, so
# every 202 is a counted view) and /healthz in the same run; then waits for the worker's 30 s flush and checks
# MySQL holds exactly the views the API accepted. Prints `name: value` lines like bench/run.sh.
# Usage: bash bench/views.sh   (VIDEOS=100000 VIEWERS=50000 DURATION=10s CONNECTIONS=32 THREADS=2 FLUSH_WAIT=75;
#        MYSQL="mariadb -h127.0.0.1 -uroot"; DB=prefix of the throwaway database)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
VIDEOS=${VIDEOS:-100000}
VIEWERS=${VIEWERS:-50000}
FLUSH_WAIT=${FLUSH_WAIT:-75}
MYSQL=${MYSQL:-mariadb -h127.0.0.1 -P3306 -uroot}
DB=${DB:-fenz_bench_views}_$$
bench_cleanup() { $MYSQL -e "DROP DATABASE IF EXISTS $DB"; }
$MYSQL -e "CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
start_dev FENZ_DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root"   # migrations and demo users (channels 1..6)
stop_dev
$MYSQL "$DB" -e "INSERT INTO videos (channel_id, category_id, title, description, duration_s, access_tier, is_published, video_key,
    thumbnail_key, views_member, views_non_member, published_at, created_at, updated_at, search_tokens)
  SELECT 1 + seq % 6, 1 + seq % 12, CONCAT('影片 ', seq), '', 30 + seq % 1800, 0, TRUE, CONCAT('videos/bench/', seq, '.mp4'),
    CONCAT('thumbnails/bench/', seq, '.jpg'), 0, 0, UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ''
  FROM seq_1_to_$VIDEOS"
FIRST=$($MYSQL -N "$DB" -e "SELECT MIN(id) FROM videos WHERE video_key LIKE 'videos/bench/%'")
# every wrk request comes from one address: the per-address guest cap is off here
FENZ_LOG_LEVEL=INFO start_dev FENZ_DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root" FENZ_GUEST_VIEWS_PER_ADDRESS=0
wait_for_log "search index built"   # the in-memory search index builds in the background after start
stored_views() { $MYSQL -N "$DB" -e "SELECT SUM(views_member + views_non_member) FROM videos"; }

# Request g of the run (g = count * threads + thread) is viewer g mod VIEWERS on video (g div VIEWERS + 7 * viewer) mod VIDEOS:
# distinct g never repeat a (viewer, video) pair, so every 202 is a counted view.
LUA="$DATA/views.lua"
cat >"$LUA" <<LUA
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("index", threads - 1)
  thread:set("stride", $THREADS)
  thread:set("offset", 0)
end
function request()
  local g = offset + index
  offset = offset + stride
  local viewer = g % $VIEWERS
  local video = $FIRST + (math.floor(g / $VIEWERS) + 7 * viewer) % $VIDEOS
  return wrk.format("POST", "/api/v1/videos/" .. video .. "/views",
    {["X-Session-Id"] = string.format("00000000-0000-4000-8000-%012d", viewer)}, "")
end
LUA

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $VIDEOS videos, $VIEWERS viewers, on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
BASELINE=$(stored_views)
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1  # warm-up (JIT)
CPU_BEFORE=$(cpu_s "$PID")
run healthz "$CONNECTIONS" "$BASE/healthz"
HEALTHZ_CPU_US=$(cpu_us_per_request healthz "$CPU_BEFORE")
CHECKOUTS_BEFORE=$(metric_sum hikaricp_connections_usage_seconds_count)
CPU_BEFORE=$(cpu_s "$PID")
run views "$CONNECTIONS" -s "$LUA" "$BASE/api/v1/videos/1/views"
VIEWS_CPU_US=$(cpu_us_per_request views "$CPU_BEFORE")
CHECKOUTS_AFTER=$(metric_sum hikaricp_connections_usage_seconds_count)
echo "ratio.views_over_healthz: $(ratio "$RPS_views" "$RPS_healthz")   (goal >= 0.6)"
echo "cpu_us_per_request: healthz=$HEALTHZ_CPU_US views=$VIEWS_CPU_US   (the server's CPU per request; it includes the worker's share in fenz dev)"

# Counted by the server: wrk never reads the answers still in flight when it stops, the server did count those views.
sleep 1
ACCEPTED=$(curl -fs "$BASE/metrics" | awk '/^http_server_requests_seconds_count/ && index($0, "route=\"/api/v1/videos/{id}/views\"") \
  && index($0, "status=\"202\"") {n += $NF} END {printf "%d", n}')
# The worker flushes every 30 s; wait for the total to reach what was accepted (a shortfall shows as a mismatch).
WAITED=0
FLUSHED=$(( $(stored_views) - BASELINE ))
while [ "$FLUSHED" -lt "$ACCEPTED" ] && [ "$WAITED" -lt "$FLUSH_WAIT" ]; do
  sleep 1; WAITED=$((WAITED + 1))
  FLUSHED=$(( $(stored_views) - BASELINE ))
done
echo "views.accepted: $ACCEPTED"
echo "db.checkouts_per_view: $(python3 -c "print(f'{($CHECKOUTS_AFTER - $CHECKOUTS_BEFORE) / max($ACCEPTED, 1):.3f}')")   (pool checkouts during the views run per view accepted)"
echo "views.flushed_total: $FLUSHED"
echo "views.flush_wait_s: $WAITED"
[ "$FLUSHED" -eq "$ACCEPTED" ] || { echo "MISMATCH: MySQL holds $FLUSHED views, the API accepted $ACCEPTED"; exit 1; }
