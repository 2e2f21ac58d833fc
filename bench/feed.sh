#!/usr/bin/env bash
# Feed benchmark (issues #5, #19): generated videos over generated tags bulk-loaded into MariaDB (SQL, not the API),
# then `fenz dev` on that database and a private redis-server (its command counts are this run's alone).
# Traffic looks like real viewers: VIEWERS guests each set a random pick of 1-5 tags (16 at a time), then every
# feed request comes from a random one of them (wrk Lua). Prints name: value lines:
#   warmup.ms / select.ms       cache warm-up vs the plain SELECT of the same rows (and where its time went); serving.ms / ready.ms after start
#   feed.warmup_runs            feed runs before the measured ones, until the rate settles
#   feed.rps / healthz.rps      and their p99 ratio; redis.commands_per_feed, fallbacks_per_10k, copies.heap_mb
#   server.rss_mb / server.rss_peak_mb / redis.used_memory_mb   memory after the feed run (`fenz dev`: the worker and S3 too)
# Usage: bash bench/feed.sh   (VIDEOS=1000000 TAGS=5000 VIEWERS=10000 DURATION=10s CONNECTIONS=32;
#        MYSQL="mariadb -h127.0.0.1 -uroot"; DB=name of the database; KEEP_DB=1 keeps and reuses the loaded database)
# REFRESH=1 then runs the worker's refresh (`fenz admin rebuild-cache`) under feed traffic and measures the
# feed during it and in the two runs after (what the refresh every 12 minutes costs a serving node). Before it,
# REFRESH_VIEWED_PER_MILLE (default 10) of every 1,000 videos get a view in MySQL, as flushed views would: the
# cards the refresh has to write again.
# NODES=2 then starts a second node (`fenz serve` on the same MariaDB, Redis and S3; the `fenz dev` node keeps the
# one worker) and drives both at once, CONNECTIONS/2 each, same duration: nodes2.rps is the sum, and
# ratio.nodes2_over_2x_single compares it with twice this run's single-node feed rps (the mean of feed.rps and
# feed_again.rps, measured just before and just after; 1.0 = linear).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
VIDEOS=${VIDEOS:-1000000}
TAGS=${TAGS:-5000}
VIEWERS=${VIEWERS:-10000}
MYSQL=${MYSQL:-mariadb -h127.0.0.1 -P3306 -uroot}
DB=${DB:-fenz_bench_feed_${VIDEOS}_${TAGS}}
REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$DATA/redis.log" 2>&1 &
REDIS_PID=$!
bench_cleanup() {
  kill "$REDIS_PID" 2>/dev/null || true
  [ -n "${KEEP_DB:-}" ] || $MYSQL -e "DROP DATABASE IF EXISTS $DB"
}
redis_calls() { redis-cli -p "$REDIS_PORT" INFO commandstats | awk -F'[=,:]' '/^cmdstat_/ && $1 != "cmdstat_info" {n += $3} END {print n+0}'; }
# commands_per_feed NAME: Redis commands since CALLS_BEFORE per request of the wrk run NAME.
commands_per_feed() { ratio "$(( $(redis_calls) - CALLS_BEFORE ))" "$(awk '/requests in/ {print $1}' "$DATA/$1.txt")"; }
# copies: the in-process copies the server holds, per kind.
copies() { curl -fs "$BASE/metrics" | awk '/^fenz_feed_local_copies/ {match($0, /kind="[a-z_]*"/); printf "%s=%d ", substr($0, RSTART + 6, RLENGTH - 7), $NF}'; }
heap_mb() { "$JAVA_HOME/bin/jcmd" "$PID" GC.run >/dev/null 2>&1; sleep 1; metric_sum 'jvm_memory_used_bytes{area="heap"' | awk '{printf "%.1f", $1 / 1048576}'; }

if [ -z "${KEEP_DB:-}" ] || ! $MYSQL -e "USE $DB" 2>/dev/null; then
  $MYSQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  start_dev FENZ_DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root" FENZ_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"   # migrations, demo users (channels 1..6)
  stop_dev
  t0=$(date +%s%N)
  $MYSQL "$DB" <<SQL
