#!/usr/bin/env bash
# View-counting benchmark: starts `fenz dev` on a throwaway data dir, publishes one video, drives
# POST /videos/{id}/views with wrk (a fresh X-Session-Id per request, so every view counts) and
# /healthz in the same run, then waits for the worker's 30 s flush and checks MySQL holds exactly
# the views the API accepted (202). Prints `name: value` lines like bench/run.sh.
# Usage: bash bench/views.sh   (DURATION=10s CONNECTIONS=32 THREADS=2 FLUSH_WAIT=75 to tune)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
FLUSH_WAIT=${FLUSH_WAIT:-75}
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { echo "bench needs wrk (apt-get install wrk)"; exit 1; }; }
JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
[ -f fenz-cli/target/fenz.jar ] || make build

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATA=$(mktemp -d /tmp/fenz-bench.XXXXXX)
LOG="$DATA/server.log"
FENZ_HTTP_PORT=$PORT FENZ_DATA_DIR="$DATA" FENZ_HTTP_HOST=127.0.0.1 FENZ_LOG_LEVEL=WARN \
  "$JAVA_HOME/bin/java" -jar fenz-cli/target/fenz.jar dev >"$LOG" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 240); do curl -fs "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/readyz" >/dev/null || { echo "server did not become ready"; cat "$LOG"; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -fs -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-$RANDOM@example.com\",\"password\":\"bench-password-1\",\"displayName\":\"Bench\"}" | json '["accessToken"]')
KEY=$(curl -fs -X POST "$BASE/api/v1/upload/video" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: video/mp4' \
  --data-binary @fenz-http/src/test/resources/media/sample.mp4 | json '["key"]')
VIDEO=$(curl -fs -X POST "$BASE/api/v1/videos" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"bench\",\"accessTier\":0,\"videoKey\":\"$KEY\"}" | json '["id"]')
curl -fs -X POST "$BASE/api/v1/videos/$VIDEO/toggle-publish" -H "Authorization: Bearer $TOKEN" >/dev/null
stored_views() { curl -fs "$BASE/api/v1/videos/$VIDEO" | json '["views"]'; }

# Each request is a new guest, so every 202 is a counted view.
LUA="$DATA/views.lua"
cat >"$LUA" <<'LUA'
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + seed)
end
local function r(n) return math.random(0, n) end
function request()
  local session = string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
    r(65535), r(65535), r(65535), r(4095), 32768 + r(16383), r(65535), r(65535), r(65535))
  return wrk.format("POST", nil, {["X-Session-Id"] = session}, "")
end
LUA

# wrk prints "Requests/sec: N" and a latency distribution with --latency.
run() { # name, connections, extra wrk args...
  local name=$1 connections=$2; shift 2
  wrk -t"$THREADS" -c"$connections" -d"$DURATION" --timeout 30s --latency "$@" >"$DATA/$name.txt" 2>&1
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$DATA/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$DATA/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$DATA/$name.txt"); non2xx=${non2xx:-0}
  echo "$name.rps: $rps"
  echo "$name.p99: $p99"
  echo "$name.non2xx: $non2xx"
  eval "RPS_${name//-/_}=$rps"
}

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION against fenz dev on $(nproc) cores"
BASELINE=$(stored_views)
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1  # warm-up (JIT)
wrk -t1 -c4 -d2s -s "$LUA" "$BASE/api/v1/videos/$VIDEO/views" >/dev/null 2>&1
run healthz "$CONNECTIONS" "$BASE/healthz"
run views "$CONNECTIONS" -s "$LUA" "$BASE/api/v1/videos/$VIDEO/views"
ratio() { python3 -c "print(f'{$1/$2:.3f}')"; }
echo "ratio.views_over_healthz: $(ratio "$RPS_views" "$RPS_healthz")"

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
echo "views.flushed_total: $FLUSHED"
echo "views.flush_wait_s: $WAITED"
[ "$FLUSHED" -eq "$ACCEPTED" ] || { echo "MISMATCH: MySQL holds $FLUSHED views, the API accepted $ACCEPTED"; exit 1; }
