#!/usr/bin/env bash
# Throughput of the running mock against a bare net/http handler answering the same bytes, in
# the same run, on loopback only: group details of a seeded 20-member group, with the mock's
# request and response validation on. Needs wrk (apt-get install wrk). Bounded: DURATION each.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15s} CONNS=${CONNS:-32} THREADS=${THREADS:-2}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

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
"$work/emcontract" mock --addr 127.0.0.1:18080 --seed "$work/seed.json" --log-level warn >"$work/mock.out" 2>&1 &
for _ in $(seq 50); do curl -s -o /dev/null 127.0.0.1:18080/_mock/apps && break; sleep 0.1; done
B=http://127.0.0.1:18080/easemob-demo/testapp
TOKEN=$(curl -s -X POST $B/token -H 'Content-Type: application/json' \
  -d '{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
URL=$B/chatgroups/100000000000001
curl -s -H "Authorization: Bearer $TOKEN" "$URL" >"$work/details.json"
"$work/bare" 127.0.0.1:18081 "$work/details.json" &
sleep 0.5

echo "== mock: GET group details (20 members), validation on"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL"
echo "== bare net/http: the same $(wc -c <"$work/details.json") bytes"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:18081/"
echo "== contract violations the mock recorded during the run (want [])"
curl -s '127.0.0.1:18080/_mock/journal?violations=true&limit=5'; echo