INSERT INTO tags (slug, name_zh, name_en) SELECT CONCAT('bench-', seq), CONCAT('標籤', seq), CONCAT('Tag ', seq) FROM seq_1_to_$TAGS;
INSERT INTO videos (channel_id, category_id, title, description, duration_s, access_tier, is_published, video_key, thumbnail_key,
                    views_member, views_non_member, published_at, created_at, updated_at, search_tokens)
SELECT 1 + seq % 6, 1 + seq % 12, CONCAT('影片 ', seq), '', 30 + seq % 1800, IF(seq % 10 = 0, 2, 0), seq % 20 <> 0,
       CONCAT('videos/bench/', seq, '.mp4'), CONCAT('thumbnails/bench/', seq, '.jpg'), seq % 97, seq % 1013,
       UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ''
FROM seq_1_to_$VIDEOS;
INSERT IGNORE INTO video_tags (video_id, tag_id)
SELECT v.id, t.id FROM videos v JOIN seq_0_to_2 k
JOIN tags t ON t.slug = CONCAT('bench-', 1 + (v.id * 7 + k.seq * 131) % $TAGS);
SQL
  echo "seed.ms: $(( ($(date +%s%N) - t0) / 1000000 ))"
fi
echo "seed.rows: videos=$($MYSQL -N "$DB" -e 'SELECT COUNT(*) FROM videos') video_tags=$($MYSQL -N "$DB" -e 'SELECT COUNT(*) FROM video_tags') eligible=$($MYSQL -N "$DB" -e 'SELECT COUNT(*) FROM videos WHERE is_published AND access_tier = 0') tags=$($MYSQL -N "$DB" -e 'SELECT COUNT(*) FROM tags')"

# The same rows the warm-up streams (JdbiFeedSource), as one plain SELECT in the warm-up's plan (primary key order,
# videos first: left to itself MariaDB starts from the channels and sorts every row in a temporary table), for the baseline.
t0=$(date +%s%N)
$MYSQL -N "$DB" -e "SELECT STRAIGHT_JOIN v.id, v.title, v.channel_id, ch.name, v.thumbnail_key IS NOT NULL, v.duration_s,
  v.views_member + v.views_non_member, v.published_at,
  (SELECT GROUP_CONCAT(vt.tag_id ORDER BY vt.tag_id) FROM video_tags vt WHERE vt.video_id = v.id)
  FROM videos v FORCE INDEX (PRIMARY) JOIN channels ch ON ch.id = v.channel_id JOIN users u ON u.id = ch.user_id
  WHERE v.is_published = TRUE AND v.access_tier = 0 AND u.is_hidden = FALSE ORDER BY v.id" >/dev/null
SELECT_MS=$(( ($(date +%s%N) - t0) / 1000000 ))

# Second start: the node answers /healthz (and serves the feed from MySQL) while it warms; /readyz waits for the warm-up.
t0=$(date +%s%N)
FENZ_LOG_LEVEL=INFO launch_dev FENZ_DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root" FENZ_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
wait_for /healthz
echo "serving.ms: $(( ($(date +%s%N) - t0) / 1000000 ))"
wait_for /readyz
echo "ready.ms: $(( ($(date +%s%N) - t0) / 1000000 ))"
WARM_MS=$(sed -n 's/.*feed cache warmed: \([0-9]*\) videos.* in \([0-9]*\) ms.*/\2/p' "$DATA/server.log" | tail -1)
echo "warmup.videos: $(sed -n 's/.*feed cache warmed: \([0-9]*\) videos.*/\1/p' "$DATA/server.log" | tail -1)"
echo "warmup.ms: $WARM_MS"
echo "warmup.copies_ms: $(sed -n 's/.*feed copies taken: .* in \([0-9]*\) ms.*/\1/p' "$DATA/server.log" | tail -1)   (of warmup.ms: copying the cards written, after key tracking started)"
echo "warmup.read_ms: $(sed -n 's/.*feed cache warmed: .* (\([0-9]*\) ms reading MySQL.*/\1/p' "$DATA/server.log" | tail -1)   (of warmup.ms: reading and handing on MySQL's stream)"
echo "warmup.write_wait_ms: $(sed -n 's/.*feed cache warmed: .* ms reading MySQL, \([0-9]*\) ms waiting.*/\1/p' "$DATA/server.log" | tail -1)   (of warmup.ms: waiting for a Redis write to finish before the next)"
echo "select.ms: $SELECT_MS"
echo "ratio.warmup_over_select: $(python3 -c "print(f'{$WARM_MS/max($SELECT_MS,1):.2f}')")   (goal <= 2)"

