#!/usr/bin/env bash
# View-counting benchmark: starts `fenz dev` on a throwaway data dir, publishes one video, drives
# POST /videos/{id}/views with wrk (a fresh X-Session-Id per request, so every view counts) and
# /healthz in the same run, then waits for the worker's 30 s flush and checks MySQL holds exactly
# the views the API accepted (202). Prints `name: value` lines like bench/run.sh.
# Usage: bash bench/views.sh   (DURATION=10s CONNECTIONS=32 THREADS=2 FLUSH_WAIT=75 to tune)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
FLUSH_WAIT=${FLUSH_WAIT:-75}
start_dev FENZ_GUEST_VIEWS_PER_ADDRESS=0  # every wrk request is a new guest from one address: no cap here

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

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION against fenz dev on $(nproc) cores"
BASELINE=$(stored_views)
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1  # warm-up (JIT)
wrk -t1 -c4 -d2s -s "$LUA" "$BASE/api/v1/videos/$VIDEO/views" >/dev/null 2>&1
run healthz "$CONNECTIONS" "$BASE/healthz"
run views "$CONNECTIONS" -s "$LUA" "$BASE/api/v1/videos/$VIDEO/views"
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
