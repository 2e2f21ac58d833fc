#!/usr/bin/env bash
# Start under load (issue #19): `fenz dev` starts on a 1M-video database (the search bench's fenz_bench_1m, plus
# 5,000 tags, 3 per video, thumbnails, and VIEWERS guests' tag picks; added once and kept) with a cold private
# redis-server, and search traffic (the search bench's query mix, round robin) plus feed traffic (a random one of
# the guests per request) reach it from the moment it accepts connections until RUN_AFTER_READY seconds after
# /readyz answers 200 (MAX_SECONDS after start at most). Counts every answer per second by status (503 split into
# `busy` and other), and prints:
#   serving_s / ready_s       when /healthz, then /readyz, first answered 200 (polled every 0.2 s)
#   feed_warm_s / index_built_s   the log lines of the feed warm-up and the search index build
#   full_speed_s.search/feed  the first second from which 3 seconds in a row reach 80% of the rps after ready
#   answers.<kind>            totals: 2xx, busy (503 busy), 500, other (every other status); wrk's timeouts
# Usage: bash bench/start.sh   (CONNECTIONS=32, split between search and feed; VIEWERS=10000; DB=fenz_bench_1m;
#        RUN_AFTER_READY=30; MAX_SECONDS=300; PER_SECOND=1 prints the per-second table)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
VIDEOS=${VIDEOS:-1000000}
TAGS=${TAGS:-5000}
VIEWERS=${VIEWERS:-10000}
DB=${DB:-fenz_bench_1m}
RUN_AFTER_READY=${RUN_AFTER_READY:-30}
MAX_SECONDS=${MAX_SECONDS:-300}
MYSQL=${MYSQL:-mariadb -h127.0.0.1 -P3306 -uroot}
DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB?user=root"
JAVA="$JAVA_HOME/bin/java"
[ -f bench/target/fenz-bench.jar ] || JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests -pl bench,fenz-cli -am package
FENZ_BENCH_DB_URL=jdbc:mariadb://127.0.0.1:3306/?user=root "$JAVA" -jar bench/target/fenz-bench.jar prepare "$DB" "$VIDEOS"

REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$DATA/redis.log" 2>&1 &
REDIS_PID=$!
WRK_PIDS=
bench_cleanup() {
  for p in $WRK_PIDS; do kill "$p" 2>/dev/null || true; done
  kill "$REDIS_PID" 2>/dev/null || true
}

# Once per database: the feed's tags and thumbnails (the search bench loads neither), then the guests' picks.
if [ "$($MYSQL -N "$DB" -e "SELECT COUNT(*) FROM tags WHERE slug LIKE 'bench-%'")" != "$TAGS" ]; then
  t0=$(date +%s)
  $MYSQL "$DB" <<SQL
INSERT INTO tags (slug, name_zh, name_en) SELECT CONCAT('bench-', seq), CONCAT('標籤', seq), CONCAT('Tag ', seq) FROM seq_1_to_$TAGS;
INSERT IGNORE INTO video_tags (video_id, tag_id)
SELECT v.id, t.id FROM videos v JOIN seq_0_to_2 k JOIN tags t ON t.slug = CONCAT('bench-', 1 + (v.id * 7 + k.seq * 131) % $TAGS);
UPDATE videos SET thumbnail_key = CONCAT('thumbnails/bench/', id, '.jpg') WHERE thumbnail_key IS NULL;
SQL
  echo "seed.tags_seconds: $(( $(date +%s) - t0 ))"
fi
TAG_IDS=$($MYSQL -N "$DB" -e "SELECT GROUP_CONCAT(id ORDER BY id) FROM tags WHERE slug LIKE 'bench-%'")
if [ "$($MYSQL -N "$DB" -e 'SELECT COUNT(DISTINCT session_id) FROM user_tag_preferences')" -lt $(( VIEWERS * 99 / 100 )) ]; then   # a few PUTs may have been answered busy
  launch_dev FENZ_DB_URL="$DB_URL" FENZ_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  wait_for /healthz
  python3 bench/viewers.py "$BASE" "$VIEWERS" "$TAG_IDS" "$DATA/feed.lua"
  stop_dev
