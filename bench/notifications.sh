#!/usr/bin/env bash
# Notifications benchmark (issue #15, docs/events.md), three parts in one run:
#  1. fan-out of a video to 100k subscribers (batched INSERT ... SELECT, 5,000 rows per statement) divided by one raw
#     INSERT ... SELECT of the same 100k rows, on the MariaDB at 127.0.0.1:3306 (FENZ_BENCH_DB_URL; database
#     fenz_bench_notifications, recreated), medians of ROUNDS alternating rounds after a warm-up;
#  2. publish-to-visible latency (p50/p95) for a 1k-subscriber channel: outbox commit -> relay (200 ms ticks, as the
#     worker) -> bus -> consumer -> last batch committed; on NATS JetStream when BENCH_NATS_URL (default
#     nats://127.0.0.1:4222 when reachable) else the in-process bus;
#  3. STREAMS (default 5000) SSE notification streams held against `fenz dev` (its per-address connection cap raised
#     for this run only: every stream comes from 127.0.0.1), with the app's RSS per stream.
# Usage: bash bench/notifications.sh   (FOLLOWERS=100000 ROUNDS=3 SAMPLES=40 STREAMS=5000; SKIP_FANOUT=1 skips part 1,
#        SKIP_LATENCY=1 part 2, SKIP_STREAMS=1 part 3)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ ! -f bench/target/fenz-bench.jar ] || [ -n "$(find fenz-*/src bench/src fenz-*/pom.xml bench/pom.xml pom.xml -newer bench/target/fenz-bench.jar -print -quit)" ]; then
  JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests -pl bench -am package
fi
NATS_URL=${BENCH_NATS_URL-nats://127.0.0.1:4222}
if [ -n "$NATS_URL" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/${NATS_URL##*:}") 2>/dev/null; then NATS_URL=; fi

echo "bench: notifications on $(nproc) cores"
echo "load_average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${SKIP_FANOUT:-}" ]; then ROUNDS=0 FOLLOWERS=1001; fi  # 1,001 users: the 1k-subscriber channel only
if [ -n "${SKIP_LATENCY:-}" ]; then SAMPLES=0; fi
if [ "${ROUNDS:-3}" != 0 ] || [ "${SAMPLES:-40}" != 0 ]; then
  "$JAVA_HOME/bin/java" -Xmx512m -Dbench.dbUrl="${FENZ_BENCH_DB_URL:-jdbc:mariadb://127.0.0.1:3306/?user=root}" \
    -Dbench.followers="${FOLLOWERS:-100000}" -Dbench.rounds="${ROUNDS:-3}" -Dbench.samples="${SAMPLES:-40}" -Dbench.natsUrl="$NATS_URL" \
    -cp "bench/target/fenz-bench.jar:bench/target/lib/*" io.fenz.bench.NotificationsBench fanout 2>&1 | grep -v -E "^[0-9:.]+ (INFO|DEBUG|WARN)"
fi

[ -n "${SKIP_STREAMS:-}" ] && exit 0
STREAMS=${STREAMS:-5000}
[ -f fenz-cli/target/fenz.jar ] || JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests -pl fenz-cli -am package
# Every stream comes from 127.0.0.1: the per-address cap (FENZ_CONNECTIONS_PER_ADDRESS, 256 by default) is raised for
# this run only.
start_dev FENZ_SSE_HEARTBEAT=15s FENZ_CONNECTIONS_PER_ADDRESS=$((STREAMS + 100))
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
TOKEN=$(curl -fs -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-$RANDOM@example.com\",\"password\":\"bench-password-1\",\"displayName\":\"Bench\"}" | json '["accessToken"]')
# Warm the stream path (JIT, pools) with a few streams first, so the figure is what each further stream costs.
"$JAVA_HOME/bin/java" -Xmx256m -Dbench.holdMs=1000 -cp "bench/target/fenz-bench.jar:bench/target/lib/*" \
  io.fenz.bench.NotificationsBench streams "$PORT" 50 "$TOKEN" >/dev/null 2>&1
sleep 1
BEFORE=$(rss_kb)
"$JAVA_HOME/bin/java" -Xmx512m -Dbench.holdMs=8000 -cp "bench/target/fenz-bench.jar:bench/target/lib/*" \
  io.fenz.bench.NotificationsBench streams "$PORT" "$STREAMS" "$TOKEN" >"$DATA/streams.out" 2>&1 &
CLIENT=$!
for _ in $(seq 1 700); do grep -q '^streams.open' "$DATA/streams.out" && break; sleep 0.5; done
sleep 2
AFTER=$(rss_kb)
OPEN=$(awk '/^streams.open/ {print $2}' "$DATA/streams.out")
OPEN=${OPEN:-0}
wait "$CLIENT" || true
echo "streams.requested: $STREAMS"
echo "streams.held: $OPEN"
echo "streams.refused: $(awk '/^streams.refused/ {print $2}' "$DATA/streams.out")"
echo "streams.load_average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "streams.app_rss_before_mb: $((BEFORE / 1024))"
echo "streams.app_rss_held_mb: $((AFTER / 1024))"
[ "$OPEN" -gt 0 ] && echo "streams.rss_per_stream_kb: $(( (AFTER - BEFORE) / OPEN ))"
