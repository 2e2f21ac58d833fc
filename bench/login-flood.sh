#!/usr/bin/env bash
# Password hashing must not starve the server (issue #13 item 5): /healthz p50/p99 while 16 clients flood
# POST /auth/login with unknown emails (each costs a bcrypt check), divided by the same figures idle.
# The per-address sign-in limit is off, so every request reaches bcrypt. Usage: bash bench/login-flood.sh
# (FENZ_JAR=... measures another build; DURATION, default 10s, per phase).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
start_dev FENZ_AUTH_ATTEMPTS_PER_MINUTE=0
sleep "${SETTLE_SECONDS:-45}"  # the dev worker's first thumbnails, as in run.sh

cat >"$DATA/flood.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"email":"nobody-' .. n .. '@example.com","password":"not-the-password"}')
end
LUA

echo "bench: /healthz idle, then during a 16-client login flood; fenz dev on $(nproc) cores"
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1  # warm-up (JIT)
THREADS=1 run healthz_idle 4 "$BASE/healthz"
# The flood outlasts the measurement on both ends.
wrk -t2 -c16 -d"$(( ${DURATION%s} + 3 ))s" --timeout 30s --latency -s "$DATA/flood.lua" "$BASE/api/v1/auth/login" >"$DATA/flood.txt" 2>&1 &
FLOOD=$!
sleep 1
THREADS=1 run healthz_flood 4 "$BASE/healthz"
wait "$FLOOD" || true
echo "flood.rps: $(awk '/Requests\/sec/ {print $2}' "$DATA/flood.txt")"
echo "flood.p50_ms: $(latency_ms "$DATA/flood.txt" "50%")"
echo "flood.non2xx: $(awk '/Non-2xx/ {print $NF}' "$DATA/flood.txt")"
echo "healthz_idle.p50_ms: $P50_healthz_idle"
echo "healthz_flood.p50_ms: $P50_healthz_flood"
echo "ratio.healthz_p50_flood_over_idle: $(ratio "$P50_healthz_flood" "$P50_healthz_idle")"
echo "ratio.healthz_p99_flood_over_idle: $(ratio "$P99_healthz_flood" "$P99_healthz_idle")"