wait_for_log "search index built"   # the in-memory search index builds in the background after start
echo "warmup.search_build_ms: $(sed -n 's/.*search index built: .* in \([0-9]*\) ms.*/\1/p' "$DATA/server.log" | tail -1)   (the search index build, which starts once the feed is warm)"
TAG_IDS=$($MYSQL -N "$DB" -e "SELECT GROUP_CONCAT(id) FROM tags")
python3 bench/viewers.py "$BASE" "$VIEWERS" "$TAG_IDS" "$DATA/feed.lua"
HEAP_BEFORE=$(heap_mb)

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $VIEWERS viewers, on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
# Warm-up runs until the rate settles: JIT, the viewers' picks and tag sets copied, and each card's kept JSON,
# made on its first draw. At 1M one run of 10 s draws about 2M cards of 900k, so after a single run about one
# card in ten would still be drawn for the first time in the measured run.
settle feed -s "$DATA/feed.lua" "$BASE/api/v1/videos/recommended"
CPU_BEFORE=$(cpu_s "$PID")
run healthz "$CONNECTIONS" "$BASE/healthz"
HEALTHZ_CPU_US=$(cpu_us_per_request healthz "$CPU_BEFORE")
CALLS_BEFORE=$(redis_calls)
FALLBACKS_BEFORE=$(metric_sum fenz_feed_fallbacks_total)
CPU_BEFORE=$(cpu_s "$PID")
run feed "$CONNECTIONS" -s "$DATA/feed.lua" "$BASE/api/v1/videos/recommended"
FEED_CPU_US=$(cpu_us_per_request feed "$CPU_BEFORE")
CALLS_AFTER=$(redis_calls)
FALLBACKS_AFTER=$(metric_sum fenz_feed_fallbacks_total)
REQUESTS=$(awk '/requests in/ {print $1}' "$DATA/feed.txt")
echo "feed.requests: $REQUESTS"
echo "redis.commands_per_feed: $(python3 -c "print(f'{($CALLS_AFTER - $CALLS_BEFORE) / max($REQUESTS, 1):.3f}')")"
echo "fallbacks_per_10k: $(python3 -c "print(f'{($FALLBACKS_AFTER - $FALLBACKS_BEFORE) * 10000 / max($REQUESTS, 1):.2f}')")   (goal <= 1)"
echo "copies: $(copies)"
echo "copies.heap_mb: $(python3 -c "print(f'{$(heap_mb) - $HEAP_BEFORE:.1f}')")   (heap after GC, after the feed run minus before it)"
echo "ratio.feed_rps_over_healthz: $(ratio "$RPS_feed" "$RPS_healthz")   (goal >= 0.5)"
echo "ratio.feed_p99_over_healthz: $(ratio "$P99_feed" "$P99_healthz")   (goal <= 3)"
echo "cpu_us_per_request: healthz=$HEALTHZ_CPU_US feed=$FEED_CPU_US   (the server's CPU per request)"
echo "ratio.healthz_cpu_over_feed_cpu: $(ratio "$HEALTHZ_CPU_US" "$FEED_CPU_US")   (the rps ratio if the server alone used the cores)"
# Each loss drops every copy (then refilled by draws): on an overloaded box a 4 s heartbeat can lapse.
echo "tracking.lost: $(grep -c 'key tracking lost' "$DATA/server.log" || true)"
echo "server.rss_mb: $(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$PID/status")   (after the feed run and a full GC; heap bound $HEAP)"
echo "server.rss_peak_mb: $(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$PID/status")"
echo "redis.used_memory_mb: $(redis-cli -p "$REDIS_PORT" INFO memory | awk -F: '/^used_memory:/ {printf "%.1f", $2 / 1048576}')"