else
  LUA_ONLY=1 python3 bench/viewers.py "$BASE" "$VIEWERS" "$TAG_IDS" "$DATA/feed.lua"
fi
redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null   # the measured start finds Redis empty: nothing warm anywhere

{
  echo "local paths = {"
  "$JAVA" -jar bench/target/fenz-bench.jar urls | sed 's/.*/  "&",/'
  echo "}"
  cat <<'LUA'
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
} >"$DATA/search.lua"
# Both scripts count answers per second (epoch second, status or `busy`, count) into the file named after `--`.
for script in search feed; do
  cat >>"$DATA/$script.lua" <<'LUA'
local previous_init, out, second, counts = init, nil, nil, {}
function init(args)
  if previous_init then previous_init(args) end
  out = io.open(args[1], "a")
end
function response(status, headers, body)
  local now = os.time()
  if now ~= second then
    for kind, n in pairs(counts) do out:write(second, " ", kind, " ", n, "\n") end
    out:flush()
    second, counts = now, {}
  end
  local kind = tostring(status)
  if status == 503 and body and body:find('"busy"', 1, true) then kind = "busy" end
  counts[kind] = (counts[kind] or 0) + 1
end
LUA
done

echo "bench: start under load on $DB ($(nproc) cores), load average $(cut -d' ' -f1-3 /proc/loadavg)"
T0=$(date +%s.%N)
FENZ_LOG_LEVEL=INFO   # the warm-up's and the index build's log lines
launch_dev FENZ_DB_URL="$DB_URL" FENZ_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
since() { python3 -c "import time; print(f'{time.time() - $T0:.1f}')"; }
# Traffic starts as soon as the port accepts connections (before that a connection is refused, and wrk would spin).
until curl -s -o /dev/null "$BASE/healthz"; do
  kill -0 "$PID" 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.05
done
half=$(( CONNECTIONS / 2 ))
wrk -t1 -c"$half" -d"${MAX_SECONDS}s" --timeout 10s -s "$DATA/search.lua" "$BASE" -- "$DATA/search.counts" >"$DATA/search.txt" 2>&1 &
WRK_PIDS="$!"
wrk -t1 -c"$half" -d"${MAX_SECONDS}s" --timeout 10s -s "$DATA/feed.lua" "$BASE/api/v1/videos/recommended" -- "$DATA/feed.counts" >"$DATA/feed.txt" 2>&1 &
WRK_PIDS="$WRK_PIDS $!"
SERVING= READY= LOADS=
while :; do
  code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/healthz" || true)
  [ -z "$SERVING" ] && [ "$code" = 200 ] && SERVING=$(since)
  code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/readyz" || true)
  [ -z "$READY" ] && [ "$code" = 200 ] && READY=$(since)
  now=$(since)
  LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg)"
  if [ -n "$READY" ] && python3 -c "import sys; sys.exit(0 if $now >= $READY + $RUN_AFTER_READY else 1)"; then break; fi
  python3 -c "import sys; sys.exit(0 if $now >= $MAX_SECONDS - 1 else 1)" && break
  sleep 0.2
done
for p in $WRK_PIDS; do kill -INT "$p" 2>/dev/null || true; done
for p in $WRK_PIDS; do wait "$p" 2>/dev/null || true; done
WRK_PIDS=

