# Shared by the bench scripts (source it after `set -euo pipefail`): settings, a throwaway `fenz dev`,
# and a wrk runner printing `name: value` lines. Tune with DURATION, CONNECTIONS, THREADS, READY_WAIT (start-up wait in seconds, 600).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { echo "bench needs wrk (apt-get install wrk)"; exit 1; }; }
JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
# HEAP: the server's heap bound, by default what the deploy files give an HTTP node (75% of its 1.5 GB).
HEAP=${HEAP:-1152m}
# GC: the deploy files' (Dockerfile, deploy/systemd/fenz-serve.service), so the benches measure a node as it runs.
GC_OPTS=${GC_OPTS:--XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75}
# FENZ_JAR: another build to measure (e.g. a copy of main's fenz-cli/target with its lib/), for before/after figures.
FENZ_JAR=${FENZ_JAR:-fenz-cli/target/fenz.jar}
[ -f "$FENZ_JAR" ] || make build
DATA=$(mktemp -d /tmp/fenz-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
PID=

# launch_dev [VAR=value ...]: starts `fenz dev` on a throwaway data dir (plus the given environment); sets PID.
launch_dev() {
  env "$@" FENZ_HTTP_PORT="$PORT" FENZ_HTTP_HOST=127.0.0.1 FENZ_DATA_DIR="$DATA/fenz" FENZ_LOG_LEVEL="${FENZ_LOG_LEVEL:-WARN}" \
    "$JAVA_HOME/bin/java" -Xmx"$HEAP" $GC_OPTS -jar "$FENZ_JAR" dev >"$DATA/server.log" 2>&1 &
  PID=$!
}

# wait_for PATH: until PATH answers 2xx (READY_WAIT seconds at most, default 600).
wait_for() {
  for _ in $(seq 1 $(( ${READY_WAIT:-600} * 10 ))); do curl -fs "$BASE$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not answer $1"; cat "$DATA/server.log"; exit 1
}

# wait_for_log TEXT: until the server log holds TEXT (READY_WAIT seconds at most); needs FENZ_LOG_LEVEL=INFO.
wait_for_log() {
  for _ in $(seq 1 $(( ${READY_WAIT:-600} * 10 ))); do grep -q "$1" "$DATA/server.log" && return 0; sleep 0.1; done
  echo "server log never said: $1"; exit 1
}

# wait_idle: until the server used under a fifth of a core for a whole second (READY_WAIT seconds at most):
# a node just ready may still be merging its new search index or collecting the start's garbage.
wait_idle() {
  local before after
  for _ in $(seq 1 "${READY_WAIT:-600}"); do
    before=$(cpu_s "$PID"); sleep 1; after=$(cpu_s "$PID")
    python3 -c "import sys; sys.exit(0 if $after - $before < 0.2 else 1)" && return 0
  done
  echo "server never went idle"; exit 1
}

# start_dev [VAR=value ...]: `fenz dev` ready to serve (warm: /readyz answers 200).
start_dev() {
  launch_dev "$@"
  wait_for /readyz
}

stop_dev() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  [ -n "$PID" ] && { wait "$PID" 2>/dev/null || true; }
  PID=
}

# Scripts may define bench_cleanup (e.g. to drop a database); it runs before the data dir goes.
bench_exit() {
  stop_dev
  if declare -F bench_cleanup >/dev/null; then bench_cleanup; fi
  rm -rf "$DATA"
}
trap bench_exit EXIT

