package mockserver

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The regressions of an attack on the running mock: each input used to answer a 500, a bare 301,
// a silently wrong success or a state that answered what the contract forbids. The harness
// checks every answer against the contract besides what each case asserts.

func TestHostileRequests(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "member", "..", ".")
	gid := h.createGroup("owner", "member")
	rid, _ := h.ok(http.MethodPost, "/chatrooms", map[string]any{"name": "r", "description": "d", "owner": "owner", "members": []string{"member"}}).dataMap(t)["id"].(string)
	require.NotEmpty(t, rid)
	huge := strconv.FormatInt(math.MaxInt64, 10)
	auth := authHeader(h.token)
	json := "application/json"

	cases := []struct {
		name        string
		method      string
		path        string // below /{org}/{app}
		contentType string
		body        string
		header      http.Header
		status      int
		errName     string   // for an error answer
		want        []string // substrings of error_description
	}{
		// pagenum 2^63-1: (pagenum-1)*pagesize overflowed and sliced out of range, a 500.
		{name: "chatroom members, pagenum 2^63-1", method: "GET", path: "/chatrooms/" + rid + "/users?pagenum=" + huge, status: 200},
		{name: "joined chatrooms, pagenum 2^63-1", method: "GET", path: "/users/owner/joined_chatrooms?pagenum=" + huge, status: 200},
		{name: "super admins, pagenum 2^63-1", method: "GET", path: "/chatrooms/super_admin?pagenum=" + huge, status: 200},
		{name: "group members, pagenum 2^63-1 pagesize 2", method: "GET", path: "/chatgroups/" + gid + "/users?pagenum=" + huge + "&pagesize=2", status: 200},
		{name: "group files, pagenum 2^63-1 pagesize 1000", method: "GET", path: "/chatgroups/" + gid + "/share_files?pagenum=" + huge + "&pagesize=1000", status: 200},

		// mute_duration 2^63-1: now + duration wrapped to a negative expire, answered result true
		// and muted nobody.
		{name: "group mute, mute_duration 2^63-1", method: "POST", path: "/chatgroups/" + gid + "/mute", contentType: json,
			body: `{"usernames":["member"],"mute_duration":` + huge + `}`, status: 400, errName: "invalid_parameter", want: []string{"mute_duration", "64-bit timestamp"}},
		{name: "chatroom mute, mute_duration 2^63-1", method: "POST", path: "/chatrooms/" + rid + "/mute", contentType: json,
			body: `{"usernames":["member"],"mute_duration":` + huge + `}`, status: 400, errName: "invalid_parameter", want: []string{"mute_duration", "64-bit timestamp"}},

		// mux cleaned these paths with a bare 301 (no body, not journaled; a POST lost its body).
		{name: "double slash inside", method: "GET", path: "/chatgroups//" + gid, status: 404, errName: "not_found", want: []string{"//"}},
		{name: "double slash at the end", method: "GET", path: "/chatgroups/" + gid + "//", status: 404, errName: "not_found"},
		{name: "POST with a double slash", method: "POST", path: "//chatgroups", contentType: json, body: `{}`, status: 404, errName: "not_found"},
		{name: "dot segment", method: "GET", path: "/chatgroups/../chatgroups", status: 404, errName: "not_found"},
		{name: "a user named ..", method: "GET", path: "/users/..", status: 200},
		{name: "a user named .", method: "GET", path: "/users/.", status: 200},

		// A query Go can not parse lost the pair: limit=%ZZ served every group.
		{name: "bad escape in the query", method: "GET", path: "/chatgroups?limit=%ZZ", status: 400, errName: "invalid_parameter", want: []string{"query string", `"%ZZ"`}},
		{name: "semicolon in the query", method: "GET", path: "/chatgroups?limit=1;cursor=x", status: 400, errName: "invalid_parameter", want: []string{"query string", "semicolon"}},

		// Two Authorization headers: the first one won, so a bad one after a good one passed.
		{name: "good then bad Authorization", method: "GET", path: "/chatgroups", header: http.Header{"Authorization": {"Bearer " + h.token, "Bearer nope"}},
			status: 401, errName: "group_authorization", want: []string{"this token is bad, or has expired!"}},
		{name: "bad then good Authorization", method: "GET", path: "/chatgroups", header: http.Header{"Authorization": {"Bearer nope", "Bearer " + h.token}},
			status: 401, errName: "group_authorization"},
		{name: "lower-case bearer", method: "GET", path: "/chatgroups", header: http.Header{"Authorization": {"bearer " + h.token}}, status: 200},

		// 1e2 and 100.0 are integers to the contract's JSON Schema, which let them through; the
		// handler then refused them ("must be an integer, got number 1e2").
		{name: "maxusers 1e2", method: "POST", path: "/chatgroups", contentType: json,
			body: `{"groupname":"g","desc":"d","public":true,"owner":"owner","maxusers":1e2}`, status: 200},
		{name: "mute_duration 1000.0", method: "POST", path: "/chatgroups/" + gid + "/mute", contentType: json,
			body: `{"usernames":["member"],"mute_duration":1000.0}`, status: 200},
		{name: "ttl 3.6e3", method: "POST", path: "/token", contentType: json,
			body: `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":3.6e3}`, status: 200},
		{name: "ttl 9.3e18, whole but past int64", method: "POST", path: "/token", contentType: json,
			body:   `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":9.3e18}`,
			status: 400, errName: "illegal_argument", want: []string{"ttl: must be at most 9223372036 seconds, got 9.3e18"}},
		{name: "ttl \"99999999999999999999\"", method: "POST", path: "/token", contentType: json,
			body:   `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":"99999999999999999999"}`,
			status: 400, errName: "illegal_argument", want: []string{"ttl: must be at most"}},
		{name: "mute_duration 2^63: an integer, too large", method: "POST", path: "/chatgroups/" + gid + "/mute", contentType: json,
			body: `{"usernames":["member"],"mute_duration":9223372036854775808}`, status: 400, errName: "invalid_parameter",
			want: []string{"mute_duration: must be an integer between -9223372036854775808 and 9223372036854775807, got 9223372036854775808"}},
		{name: "maxusers 1.5 is still no integer", method: "POST", path: "/chatgroups", contentType: json,
			body: `{"groupname":"g","desc":"d","public":true,"owner":"owner","maxusers":1.5}`, status: 400, errName: "invalid_parameter", want: []string{"maxusers"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hdr := c.header
			if hdr == nil {
				hdr = auth
			}
			var body []byte
			if c.body != "" {
				body = []byte(c.body)
			}
			res := h.send(c.method, h.prefix()+c.path, c.contentType, body, hdr)
			if c.errName == "" {
				require.Equalf(t, c.status, res.Status, "%s", res.Body)
				return
			}
			assertError(t, res, c.status, c.errName, c.want...)
		})
	}

	t.Run("what the accepted numbers did", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/chatgroups/"+gid+"/mute", nil)
		mutes := res.dataList(t)
		require.Len(t, mutes, 1)
		assert.Equal(t, float64(h.clock.Now().UnixMilli()+1000), mutes[0].(map[string]any)["expire"])
		data := []byte(`{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":3600.0}`)
		tok := h.send(http.MethodPost, h.prefix()+"/token", "application/json", data, nil)
		assert.Equal(t, float64(3600), tok.JSON["expires_in"])
	})
	t.Run("pages past the end are empty", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/chatrooms/"+rid+"/users?pagenum="+huge, nil)
		assert.Empty(t, res.dataList(t))
	})
	t.Run("no answer was a 301 or a 500, and the group is intact", func(t *testing.T) {
		for _, e := range h.srv.Journal() {
			assert.NotContains(t, []int{301, 500}, e.Status, "%s %s", e.Method, e.Path)
		}
		details := h.ok(http.MethodGet, "/chatgroups/"+gid, nil).dataList(t)[0].(map[string]any)
		assert.Equal(t, float64(2), details["affiliations_count"])
	})
}

