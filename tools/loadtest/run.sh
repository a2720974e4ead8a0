#!/usr/bin/env bash
# Throughput of the running mock against a bare net/http handler answering the same bytes, in
# the same run, on loopback only, with the mock's request and response validation on for every
# request. Three calls, each measured on the mock and then on the bare handler:
#   read   GET  /chatgroups/{id} of a seeded 20-member group
#   write  PUT  /chatgroups/{id} {"description": ...} (modify a group)
#   token  POST /token (ttl 1 s, so expired tokens keep being pruned while new ones are issued)
# then each call on the mock again at half the rate it reached, for the p99 there.
#
# Needs wrk, curl, python3 and go. Bounded: 3 x 3 runs of DURATION, every port on 127.0.0.1.
#   DURATION=10s CONNS=32 THREADS=2 tools/loadtest/run.sh
#   PROFILE=/tmp/mock.pprof tools/loadtest/run.sh   # also write the mock's CPU profile
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s} CONNS=${CONNS:-32} THREADS=${THREADS:-2} PROFILE=${PROFILE:-}
for tool in wrk curl python3 go; do
	command -v "$tool" >/dev/null || { echo "$tool is not installed (wrk: apt-get install wrk)" >&2; exit 1; }
done
work=$(mktemp -d)
mock_pid=
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/emcontract" ./cmd/emcontract
go build -o "$work/bare" ./tools/loadtest/bare

# A group owned by "owner" with 19 members (20 affiliations), id fixed by the seed.
python3 - "$work/seed.json" <<'PY'
import json, sys
members = [f"m{i:02d}" for i in range(19)]
seed = {"users": [{"username": u, "password": "p"} for u in ["owner"] + members],
        "groups": [{"id": "100000000000001", "groupname": "load", "desc": "load test",
                    "public": True, "owner": "owner", "members": members}]}
json.dump(seed, open(sys.argv[1], "w"))
PY
profile_flag=()
[ -n "$PROFILE" ] && profile_flag=(--cpuprofile "$PROFILE")
"$work/emcontract" mock --addr 127.0.0.1:18080 --seed "$work/seed.json" --log-level warn "${profile_flag[@]}" >"$work/mock.out" 2>&1 &
mock_pid=$!
for _ in $(seq 50); do curl -s -o /dev/null 127.0.0.1:18080/_mock/apps && break; sleep 0.1; done
B=http://127.0.0.1:18080/easemob-demo/testapp
TOKEN_BODY='{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":1}'
TOKEN=$(curl -s -X POST $B/token -H 'Content-Type: application/json' \
	-d '{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret"}' |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
GROUP=$B/chatgroups/100000000000001
MODIFY_BODY='{"description":"modified by the load test"}'

# lua NAME METHOD BODY [AUTH]: a wrk script sending one request; DELAY_MS>0 paces each connection.
lua() {
	local f="$work/$1.lua"
	{
		echo "wrk.method = \"$2\""
		[ -n "$3" ] && echo "wrk.body = '$3'" && echo 'wrk.headers["Content-Type"] = "application/json"'
		[ -n "${4:-}" ] && echo "wrk.headers[\"Authorization\"] = \"Bearer $4\""
		echo 'local pace = tonumber(os.getenv("DELAY_MS") or "0")'
		echo 'function delay() return pace end'
	} >"$f"
	echo "$f"
}

# run URL SCRIPT [DELAY_MS]: one wrk run; prints "requests/s p50 p99 errors" (latencies in ms).
run() {
	DELAY_MS=${3:-0} wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$2" "$1" >"$work/wrk.out"
	python3 - "$work/wrk.out" <<'PY'
import re, sys
out = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
errs = re.search(r"Socket errors:.*", out)
print(f"{rps:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {int(bad.group(1)) if bad else 0}{' ' + errs.group(0) if errs else ''}")
PY
}

# The bytes each call answers, for the bare handler to answer too.
curl -s -H "Authorization: Bearer $TOKEN" "$GROUP" >"$work/read.json"
curl -s -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$MODIFY_BODY" "$GROUP" >"$work/write.json"
curl -s -X POST -H 'Content-Type: application/json' -d "$TOKEN_BODY" "$B/token" >"$work/token.json"
"$work/bare" 127.0.0.1:18081 "$work/read.json" &
"$work/bare" 127.0.0.1:18082 "$work/write.json" &
"$work/bare" 127.0.0.1:18083 "$work/token.json" &
sleep 0.5

declare -A mock_url=([read]=$GROUP [write]=$GROUP [token]=$B/token)
declare -A bare_url=([read]=http://127.0.0.1:18081/ [write]=http://127.0.0.1:18082/ [token]=http://127.0.0.1:18083/)
declare -A script=(
	[read]=$(lua read GET "" "$TOKEN")
	[write]=$(lua write PUT "$MODIFY_BODY" "$TOKEN")
	[token]=$(lua token POST "$TOKEN_BODY")
)
echo "wrk -t$THREADS -c$CONNS -d$DURATION, loopback, $(nproc) cores shared by wrk and the server"
printf '%-6s %-34s %10s %8s %8s %7s\n' call target requests/s p50_ms p99_ms non-2xx
for call in read write token; do
	bytes=$(wc -c <"$work/$call.json")
	read -r m_rps m_p50 m_p99 m_bad m_rest < <(run "${mock_url[$call]}" "${script[$call]}")
	read -r b_rps b_p50 b_p99 b_bad b_rest < <(run "${bare_url[$call]}" "${script[$call]}")
	printf '%-6s %-34s %10s %8s %8s %7s %s\n' "$call" "mock, validation on" "$m_rps" "$m_p50" "$m_p99" "$m_bad" "${m_rest:-}"
	printf '%-6s %-34s %10s %8s %8s %7s %s\n' "$call" "bare net/http, same $bytes bytes" "$b_rps" "$b_p50" "$b_p99" "$b_bad" "${b_rest:-}"
	# Half the mock's rate: each of CONNS connections waits CONNS*1000/(rate/2) ms between requests.
	pace=$(python3 -c "print(max(1, round($CONNS * 1000 / ($m_rps / 2))))")
	read -r h_rps h_p50 h_p99 h_bad h_rest < <(run "${mock_url[$call]}" "${script[$call]}" "$pace")
	printf '%-6s %-34s %10s %8s %8s %7s %s\n' "$call" "mock at about half that rate" "$h_rps" "$h_p50" "$h_p99" "$h_bad" "${h_rest:-}"
	python3 -c "print(f'{\"$call\":<6} ratio mock/bare: {$m_rps / $b_rps:.0%}')"
done
echo "== contract violations the mock recorded (the last 1000 requests; want [])"
curl -s '127.0.0.1:18080/_mock/journal?violations=true&limit=5'
echo
if [ -n "$PROFILE" ]; then
	kill -INT "$mock_pid"
	wait "$mock_pid" || true
	mock_pid=
	echo "== CPU profile of the mock over the whole run: $PROFILE (go tool pprof -top $PROFILE)"
fi