log_s() {  # seconds after start of the first log line holding $1 (its ISO time), or nothing
  python3 - "$DATA/server.log" "$1" "$T0" <<'PY'
import re, sys, datetime
for line in open(sys.argv[1], errors="replace"):
    if sys.argv[2] in line:
        m = re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", line) or re.search(r"\d\d:\d\d:\d\d\.\d+", line)
        if m:
            t = m.group(0)
            if "T" in t:
                ts = datetime.datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp()
            else:
                day = datetime.datetime.fromtimestamp(float(sys.argv[3]), datetime.timezone.utc).date()
                ts = datetime.datetime.fromisoformat(f"{day}T{t}+00:00").timestamp()
            print(f"{ts - float(sys.argv[3]):.1f}")
        break
PY
}
LOG_COPY=/tmp/fenz-start-$(date -u +%H%M%S).log
cp "$DATA/server.log" "$LOG_COPY"
echo "server.log: $LOG_COPY   (warnings: $(grep -c ' WARN ' "$LOG_COPY" || true), feed warm-up failures: $(grep -c 'feed cache warm-up failed' "$LOG_COPY" || true))"
echo "serving_s: ${SERVING:-never}"
echo "ready_s: ${READY:-never}   (MAX_SECONDS=$MAX_SECONDS)"
echo "feed_warm_s: $(log_s 'feed cache warmed')   ($(sed -n 's/.*feed cache warmed: \(.*\)/\1/p' "$DATA/server.log" | head -1))"
echo "index_built_s: $(log_s 'search index built')   ($(sed -n 's/.*search index built: \(.*\)/\1/p' "$DATA/server.log" | head -1))"
echo "index_build_retries: $(grep -c 'search index build failed' "$DATA/server.log" || true)"
python3 - "$DATA" "$T0" "${READY:-}" "${PER_SECOND:-0}" <<'PY'
import collections, sys
data, t0, ready, per_second = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
series = {}
for name in ("search", "feed"):
    seconds = collections.defaultdict(collections.Counter)
    try:
        for line in open(f"{data}/{name}.counts"):
            sec, kind, n = line.split()
            seconds[int(sec) - int(t0)][kind] += int(n)
    except FileNotFoundError:
        pass
    series[name] = seconds
    total = collections.Counter()
    for c in seconds.values():
        total.update(c)
    ok = sum(n for k, n in total.items() if k.startswith("2"))
    e500 = sum(n for k, n in total.items() if k == "500")
    other = {k: n for k, n in total.items() if not k.startswith("2") and k not in ("busy", "500")}
    print(f"answers.{name}: 2xx={ok} busy={total['busy']} 500={e500} other={other or 0}")
    if not ready or not seconds:
        continue
    last = max(seconds)
    after = [sum(seconds[s].values()) for s in range(int(float(ready)) + 1, last)]  # the last second is partial
    ref = sum(after) / max(len(after), 1)
    ok_rps = lambda s: sum(n for k, n in seconds.get(s, {}).items() if k.startswith("2"))
    full = next((s for s in range(min(seconds), last - 2) if all(ok_rps(s + d) >= 0.8 * ref for d in range(3))), None)
    print(f"rps_after_ready.{name}: {ref:.0f}   (mean of {len(after)} s)")
    print(f"full_speed_s.{name}: {full if full is not None else 'never'}   (first of 3 s in a row at >= 80% of that, 2xx only)")
if per_second:
    print("second  search: 2xx busy 5xx other | feed: 2xx busy 5xx other")
    for s in range(min(min(v) for v in series.values() if v), max(max(v) for v in series.values() if v) + 1):
        row = []
        for name in ("search", "feed"):
            c = series[name].get(s, collections.Counter())
            ok = sum(n for k, n in c.items() if k.startswith("2"))
            e5 = sum(n for k, n in c.items() if k.startswith("5") and k != "503")
            oth = sum(c.values()) - ok - c["busy"] - e5
            row.append(f"{ok:6d} {c['busy']:5d} {e5:4d} {oth:5d}")
        print(f"{s:5d}   " + " | ".join(row))
PY
for name in search feed; do
  echo "wrk.$name: $(awk '/requests in/ {printf "%s requests; ", $1} /Socket errors/ {printf "%s", $0}' "$DATA/$name.txt")"
done
echo "server.unexpected_errors_logged: $(grep -c 'unexpected error' "$DATA/server.log" || true)"
echo "load_average: $(echo $LOADS | tr ' ' '\n' | sort -n | sed -n '1p;$p' | paste -sd- )   (min-max during the run)"
