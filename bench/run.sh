#!/usr/bin/env bash
# HTTP load benchmark: starts `fenz dev` on a throwaway data dir (or on the services named by
# FENZ_* variables), drives it with wrk, and prints `name: value` lines. Speed is reported as
# ratios to /healthz measured in the same run, so figures compare across machines.
# Usage: bash bench/run.sh   (DURATION=10s CONNECTIONS=32 THREADS=2 to tune)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
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

EMAIL="bench-$RANDOM@example.com"; PASSWORD="bench-password-1"
TOKEN=$(curl -fs -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"displayName\":\"Bench\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

LUA="$DATA/login.lua"
cat >"$LUA" <<LUA
wrk.method = "POST"
wrk.body = '{"email":"$EMAIL","password":"$PASSWORD"}'
wrk.headers["Content-Type"] = "application/json"
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
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1  # warm-up (JIT)
run healthz "$CONNECTIONS" "$BASE/healthz"
run me "$CONNECTIONS" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me"
# bcrypt makes each login ~0.2 s of CPU: a few connections saturate both cores without queueing past timeouts.
run login 4 -s "$LUA" "$BASE/api/v1/auth/login"
ratio() { python3 -c "print(f'{$1/$2:.3f}')"; }
echo "ratio.me_over_healthz: $(ratio "$RPS_me" "$RPS_healthz")"
echo "ratio.login_over_healthz: $(ratio "$RPS_login" "$RPS_healthz")"
echo "note: login is bcrypt-bound by design (cost ${FENZ_BCRYPT_COST:-12})"
