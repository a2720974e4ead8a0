#!/usr/bin/env bash
# How long the README's live command (`emcontract test --target live --tags 'not @slow'`) takes
# against the mock standing in for the real service at the service's pace: the mock enforces
# every operation's rate limit (--rate-limits, the contract's x-rate-limit, 429 past it) and
# the fault API adds LATENCY_MS to every answer (a realistic round trip). Prints the run's own
# summary (created, deleted, left, retries per operation) and the wall time. Measured this way,
# never as a timed test.
#
# Needs go, curl. Loopback only; bounded by the suite (one run) and TIMEOUT.
#   tools/livespeed/run.sh
#   LATENCY_MS=100 TAGS='not @slow' CONCURRENCY=8 TIMEOUT=900 tools/livespeed/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ADDR=${ADDR:-127.0.0.1:18090} LATENCY_MS=${LATENCY_MS:-100} TAGS=${TAGS:-not @slow}
CONCURRENCY=${CONCURRENCY:-} TIMEOUT=${TIMEOUT:-900}
case "$ADDR" in 127.0.0.1:*) ;; *) echo "ADDR must be on 127.0.0.1" >&2; exit 2 ;; esac
work=$(mktemp -d)
mock_pid=
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/emcontract" ./cmd/emcontract
"$work/emcontract" mock --addr "$ADDR" --rate-limits --log-level warn >"$work/mock.out" 2>&1 &
mock_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://$ADDR/_mock/apps" && break; sleep 0.1; done
curl -sf -X POST "http://$ADDR/_mock/faults" -H 'Content-Type: application/json' \
	-d "{\"path\":\"*\",\"latency_ms\":$LATENCY_MS}" >/dev/null

export EMCONTRACT_BASE_URL="http://$ADDR" EMCONTRACT_ORG=easemob-demo EMCONTRACT_APP=testapp
export EMCONTRACT_CLIENT_ID=mock-client-id EMCONTRACT_CLIENT_SECRET=mock-client-secret
args=(test --target live --tags "$TAGS" --format progress --no-color --reports "$work/reports" --cassettes "$work/cassettes")
[ -n "$CONCURRENCY" ] && args+=(--concurrency "$CONCURRENCY")
echo "emcontract ${args[*]}  (mock --rate-limits, +${LATENCY_MS} ms per answer)"
start=$(date +%s.%N)
set +e
timeout "$TIMEOUT" "$work/emcontract" "${args[@]}" >"$work/out" 2>"$work/err"
code=$?
set -e
end=$(date +%s.%N)
tail -n 3 "$work/out"
grep -v '^\[' "$work/err" | grep -v 'retry:' || true
rate_limited=$(grep -c 'answered 429' "$work/err" || true)
echo "exit code: $code; 429 answers retried: $rate_limited"
# The calls the scenarios made (the safety guard's own existence checks are not recorded).
"$work/emcontract" validate "$work/cassettes" | head -n 1 || true
echo "wall time: $(python3 -c "print(f'{$end - $start:.1f}')") s"
