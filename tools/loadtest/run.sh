#!/usr/bin/env bash
# Throughput of the running mock against a bare net/http handler answering the same bytes, in
# the same run, on loopback only, with the mock's request and response validation on for every
# request. Three calls:
#   read   GET  /chatgroups/{id} of a seeded 20-member group
#   write  PUT  /chatgroups/{id} {"description": ...} (modify a group)
#   token  POST /token (ttl 1 s, so expired tokens keep being pruned while new ones are issued)
# Each is measured in ROUNDS rounds of SLICE on the mock then SLICE on the bare handler, so that
# whatever else the machine runs weighs on both alike; the table shows the mean rate of each
# side, the median p50 and p99, and the ratio of the means with the lowest and highest ratio of
# a round. Then each call on the mock again for SLICE, each connection paced to about half the
# rate it reached, for the p99 there.
#
# Needs wrk, curl, python3 and go. Bounded: 3 x (2 x ROUNDS + 1) runs of SLICE, every port on
# 127.0.0.1.
#   ROUNDS=5 SLICE=2s CONNS=32 THREADS=2 tools/loadtest/run.sh
#   PROFILE=/tmp/mock.pprof tools/loadtest/run.sh   # also write the mock's CPU profile
#   CONSOLE=1 tools/loadtest/run.sh   # with the console (/_mock/ui) open in headless Chromium
#                                     # throughout, polling the journal: compare with CONSOLE=0
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5} SLICE=${SLICE:-2s} CONNS=${CONNS:-32} THREADS=${THREADS:-2} PROFILE=${PROFILE:-} CONSOLE=${CONSOLE:-0}
for tool in wrk curl python3 go; do
	command -v "$tool" >/dev/null || { echo "$tool is not installed (wrk: apt-get install wrk)" >&2; exit 1; }
done
work=$(mktemp -d)
mock_pid=
# Wait for what was started (Chromium writes its profile as it exits) before removing its files.
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }' EXIT

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
# The token call holds about its rate's worth of live tokens (ttl 1 s), past the default cap
# per app (10,000): the cap is what is raised, not the ttl, so every token answer is a 200.
"$work/emcontract" mock --addr 127.0.0.1:18080 --seed "$work/seed.json" --log-level warn \
	--max-tokens-per-app 1000000 "${profile_flag[@]}" >"$work/mock.out" 2>&1 &
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
	DELAY_MS=${3:-0} wrk -t"$THREADS" -c"$CONNS" -d"$SLICE" --latency -s "$2" "$1" >"$work/wrk.out"
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

# The console open in a browser, as a person watching the journal would have it: headless
# Chromium on /_mock/ui, polling GET /_mock/journal every second for the whole run. The bytes
# its connection to the mock has received, read twice, show that it polls.
if [ "$CONSOLE" = 1 ]; then
	browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
	[ -n "$browser" ] || { echo "CONSOLE=1 needs Chromium (make browser)" >&2; exit 1; }
	"$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
		--user-data-dir="$work/chromium" --remote-debugging-port=0 http://127.0.0.1:18080/_mock/ui >"$work/chromium.log" 2>&1 &
	received() { ss -tinpH state established '( dport = :18080 )' 2>/dev/null | grep -A1 chrom | grep -o 'bytes_received:[0-9]*' | cut -d: -f2 | paste -sd+ | bc 2>/dev/null || echo 0; }
	sleep 3
	before=$(received)
	sleep 2
	echo "console: /_mock/ui open in headless Chromium; its connection received $before then $(received) bytes, 2 s apart"
fi

declare -A mock_url=([read]=$GROUP [write]=$GROUP [token]=$B/token)
declare -A bare_url=([read]=http://127.0.0.1:18081/ [write]=http://127.0.0.1:18082/ [token]=http://127.0.0.1:18083/)
declare -A script=(
	[read]=$(lua read GET "" "$TOKEN")
	[write]=$(lua write PUT "$MODIFY_BODY" "$TOKEN")
	[token]=$(lua token POST "$TOKEN_BODY")
)
echo "wrk -t$THREADS -c$CONNS, $ROUNDS rounds of $SLICE per side, loopback, $(nproc) cores shared by wrk and the server$([ "$CONSOLE" = 1 ] && echo ', console open in Chromium')"
printf '%-6s %-34s %10s %8s %8s %7s\n' call target requests/s p50_ms p99_ms non-2xx
for call in read write token; do
	bytes=$(wc -c <"$work/$call.json")
	: >"$work/$call.rounds"
	for _ in $(seq "$ROUNDS"); do
		echo "mock $(run "${mock_url[$call]}" "${script[$call]}")" >>"$work/$call.rounds"
		echo "bare $(run "${bare_url[$call]}" "${script[$call]}")" >>"$work/$call.rounds"
	done
	read -r m_rps b_rps < <(python3 - "$work/$call.rounds" "$call" "$bytes" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
call, size = sys.argv[2], sys.argv[3]
side = {k: [r for r in rows if r[0] == k] for k in ("mock", "bare")}
mean = {k: st.mean(float(r[1]) for r in v) for k, v in side.items()}
for k, label in (("mock", "mock, validation on"), ("bare", f"bare net/http, same {size} bytes")):
    v = side[k]
    print(f"{call:<6} {label:<34} {mean[k]:10.0f} {st.median(float(r[2]) for r in v):8.2f} {st.median(float(r[3]) for r in v):8.2f} {sum(int(r[4]) for r in v):7d}", file=sys.stderr)
ratios = [float(m[1]) / float(b[1]) for m, b in zip(side["mock"], side["bare"])]
print(f"{call:<6} ratio mock/bare: {mean['mock'] / mean['bare']:.0%} (rounds from {min(ratios):.0%} to {max(ratios):.0%})", file=sys.stderr)
print(f"{mean['mock']:.0f} {mean['bare']:.0f}")
PY
)
	# Half the mock's rate: each of CONNS connections waits CONNS*1000/(rate/2) ms between requests.
	pace=$(python3 -c "print(max(1, round($CONNS * 1000 / ($m_rps / 2))))")
	read -r h_rps h_p50 h_p99 h_bad h_rest < <(run "${mock_url[$call]}" "${script[$call]}" "$pace")
	printf '%-6s %-34s %10s %8s %8s %7s %s\n' "$call" "mock, paced to about half" "$h_rps" "$h_p50" "$h_p99" "$h_bad" "${h_rest:-}"
done
if [ "$CONSOLE" = 1 ]; then
	# What the browser itself took of the machine over the run (every Chromium process).
	echo "console: its connection received $(received) bytes in all (the journal polled throughout)"
	echo "console: the browser used $(ps -eo times=,args= | grep -F -- "--user-data-dir=$work/chromium" | grep -v grep | awk '{s += $1} END {print s + 0}') s of CPU, the mock $(ps -o times= -p "$mock_pid" | tr -d ' ') s, over the run"
fi
echo "== contract violations the mock recorded (the last 1000 requests; want [])"
curl -s '127.0.0.1:18080/_mock/journal?violations=true&limit=5'
echo
if [ -n "$PROFILE" ]; then
	kill -INT "$mock_pid"
	wait "$mock_pid" || true
	mock_pid=
	echo "== CPU profile of the mock over the whole run: $PROFILE (go tool pprof -top $PROFILE)"
fi