func TestHostileControlCalls(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "member")
	gid := h.createGroup("owner", "member")

	raw := func(method, path, body string) *response {
		t.Helper()
		var b []byte
		if body != "" {
			b = []byte(body)
		}
		return h.send(method, "/_mock"+path, "application/json", b, nil)
	}
	cases := []struct {
		name, method, path, body string
		want                     string
	}{
		// The decoder read the first value and ignored the rest.
		{"fault with trailing data", "POST", "/faults", `{"status":503,"path":"/x"} {"status":200}`, "more follows it"},
		{"fault with trailing garbage", "POST", "/faults", `{"status":503,"path":"/x"}x`, "more follows it"},
		// null decoded as an empty request: seeding nothing, "successfully".
		{"seed null", "POST", "/seed", `null`, "must be a JSON object"},
		{"seed an array", "POST", "/seed", `[{}]`, "must be a JSON object"},
		{"apps null", "POST", "/apps", `null`, "must be a JSON object"},
		// Rules that could never hit were stored.
		{"fault with an unknown method", "POST", "/faults", `{"status":503,"method":"GTE"}`, `method: "GTE"`},
		{"fault whose method is not its operation's", "POST", "/faults", `{"status":503,"method":"POST","operation_id":"listGroups"}`, "could never hit"},
		// Apps that no URL can reach.
		{"seed an org with a slash", "POST", "/seed", `{"org":"a/b","app":"c","users":[{"username":"u","password":"p"}]}`, `without "/"`},
		{"register an app with a slash", "POST", "/apps", `{"org":"a","app":"b/c","client_id":"i","client_secret":"s"}`, `without "/"`},
		{"seed the control API's org", "POST", "/seed", `{"org":"_mock","app":"c"}`, `"_mock"`},
		{"register the control API's org", "POST", "/apps", `{"org":"_mock","app":"c","client_id":"i","client_secret":"s"}`, `"_mock"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := raw(c.method, c.path, c.body)
			require.Equalf(t, http.StatusBadRequest, res.Status, "%s", res.Body)
			assertErrorShape(t, res)
			assert.Contains(t, res.JSON["error_description"], c.want)
		})
	}
	t.Run("nothing was stored", func(t *testing.T) {
		assert.Equal(t, float64(0), h.control("", http.MethodGet, "/faults", nil).JSON["count"])
		apps := h.control("", http.MethodGet, "/apps", nil)
		assert.Equal(t, float64(1), apps.JSON["count"], "%s", apps.Body)
	})

	t.Run("a fault's answer is not a contract violation of the mock", func(t *testing.T) {
		res := h.control("", http.MethodPost, "/faults", map[string]any{"operation_id": "listGroups", "status": 418, "count": 1})
		require.Equalf(t, http.StatusCreated, res.Status, "%s", res.Body)
		assert.Equal(t, http.StatusTeapot, h.do(http.MethodGet, "/chatgroups", nil).Status)
		v := h.control("", http.MethodGet, "/journal?violations=true", nil)
		assert.Equalf(t, float64(0), v.JSON["count"], "%s", v.Body)
		assert.Empty(t, h.srv.ResponseViolations(), "the same answer as ResponseViolations")
		all := h.control("", http.MethodGet, "/journal", nil).JSON["requests"].([]any)
		last := all[len(all)-1].(map[string]any)
		assert.NotEmpty(t, last["fault"], "the full journal still shows the fault")
		assert.NotEmpty(t, last["response_violations"])
	})

	t.Run("PUT /_mock/state with a null group: 400, state kept", func(t *testing.T) {
		before := h.control("", http.MethodGet, "/state", nil).Body
		for _, bad := range []string{
			`{"version":1,"apps":[{"key":{"org":"easemob-demo","app":"testapp"},"groups":{"5":null}}]}`,
			`{"version":1,"apps":[{"key":{"org":"easemob-demo","app":"testapp"},"users":{"u":{"username":"u"}},"groups":{"5":{"id":"5","owner":"u","maxusers":1,"files":{"f":null}}}}]}`,
			`{"version":1,"apps":[{"key":{"org":"easemob-demo","app":"testapp"},"users":{"u":{"username":"u"}},"chatrooms":{"6":{"id":"6","owner":"u","maxusers":10,"name":"` + fmt.Sprintf("%0200d", 0) + `"}}}]}`,
		} {
			res := h.send(http.MethodPut, "/_mock/state", "application/json", []byte(bad), nil)
			require.Equalf(t, http.StatusBadRequest, res.Status, "%s", res.Body)
			assertError(t, res, http.StatusBadRequest, "invalid_parameter", "state:")
		}
		assert.Equal(t, string(before), string(h.control("", http.MethodGet, "/state", nil).Body))
		h.ok(http.MethodGet, "/chatgroups/"+gid, nil)
		h.ok(http.MethodGet, "/chatgroups/"+gid+"/share_files", nil)
	})
}

// TestResetDuringTraffic: resets racing with writes and reads leave no 500 and no answer the
// contract forbids (the harness checks both), whichever side wins each race.
func TestResetDuringTraffic(t *testing.T) {
	h := newHarness(t).login()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 30; i++ {
			h.control("", http.MethodPost, "/reset", nil)
			time.Sleep(time.Millisecond)
		}
	}()
	for i := 0; ; i++ {
		select {
		case <-done:
			for _, e := range h.srv.Journal() {
				assert.NotEqual(t, http.StatusInternalServerError, e.Status, "%s %s", e.Method, e.Path)
			}
			return
		default:
		}
		u := fmt.Sprintf("u%d", i)
		h.do(http.MethodPost, "/users", []map[string]string{{"username": u, "password": "p"}, {"username": u + "m", "password": "p"}})
		res := h.do(http.MethodPost, "/chatgroups", map[string]any{"groupname": "g", "desc": "d", "public": true, "owner": u, "members": []string{u + "m"}})
		if res.Status == http.StatusOK {
			h.do(http.MethodGet, "/chatgroups/"+res.dataMap(t)["groupid"].(string), nil)
		}
		h.do(http.MethodGet, "/chatgroups", nil)
	}
}

func TestIntegralNumber(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"100", "100", true},
		{"1e2", "100", true},
		{"1E+2", "100", true},
		{"100.000", "100", true},
		{"-1.0", "-1", true},
		{"-0.0", "0", true},
		{"1.5", "", false},
		{"100.000000000000000001", "", false}, // a float64 would round it to 100; big.Rat does not
		{"9.3e18", "", false},                 // past int64
		{"1e999999999", "", false},            // refused before big.Rat would build 10^999999999
		{"1e-999999999", "", false},
		{"1e-900000", "", false},
		{"0.00001e5", "1", true},
		{"12.34e2", "1234", true},
		{"12.34e1", "", false},
		{"9223372036854775807.0", "9223372036854775807", true},
		{"-9223372036854775808e0", "-9223372036854775808", true},
		{"9223372036854775808.0", "", false},
	}
	for _, c := range cases {
		got, ok := integralNumber(c.in)
		assert.Equalf(t, c.ok, ok, "%s", c.in)
		assert.Equalf(t, c.want, got, "%s", c.in)
	}
	for in, want := range map[string]bool{"1": true, "1e400": true, "12345678901234567890": true, "100.0": true,
		"100e-2": true, "100e-3": false, "1.25e2": true, "1.25e1": false, "0.0e-5": true, "-3": true, "1.5": false} {
		assert.Equalf(t, want, wholeNumber(in), "%s", in)
	}
	t.Run("many tiny exponents are cheap", func(t *testing.T) {
		many := []byte(`{"maxusers":1.5,"x":[` + strings.Repeat(`1e-900000,`, 50000) + `0]}`)
		start := time.Now()
		_, changed := integralNumbers(many)
		assert.False(t, changed)
		assert.Less(t, time.Since(start), 5*time.Second)
	})
	body, changed := integralNumbers([]byte(`{"a":[1e2,{"b":2.0}],"c":1.5,"d":"1e2"}`))
	assert.True(t, changed)
	assert.JSONEq(t, `{"a":[100,{"b":2}],"c":1.5,"d":"1e2"}`, string(body))
}

// TestBadQueryOnEveryOperation: an operation that reads the query answers a query that does not
// parse with a 400 it documents; one that reads none ignores it, as it ignores unknown
// parameters (the harness fails any answer the contract forbids).
func TestBadQueryOnEveryOperation(t *testing.T) {
	h := newHarness(t).login()
	params := map[string]string{"group_id": "1", "chatroom_id": "1", "username": "u", "file_id": "f",
		"oldadmin": "u", "super_admin": "u", "thread_id": "1"}
	var reading []string
	for _, op := range h.contract.Operations() {
		t.Run(op.ID, func(t *testing.T) {
			path := op.Path
			for k, v := range params {
				path = strings.ReplaceAll(path, "{"+k+"}", v)
			}
			require.NotContainsf(t, path, "{", "no test value for a parameter of %s", op.Path)
			res := h.send(op.Method, h.prefix()+path+"?pagenum=%ZZ", "application/json", []byte(`{}`), authHeader(h.token))
			if !takesQuery(op) {
				assert.NotContains(t, string(res.Body), "query string")
				return
			}
			reading = append(reading, op.ID)
			assertError(t, res, http.StatusBadRequest, badRequestFor(op.ID).name, "query string", "%ZZ")
		})
	}
	assert.ElementsMatch(t, []string{"listGroups", "listGroupFiles", "listGroupMembers", "listChatrooms", "listChatroomSuperAdmins",
		"listChatroomMembers", "listJoinedChatrooms", "listUsers", "deleteUsers", "listJoinedGroupsPaged",
		"listThreads", "listUserThreads", "listUserThreadsInGroup", "listThreadMembers", "getGroupDetails"}, reading) // getGroupDetails: joined_time, version (O-21)
}