# metric_sum PREFIX: the sum of the server's /metrics samples whose line starts with PREFIX.
metric_sum() { curl -fs "$BASE/metrics" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%d", s}'; }

# cpu_s PID...: CPU seconds (user + system) each process has used so far (space-separated).
cpu_s() { for p in "$@"; do awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f ", ($14 + $15) / hz}' "/proc/$p/stat"; done; }

# cpu_us_per_request NAME CPU_BEFORE: the server's CPU microseconds per request of the wrk run NAME (its
# requests in $DATA/NAME.txt). It moves less with what else the box runs than rps does, yet a loaded box
# (shared cores and caches) still raises it: compare runs made at similar load.
cpu_us_per_request() {
  python3 -c "print(f'{($(cpu_s "$PID") - $2) * 1e6 / max($(awk '/requests in/ {print $1}' "$DATA/$1.txt"), 1):.0f}')"
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
ratio() { python3 -c "print(f'{$1/max($2, 1e-9):.3f}')"; }

# latency_ms FILE PCT: a percentile line of wrk --latency output (50%, 99%) in milliseconds.
latency_ms() {
  awk -v pct="$2" '$1==pct {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$1"
}

# run NAME CONNECTIONS [wrk args...]: prints NAME.rps, NAME.p99_ms, NAME.non2xx; sets RPS_NAME, P50_NAME and P99_NAME (ms).
run() {
  local name=$1 connections=$2; shift 2
  wrk -t"$THREADS" -c"$connections" -d"$DURATION" --timeout 30s --latency "$@" >"$DATA/$name.txt" 2>&1
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$DATA/$name.txt")
  p99=$(latency_ms "$DATA/$name.txt" "99%")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$DATA/$name.txt"); non2xx=${non2xx:-0}
  echo "$name.rps: $rps"
  echo "$name.p99_ms: $p99"
  echo "$name.non2xx: $non2xx"
  printf -v "RPS_${name//-/_}" '%s' "$rps"
  printf -v "P99_${name//-/_}" '%s' "$p99"
  printf -v "P50_${name//-/_}" '%s' "$(latency_ms "$DATA/$name.txt" "50%")"
}

# settle LABEL WRK_ARGS...: runs the given traffic (wrk -t$THREADS -c$CONNECTIONS -d$DURATION WRK_ARGS) until two
# runs in a row are within 5% of each other, at most 6, so the measured run finds the JIT, the pools and the
# caches in their steady state; prints LABEL.warmup_runs.
settle() {
  local label=$1 settled=0 rps runs
  shift
  for runs in 1 2 3 4 5 6; do
    rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" 2>/dev/null | awk '/Requests\/sec/ {print $2}')
    rps=${rps:-0}
    python3 -c "import sys; sys.exit(0 if $settled > 0 and abs($rps - $settled) <= 0.05 * $settled else 1)" && break
    settled=$rps
  done
  echo "$label.warmup_runs: $runs   (of $DURATION each, before the measured runs)"
}

# dev_env DB_URL REDIS_URL: sets DEV_ENV, the environment that runs another `fenz` process on the `fenz dev` node's
# ($PID) MariaDB, Redis and embedded S3 (the dev node's only listening port besides HTTP), with its JWT secret.
dev_env() {
  local s3_port
  s3_port=$(ss -Hltnp | awk -v pid="pid=$PID," -v http=":$PORT" 'index($0, pid) && $4 !~ http"$" {n = split($4, a, ":"); print a[n]; exit}')
  DEV_ENV=(FENZ_DB_URL="$1" FENZ_REDIS_URL="$2"
    FENZ_S3_ENDPOINT="http://127.0.0.1:$s3_port" FENZ_S3_ACCESS_KEY=fenz-dev FENZ_S3_SECRET_KEY=fenz-dev-secret-key
    FENZ_JWT_SECRET="$(cat "$DATA/fenz/jwt-secret")" FENZ_PAYMENT_SIMULATOR=true FENZ_DATA_DIR="$DATA/fenz2"
    FENZ_LOG_LEVEL=INFO)
}

# start_second_node DB_URL REDIS_URL: `fenz serve` beside the `fenz dev` node (dev_env); sets PID2 and BASE2, waits
# for its /readyz (its own warm-up and search index).
start_second_node() {
  local port2 base_one=$BASE
  port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  BASE2="http://127.0.0.1:$port2"
  dev_env "$1" "$2"
  env "${DEV_ENV[@]}" FENZ_HTTP_PORT="$port2" FENZ_HTTP_HOST=127.0.0.1 \
    "$JAVA_HOME/bin/java" -Xmx"$HEAP" $GC_OPTS -jar "$FENZ_JAR" serve >"$DATA/server2.log" 2>&1 &
  PID2=$!
  trap 'kill "$PID2" 2>/dev/null || true; bench_exit' EXIT
  BASE=$BASE2; wait_for /readyz; BASE=$base_one
}

# run_two_nodes PATH [wrk args...]: CONNECTIONS/2 to each node ($BASE and $BASE2, PATH appended) at once, same
# duration; prints nodes2.rps (the sum) and sets RPS_2 and REQUESTS_2.
run_two_nodes() {
  local path=$1 half=$(( CONNECTIONS / 2 )) a; shift
  run nodes2_a "$half" "$@" "$BASE$path" >"$DATA/nodes2_a.out" &
  a=$!
  run nodes2_b "$half" "$@" "$BASE2$path" >"$DATA/nodes2_b.out" &
  wait "$a" $!
  cat "$DATA/nodes2_a.out" "$DATA/nodes2_b.out"
  RPS_2=$(awk '/Requests\/sec/ {s += $2} END {print s}' "$DATA/nodes2_a.txt" "$DATA/nodes2_b.txt")
  REQUESTS_2=$(awk '/requests in/ {s += $1} END {print s}' "$DATA/nodes2_a.txt" "$DATA/nodes2_b.txt")
  echo "nodes2.rps: $RPS_2   (two nodes, $half connections each, load average $(cut -d' ' -f1 /proc/loadavg))"
}
