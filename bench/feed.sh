#!/usr/bin/env bash
# Feed benchmark (issue #5): 100k published videos over 500 tags in MariaDB (bulk SQL, not the API),
# then `fenz dev` on that database (embedded Redis/S3). Prints name: value lines:
#   warmup.ms / select.ms       cache warm-up at start vs. the plain SELECT of the same rows
#   feed.rps / healthz.rps      GET /videos/recommended for a guest with 5 tags, and its p99 ratio
# Usage: bash bench/feed.sh   (VIDEOS=100000 TAGS=500 DURATION=10s CONNECTIONS=32; MYSQL="mariadb -h127.0.0.1 -uroot")
set -euo pipefail
source "$(dirname "$0")/lib.sh"
VIDEOS=${VIDEOS:-100000}
TAGS=${TAGS:-500}
MYSQL=${MYSQL:-mariadb -h127.0.0.1 -P3306 -uroot}
DB=fenz_bench_feed
bench_cleanup() { [ -n "${KEEP_DB:-}" ] || $MYSQL -e "DROP DATABASE IF EXISTS $DB"; }
start_app() { FENZ_LOG_LEVEL=INFO start_dev FENZ_DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root"; }
stop_app() { stop_dev; }

$MYSQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
start_app   # first start: migrations and demo users (channels 1..6)
stop_app

t0=$(date +%s%N)
$MYSQL "$DB" <<SQL
INSERT INTO tags (slug, name_zh, name_en) SELECT CONCAT('bench-', seq), CONCAT('標籤', seq), CONCAT('Tag ', seq) FROM seq_1_to_$TAGS;
INSERT INTO videos (channel_id, category_id, title, description, duration_s, access_tier, is_published, video_key, thumbnail_key,
                    views_member, views_non_member, published_at, created_at, updated_at, search_tokens)
SELECT 1 + seq % 6, 1 + seq % 12, CONCAT('影片 ', seq), '', 30 + seq % 1800, IF(seq % 10 = 0, 2, 0), seq % 20 <> 0,
       CONCAT('videos/bench/', seq, '.mp4'), NULL, seq % 97, seq % 1013,
       UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ''
FROM seq_1_to_$VIDEOS;
INSERT IGNORE INTO video_tags (video_id, tag_id)
SELECT v.id, t.id FROM videos v JOIN seq_0_to_2 k
JOIN tags t ON t.slug = CONCAT('bench-', 1 + (v.id * 7 + k.seq * 131) % $TAGS);
SQL
echo "seed.ms: $(( ($(date +%s%N) - t0) / 1000000 ))"
echo "seed.rows: videos=$($MYSQL -N "$DB" -e 'SELECT COUNT(*) FROM videos') video_tags=$($MYSQL -N "$DB" -e 'SELECT COUNT(*) FROM video_tags') eligible=$($MYSQL -N "$DB" -e 'SELECT COUNT(*) FROM videos WHERE is_published AND access_tier = 0')"

# The same rows the warm-up reads (JdbiFeedSource), as one plain SELECT, for the baseline.
t0=$(date +%s%N)
$MYSQL -N "$DB" -e "SELECT v.id, v.title, v.channel_id, ch.name, v.thumbnail_key IS NOT NULL, v.duration_s,
  v.views_member + v.views_non_member, v.published_at,
  (SELECT GROUP_CONCAT(vt.tag_id ORDER BY vt.tag_id) FROM video_tags vt WHERE vt.video_id = v.id)
  FROM videos v JOIN channels ch ON ch.id = v.channel_id JOIN users u ON u.id = ch.user_id
  WHERE v.is_published = TRUE AND v.access_tier = 0 AND u.is_hidden = FALSE ORDER BY v.id" >/dev/null
SELECT_MS=$(( ($(date +%s%N) - t0) / 1000000 ))

start_app   # second start: warms the cache from the 100k rows
WARM_MS=$(sed -n 's/.*feed cache warmed: \([0-9]*\) videos.* in \([0-9]*\) ms.*/\2/p' "$DATA/server.log" | tail -1)
WARMED=$(sed -n 's/.*feed cache warmed: \([0-9]*\) videos.*/\1/p' "$DATA/server.log" | tail -1)
echo "warmup.videos: $WARMED"
echo "warmup.ms: $WARM_MS"
echo "select.ms: $SELECT_MS"
echo "ratio.warmup_over_select: $(python3 -c "print(f'{$WARM_MS/max($SELECT_MS,1):.2f}')")"

SESSION=$(python3 -c 'import uuid; print(uuid.uuid4())')
TAG_IDS=$($MYSQL -N "$DB" -e "SELECT GROUP_CONCAT(id) FROM (SELECT id FROM tags WHERE slug LIKE 'bench-%' ORDER BY id LIMIT 5) t")
curl -fs -X PUT "$BASE/api/v1/me/tags" -H 'Content-Type: application/json' -H "X-Session-Id: $SESSION" -d "{\"tagIds\":[$TAG_IDS]}" >/dev/null
ITEMS=$(curl -fs "$BASE/api/v1/videos/recommended" -H "X-Session-Id: $SESSION" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]), d["source"])')
echo "feed.sample: $ITEMS"

wrk -t1 -c4 -d3s -H "X-Session-Id: $SESSION" "$BASE/api/v1/videos/recommended" >/dev/null 2>&1  # JIT warm-up
run healthz "$CONNECTIONS" "$BASE/healthz"
run feed "$CONNECTIONS" -H "X-Session-Id: $SESSION" "$BASE/api/v1/videos/recommended"
echo "ratio.feed_rps_over_healthz: $(ratio "$RPS_feed" "$RPS_healthz")   (goal >= 0.5)"
echo "ratio.feed_p99_over_healthz: $(ratio "$P99_feed" "$P99_healthz")   (goal <= 3)"
echo "fallbacks: $(curl -fs "$BASE/metrics" | awk '/^fenz_feed_fallbacks_total/ {s+=$2} END {print s+0}')"
