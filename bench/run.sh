#!/usr/bin/env bash
# HTTP load benchmark (issue #3): `fenz dev` on a throwaway data dir driven by wrk; GET /me and login
# throughput as ratios to /healthz measured in the same run. Usage: bash bench/run.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# No per-address sign-in limit here: every login below comes from this one address.
start_dev FENZ_AUTH_ATTEMPTS_PER_MINUTE=0
# The dev worker makes the demo videos' thumbnails with ffmpeg in its first 30-60 s; measure after that.
sleep "${SETTLE_SECONDS:-45}"

EMAIL="bench-$RANDOM@example.com"; PASSWORD="bench-password-1"
TOKEN=$(curl -fs -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"displayName\":\"Bench\"}" | json '["accessToken"]')
cat >"$DATA/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"email":"$EMAIL","password":"$PASSWORD"}'
wrk.headers["Content-Type"] = "application/json"
LUA

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION against fenz dev on $(nproc) cores"
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1  # warm-up (JIT)
run healthz "$CONNECTIONS" "$BASE/healthz"
wrk -t1 -c4 -d2s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me" >/dev/null 2>&1  # warm-up
run me "$CONNECTIONS" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me"
# bcrypt makes each login ~0.2 s of CPU: a few connections saturate both cores without queueing past timeouts.
run login 4 -s "$DATA/login.lua" "$BASE/api/v1/auth/login"
echo "ratio.me_over_healthz: $(ratio "$RPS_me" "$RPS_healthz")"
echo "ratio.login_over_healthz: $(ratio "$RPS_login" "$RPS_healthz")"
echo "note: login is bcrypt-bound by design (cost ${FENZ_BCRYPT_COST:-12})"