if [ -n "${REFRESH:-}" ]; then
  # The worker's refresh (every 12 minutes; `fenz admin rebuild-cache` is the same use case), run once under
  # feed traffic: Redis reports each key it writes, so the node drops those copies and reads them back on use.
  VIEWED=$($MYSQL "$DB" -N -e "UPDATE videos SET views_non_member = views_non_member + 1 WHERE id % 1000 < ${REFRESH_VIEWED_PER_MILLE:-10}; SELECT ROW_COUNT()")
  echo "refresh.videos_viewed: $VIEWED   (their cards differ from what Redis holds)"
  run feed_during_refresh "$CONNECTIONS" -s "$DATA/feed.lua" "$BASE/api/v1/videos/recommended" >"$DATA/during.out" &
  WRK_PID=$!
  t0=$(date +%s%N)
  CPU_BEFORE=$(cpu_s "$PID" "$REDIS_PID")
  dev_env "jdbc:mariadb://127.0.0.1:3306/$DB?user=root" "redis://127.0.0.1:$REDIS_PORT"
  TIMEFORMAT='%U %S'
  REFRESH_CPU=$( { time env "${DEV_ENV[@]}" "$JAVA_HOME/bin/java" -Xmx"$HEAP" $GC_OPTS -jar "$FENZ_JAR" admin rebuild-cache >"$DATA/rebuild.log" 2>&1; } 2>&1 )
  echo "refresh.ms: $(( ($(date +%s%N) - t0) / 1000000 ))   (the refresh, under feed traffic)"
  echo "refresh.cpu_s: $(python3 -c "import sys; b, a = (list(map(float, x.split())) for x in sys.argv[1:3]); r = sum(map(float, sys.argv[3].split())); print(f'node={a[0]-b[0]:.1f} redis={a[1]-b[1]:.1f} refresh_process={r:.1f}')" "$CPU_BEFORE" "$(cpu_s "$PID" "$REDIS_PID")" "$REFRESH_CPU")   (CPU seconds while it ran, of $(nproc) cores)"
  wait "$WRK_PID"; cat "$DATA/during.out"
  echo "copies_after_refresh: $(copies)"
  for AFTER in 1 2; do
    CALLS_BEFORE=$(redis_calls)
    run "feed_after_refresh_$AFTER" "$CONNECTIONS" -s "$DATA/feed.lua" "$BASE/api/v1/videos/recommended"
    echo "feed_after_refresh_$AFTER.redis.commands_per_feed: $(commands_per_feed "feed_after_refresh_$AFTER")"
  done
  echo "ratio.feed_after_refresh_over_feed: $(ratio "$RPS_feed_after_refresh_1" "$RPS_feed")   (the first 10 s after the refresh)"
fi

if [ "${NODES:-1}" = 2 ]; then
  start_second_node "jdbc:mariadb://127.0.0.1:3306/$DB?user=root" "redis://127.0.0.1:$REDIS_PORT"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$DATA/feed.lua" "$BASE2/api/v1/videos/recommended" >/dev/null 2>&1  # the second node's warm-up run
  # used LABELS BEFORE AFTER: label=after-before for each (space-separated lists).
  used() { python3 -c "import sys; l, b, a = (x.split() for x in sys.argv[1:]); print(' '.join('%s=%.1f' % (n, float(y) - float(x)) for n, x, y in zip(l, b, a)))" "$@"; }
  CPU_BEFORE=$(cpu_s "$PID" "$PID2" "$REDIS_PID"); CALLS_BEFORE=$(redis_calls)
  run_two_nodes /api/v1/videos/recommended -s "$DATA/feed.lua"
  CPU_2=$(used "node1 node2 redis" "$CPU_BEFORE" "$(cpu_s "$PID" "$PID2" "$REDIS_PID")"); CALLS_2=$(( $(redis_calls) - CALLS_BEFORE ))
  echo "nodes2.cpu_s: $CPU_2   (CPU seconds during the run, of $(nproc) cores x $DURATION)"
  echo "nodes2.redis.commands_per_feed: $(ratio "$CALLS_2" "$REQUESTS_2")"
  # The single node again, right after: the baseline is the mean of the runs before and after the two-node one.
  CPU_BEFORE=$(cpu_s "$PID" "$REDIS_PID"); CALLS_BEFORE=$(redis_calls)
  run feed_again "$CONNECTIONS" -s "$DATA/feed.lua" "$BASE/api/v1/videos/recommended"
  echo "feed_again.cpu_s: $(used "node1 redis" "$CPU_BEFORE" "$(cpu_s "$PID" "$REDIS_PID")")"
  echo "feed_again.redis.commands_per_feed: $(commands_per_feed feed_again)"
  echo "ratio.nodes2_over_2x_single: $(ratio "$RPS_2" "$RPS_feed + $RPS_feed_again")   (1.0 = linear; one box's cores serve both nodes)"
fi
