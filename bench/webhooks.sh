#!/usr/bin/env bash
# Paddle webhook benchmark: starts `fenz dev` (local payment simulator, a known webhook secret), opens N tips,
# signs one transaction.completed per tip, then has wrk redeliver those same N events over and over from many
# connections at once (Paddle's at-least-once delivery at its worst) and measures /healthz in the same run.
# Prints webhook rps, its ratio to /healthz, how many deliveries were applied (must be N) and the share of the
# redeliveries recognised as duplicates (must be 1.000), and checks every tip ended paid exactly once.
# Usage: bash bench/webhooks.sh   (EVENTS=20 DURATION=10s CONNECTIONS=32 THREADS=2 to tune)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
EVENTS=${EVENTS:-20}
SECRET="pdl_ntfset_bench_$RANDOM$RANDOM"
# The same signed bodies are replayed for the whole run, so the timestamp tolerance must cover it.
start_dev PADDLE_WEBHOOK_SECRET="$SECRET" FENZ_PAYMENT_SIMULATOR=true FENZ_PADDLE_SIGNATURE_TOLERANCE=30m

register() {
  curl -fs -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1-$RANDOM$RANDOM@example.com\",\"password\":\"bench-password-1\",\"displayName\":\"$1\"}"
}
CREATOR=$(register creator)
CREATOR_TOKEN=$(echo "$CREATOR" | json '["accessToken"]')
FAN=$(register fan)
FAN_TOKEN=$(echo "$FAN" | json '["accessToken"]')
FAN_ID=$(echo "$FAN" | json '["user"]["id"]')
KEY=$(curl -fs -X POST "$BASE/api/v1/upload/video" -H "Authorization: Bearer $CREATOR_TOKEN" -H 'Content-Type: video/mp4' \
  --data-binary @fenz-http/src/test/resources/media/sample.mp4 | json '["key"]')
VIDEO=$(curl -fs -X POST "$BASE/api/v1/videos" -H "Authorization: Bearer $CREATOR_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"bench\",\"accessTier\":0,\"videoKey\":\"$KEY\"}" | json '["id"]')
curl -fs -X POST "$BASE/api/v1/videos/$VIDEO/toggle-publish" -H "Authorization: Bearer $CREATOR_TOKEN" >/dev/null

# N pending tips, and for each a Paddle-shaped transaction.completed signed as Paddle signs (HMAC-SHA256 of "ts:body").
: >"$DATA/txns"
for _ in $(seq 1 "$EVENTS"); do
  curl -fs -X POST "$BASE/api/v1/videos/$VIDEO/donations" -H "Authorization: Bearer $FAN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"amount":5000,"currency":"TWD","message":"bench"}' | json '["transactionId"]' >>"$DATA/txns"
done
python3 - "$DATA/txns" "$DATA/events.tsv" "$SECRET" "$FAN_ID" "$VIDEO" <<'PY'
import hashlib, hmac, json, sys, time
from datetime import datetime, timezone
txns, out, secret, fan, video = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
ts = int(time.time())
with open(txns) as f, open(out, "w") as o:
    for i, txn in enumerate(line.strip() for line in f if line.strip()):
        data = {"id": txn, "status": "completed", "currency_code": "TWD", "updated_at": now,
                "custom_data": {"kind": "donation", "userId": fan, "channelId": 0, "videoId": video},
                "details": {"totals": {"total": "5000", "currency_code": "TWD"}}}
        body = json.dumps({"event_id": f"evt_bench_{i}_{txn}", "event_type": "transaction.completed",
                           "occurred_at": now, "notification_id": f"ntf_bench_{i}", "data": data}, separators=(",", ":"))
        sig = hmac.new(secret.encode(), f"{ts}:{body}".encode(), hashlib.sha256).hexdigest()
        o.write(f"ts={ts};h1={sig}\t{body}\n")
PY

LUA="$DATA/webhooks.lua"
cat >"$LUA" <<LUA
local events = {}
local n = 0
function init(args)
  for line in io.lines("$DATA/events.tsv") do
    local sig, body = line:match("^([^\t]+)\t(.*)\$")
    events[#events + 1] = {sig = sig, body = body}
  end
end
function request()
  n = n + 1
  local e = events[(n % #events) + 1]
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Paddle-Signature"] = e.sig}, e.body)
end
LUA

webhook_counts() {
  curl -fs "$BASE/metrics" | awk '/^fenz_payments_webhooks_total/ {
    if (index($0, "outcome=\"applied\"")) a += $NF; else if (index($0, "outcome=\"duplicate\"")) d += $NF; else o += $NF }
    END {printf "%d %d %d", a, d, o}'
}
echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $EVENTS distinct events redelivered, fenz dev on $(nproc) cores"
wrk -t1 -c4 -d2s "$BASE/healthz" >/dev/null 2>&1  # warm-up (JIT); the first deliveries apply the events
run healthz "$CONNECTIONS" "$BASE/healthz"
run webhooks "$CONNECTIONS" -s "$LUA" "$BASE/api/v1/webhooks/paddle"
echo "ratio.webhooks_over_healthz: $(ratio "$RPS_webhooks" "$RPS_healthz")"
sleep 1
read -r APPLIED DUPLICATES OTHER <<<"$(webhook_counts)"
echo "webhooks.applied: $APPLIED"
echo "webhooks.duplicates: $DUPLICATES"
echo "webhooks.other_outcomes: $OTHER"
echo "webhooks.duplicates_ignored_share: $(ratio "$DUPLICATES" "$((APPLIED + DUPLICATES + OTHER - EVENTS))")"
PAID=$(curl -fs "$BASE/api/v1/me/donations/sent?pageSize=100" -H "Authorization: Bearer $FAN_TOKEN" \
  | python3 -c 'import json,sys; print(sum(1 for d in json.load(sys.stdin)["items"] if d["status"] == "paid"))')
echo "donations.paid: $PAID"
[ "$APPLIED" -eq "$EVENTS" ] && [ "$PAID" -eq "$EVENTS" ] && [ "$OTHER" -eq 0 ] \
  || { echo "MISMATCH: $EVENTS events, $APPLIED applied, $PAID tips paid, $OTHER other outcomes"; exit 1; }
