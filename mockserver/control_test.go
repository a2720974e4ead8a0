package mockserver

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFaultNextN(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner")
	gid := h.createGroup("owner")

	res := h.control("", http.MethodPost, "/faults", map[string]any{"method": "GET", "path": "/*/chatgroups/*", "status": 429, "count": 2})
	require.Equalf(t, http.StatusCreated, res.Status, "%s", res.Body)
	id, _ := res.JSON["id"].(string)
	require.NotEmpty(t, id)

	for i := 0; i < 2; i++ {
		res := h.do(http.MethodGet, "/chatgroups/"+gid, nil)
		assertError(t, res, http.StatusTooManyRequests, "reach_limit", "This request has reached api limit")
		assert.Equal(t, id, res.Header.Get("X-Mock-Fault"))
	}
	// The third passes; other methods and paths were never hit.
	h.ok(http.MethodGet, "/chatgroups/"+gid, nil)
	h.ok(http.MethodPost, "/chatgroups/"+gid+"/announcement", map[string]any{"announcement": "x"})

	list := h.control("", http.MethodGet, "/faults", nil)
	assert.Equal(t, float64(0), list.JSON["count"], "a rule with a count is removed once spent")

	var faulted int
	for _, e := range h.srv.Journal() {
		if e.Fault == id {
			faulted++
			assert.Equal(t, http.StatusTooManyRequests, e.Status)
			assert.Equal(t, "getGroupDetails", e.OperationID)
		}
	}
	assert.Equal(t, 2, faulted)
}

func TestFaultFractionAndOperation(t *testing.T) {
	h := newHarness(t).login()
	h.control("", http.MethodPost, "/faults", map[string]any{"operation_id": "listGroups", "status": 503, "fraction": 0.5})
	var statuses []int
	for i := 0; i < 6; i++ {
		statuses = append(statuses, h.do(http.MethodGet, "/chatgroups", nil).Status)
	}
	assert.Equal(t, []int{200, 503, 200, 503, 200, 503}, statuses, "fraction 0.5 hits every second matching request")

	res := h.control("", http.MethodGet, "/faults", nil)
	require.Equal(t, http.StatusOK, res.Status)
	f := res.JSON["faults"].([]any)[0].(map[string]any)
	assert.Equal(t, float64(6), f["matched"])
	assert.Equal(t, float64(3), f["hits"])
	res = h.control("", http.MethodDelete, "/faults", nil)
	assert.Equal(t, http.StatusNoContent, res.Status)
	assert.Equal(t, http.StatusOK, h.do(http.MethodGet, "/chatgroups", nil).Status)
}

func TestFaultCustomStatusAndLatency(t *testing.T) {
	h := newHarness(t).login()
	h.control("", http.MethodPost, "/faults", map[string]any{"path": "*/chatrooms", "status": 500, "error": "boom", "error_description": "injected", "count": 1})
	res := h.do(http.MethodGet, "/chatrooms", nil)
	assertError(t, res, http.StatusInternalServerError, "boom", "injected")

	h.control("", http.MethodPost, "/faults", map[string]any{"path": "*/chatrooms", "latency_ms": 50, "count": 1})
	start := time.Now()
	h.ok(http.MethodGet, "/chatrooms", nil)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)

	t.Run("bad rules", func(t *testing.T) {
		for _, body := range []map[string]any{
			{"status": 200},
			{"path": "*"},
			{"status": 429, "fraction": 2},
			{"status": 429, "latency_ms": 3600000},
			{"status": 429, "operation_id": "noSuchOperation"},
			{"status": 429, "unknown_field": true},
		} {
			res := h.control("", http.MethodPost, "/faults", body)
			assert.Equalf(t, http.StatusBadRequest, res.Status, "%v: %s", body, res.Body)
			assert.NotEmpty(t, res.JSON["error_description"])
		}
	})
	t.Run("delete one", func(t *testing.T) {
		res := h.control("", http.MethodPost, "/faults", map[string]any{"status": 503})
		id := res.JSON["id"].(string)
		assert.Equal(t, http.StatusNoContent, h.control("", http.MethodDelete, "/faults/"+id, nil).Status)
		assert.Equal(t, http.StatusNotFound, h.control("", http.MethodDelete, "/faults/"+id, nil).Status)
	})
}

func TestJournal(t *testing.T) {
	h := newHarness(t, WithJournalSize(3)).login()
	h.do(http.MethodGet, "/chatgroups", nil)
	h.do(http.MethodGet, "/chatgroups/404404", nil)
	h.do(http.MethodGet, "/chatgroups?limit=0", nil) // limit below minimum: a request violation
	res := h.control("", http.MethodGet, "/journal", nil)
	require.Equal(t, http.StatusOK, res.Status)
	reqs := res.JSON["requests"].([]any)
	require.Len(t, reqs, 3, "the ring keeps the last 3 (the token call fell out)")
	first := reqs[0].(map[string]any)
	assert.Equal(t, "GET", first["method"])
	assert.Equal(t, h.prefix()+"/chatgroups", first["path"])
	assert.Equal(t, "listGroups", first["operation_id"])
	assert.Equal(t, float64(200), first["status"])
	assert.Contains(t, first, "duration_ms")
	second := reqs[1].(map[string]any)
	assert.Equal(t, float64(404), second["status"])
	assert.Equal(t, "service_resource_not_found", second["error"])
	third := reqs[2].(map[string]any)
	assert.Equal(t, float64(400), third["status"])
	assert.NotEmpty(t, third["request_violations"])

	res = h.control("", http.MethodGet, "/journal?violations=true", nil)
	assert.Equal(t, float64(1), res.JSON["count"])
	res = h.control("", http.MethodGet, "/journal?limit=1", nil)
	assert.Equal(t, float64(1), res.JSON["count"])

	assert.Equal(t, http.StatusNoContent, h.control("", http.MethodDelete, "/journal", nil).Status)
	assert.Empty(t, h.srv.Journal())
}

func TestResponseViolationIsJournaled(t *testing.T) {
	// A handler that answers what the contract forbids: the answer goes out, the journal and the
	// log say so.
	h := newHarness(t, withHandlers(func(s *Server) map[string]handlerFunc {
		table := s.handlers()
		table["listGroups"] = func(c *call) (*reply, error) { return ok(map[string]any{"not": "a list"}) }
		return table
	}))
	h.login()
	req, err := http.NewRequest(http.MethodGet, h.ts.URL+h.prefix()+"/chatgroups", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+h.token)
	res, err := h.ts.Client().Do(req)
	require.NoError(t, err)
	res.Body.Close()
	v := h.srv.ResponseViolations()
	require.Len(t, v, 1)
	assert.Equal(t, "listGroups", v[0].OperationID)
	assert.NotEmpty(t, v[0].ResponseViolations)
	h.srv.journal.clear() // this test's violation is on purpose
}

func TestReset(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner")
	gid := h.createGroup("owner")
	h.control("", http.MethodPost, "/faults", map[string]any{"path": "/nothing", "status": 503})

	res := h.control("", http.MethodPost, "/reset", nil)
	require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)

	// The token still works; the state and the faults are gone.
	assertError(t, h.do(http.MethodGet, "/chatgroups/"+gid, nil), http.StatusNotFound, "service_resource_not_found")
	assertError(t, h.do(http.MethodGet, "/users/owner", nil), http.StatusNotFound, "service_resource_not_found") // U-08
	assert.Equal(t, float64(0), h.control("", http.MethodGet, "/faults", nil).JSON["count"])

	t.Run("one app", func(t *testing.T) {
		h.registerUsers("again")
		res := h.control("", http.MethodPost, "/reset?org="+h.org+"&app="+h.app, nil)
		require.Equal(t, http.StatusOK, res.Status)
		assert.Equal(t, http.StatusNotFound, h.do(http.MethodGet, "/users/again", nil).Status)
		assert.Equal(t, http.StatusBadRequest, h.control("", http.MethodPost, "/reset?org=only", nil).Status)
	})
}

func TestSeed(t *testing.T) {
	h := newHarness(t).login()
	seed := map[string]any{
		"users": []map[string]string{{"username": "alice", "password": "p"}, {"username": "bob", "password": "p"}, {"username": "carol", "password": "p"}},
		"groups": []map[string]any{{
			"id": "1000001", "groupname": "seeded", "desc": "d", "public": true, "owner": "alice",
			"members": []string{"bob", "carol"}, "admins": []string{"bob"},
		}},
		"chatrooms":    []map[string]any{{"id": "2000001", "name": "room", "description": "d", "owner": "alice", "members": []string{"bob"}}},
		"super_admins": []string{"carol"},
	}
	res := h.control("", http.MethodPost, "/seed", seed)
	require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)
	assert.Equal(t, []any{"1000001"}, res.JSON["groups"])

	details := h.ok(http.MethodGet, "/chatgroups/1000001", nil).dataList(t)[0].(map[string]any)
	assert.Equal(t, "alice", details["owner"])
	assert.Equal(t, float64(3), details["affiliations_count"])
	assert.Equal(t, []any{"bob"}, h.ok(http.MethodGet, "/chatgroups/1000001/admin", nil).data())
	h.ok(http.MethodGet, "/chatrooms/2000001", nil)
	assert.Equal(t, []any{"carol"}, h.ok(http.MethodGet, "/chatrooms/super_admin", nil).data())

	t.Run("all or nothing", func(t *testing.T) {
		bad := map[string]any{
			"users":  []map[string]string{{"username": "dave", "password": "p"}},
			"groups": []map[string]any{{"groupname": "x", "desc": "d", "public": true, "owner": "nobody"}},
		}
		res := h.control("", http.MethodPost, "/seed", bad)
		assert.Equal(t, http.StatusNotFound, res.Status)
		assert.Equal(t, http.StatusNotFound, h.do(http.MethodGet, "/users/dave", nil).Status)
	})
	t.Run("another app", func(t *testing.T) {
		res := h.control("", http.MethodPost, "/seed", map[string]any{"org": "o2", "app": "a2", "users": []map[string]string{{"username": "zed", "password": "p"}}})
		require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)
		assert.Equal(t, http.StatusNotFound, h.do(http.MethodGet, "/users/zed", nil).Status, "apps are isolated")
	})
}

func TestApps(t *testing.T) {
	h := newHarness(t)
	res := h.control("", http.MethodPost, "/apps", map[string]string{"org": "acme", "app": "chat", "client_id": "cid", "client_secret": "csecret"})
	require.Equalf(t, http.StatusCreated, res.Status, "%s", res.Body)
	tok := h.getToken("acme", "chat", "cid", "csecret", nil)
	h.org, h.app, h.token = "acme", "chat", tok
	h.registerUsers("someone")

	list := h.control("", http.MethodGet, "/apps", nil)
	require.Equal(t, http.StatusOK, list.Status)
	assert.Contains(t, string(list.Body), `"org":"acme"`)

	res = h.control("", http.MethodPost, "/apps", map[string]string{"org": "acme", "app": "chat"})
	assert.Equal(t, http.StatusBadRequest, res.Status)
}

func TestPermissiveAuth(t *testing.T) {
	h := newHarness(t, WithPermissiveAuth())
	tok := h.getToken("any-org", "any-app", "whoever", "whatever", "60")
	h.org, h.app, h.token = "any-org", "any-app", tok
	h.registerUsers("u")
	h.ok(http.MethodGet, "/users/u", nil)
	// Still one app per token.
	res := h.send(http.MethodGet, "/"+DefaultOrg+"/"+DefaultApp+"/users/u", "", nil, authHeader(tok))
	assertError(t, res, http.StatusUnauthorized, "group_authorization")

	t.Run("strict mode refuses unknown credentials", func(t *testing.T) {
		strict := newHarness(t)
		data := []byte(`{"grant_type":"client_credentials","client_id":"whoever","client_secret":"whatever"}`)
		res := strict.send(http.MethodPost, "/any-org/any-app/token", "application/json", data, nil)
		assertError(t, res, http.StatusUnauthorized, "invalid_grant")
	})
}

func TestAdminToken(t *testing.T) {
	h := newHarness(t, WithAdminToken("s3cret"))
	for _, tc := range []struct {
		name  string
		token string
		want  int
	}{
		{"none", "", http.StatusUnauthorized},
		{"wrong", "nope", http.StatusUnauthorized},
		{"right", "s3cret", http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := h.control(tc.token, http.MethodPost, "/reset", nil)
			assert.Equalf(t, tc.want, res.Status, "%s", res.Body)
			if tc.want == http.StatusUnauthorized {
				assertErrorShape(t, res)
			}
			assert.Equal(t, tc.want, h.control(tc.token, http.MethodGet, "/journal", nil).Status)
		})
	}
	t.Run("the API itself does not take the admin token", func(t *testing.T) {
		res := h.send(http.MethodGet, h.prefix()+"/chatgroups", "", nil, authHeader("s3cret"))
		assertError(t, res, http.StatusUnauthorized, "group_authorization")
	})
}

func TestStateEndpoints(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner")
	gid := h.createGroup("owner")
	snap := h.control("", http.MethodGet, "/state", nil)
	require.Equal(t, http.StatusOK, snap.Status)
	h.ok(http.MethodDelete, "/chatgroups/"+gid, nil)

	res := h.send(http.MethodPut, "/_mock/state", "application/json", snap.Body, nil)
	require.Equalf(t, http.StatusNoContent, res.Status, "%s", res.Body)
	h.ok(http.MethodGet, "/chatgroups/"+gid, nil) // the token survived the round trip too

	res = h.send(http.MethodPut, "/_mock/state", "application/json", []byte(`{"version":99}`), nil)
	assert.Equal(t, http.StatusBadRequest, res.Status)
}

func TestMemberAttributeSwitch(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "bob")
	gid := h.createGroup("owner", "bob")
	attrs := "/metadata/chatgroup/" + gid
	h.ok(http.MethodPut, attrs+"/user/bob", map[string]any{"metaData": map[string]string{"k": "v"}})

	sw := "/member-attributes/" + h.org + "/" + h.app
	res := h.control("", http.MethodPut, sw, map[string]any{"enabled": false})
	require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)
	assert.Equal(t, false, res.JSON["enabled"])

	const off = "chatgroup user metadata service not allow"
	calls := []struct {
		method, path string
		body         any
	}{
		{http.MethodPut, attrs + "/user/bob", map[string]any{"metaData": map[string]string{"k": "changed"}}},
		{http.MethodGet, attrs + "/user/bob", nil},
		{http.MethodPost, attrs + "/get", map[string]any{"targets": []string{"bob"}}},
		{http.MethodPut, attrs + "/users/batch", []map[string]any{{"username": "bob", "metadata": map[string]string{"k": "changed"}}}},
	}
	for _, c := range calls {
		res := h.do(c.method, c.path, c.body)
		assertError(t, res, http.StatusForbidden, "metadata_error", off)
		assert.Equal(t, off, res.JSON["error_description"])
	}
	// The other calls of the group work, and another app keeps the feature.
	h.ok(http.MethodGet, "/chatgroups/"+gid, nil)
	require.Equal(t, http.StatusCreated, h.control("", http.MethodPost, "/apps", map[string]string{"org": "acme", "app": "chat", "client_id": "cid", "client_secret": "csecret"}).Status)
	other := *h
	other.org, other.app = "acme", "chat"
	other.token = other.getToken("acme", "chat", "cid", "csecret", nil)
	other.registerUsers("owner", "bob")
	other.ok(http.MethodGet, "/metadata/chatgroup/"+other.createGroup("owner", "bob")+"/user/bob", nil)

	assertError(t, h.control("", http.MethodPut, sw, map[string]any{}), http.StatusBadRequest, "mock_bad_request", "enabled: required")

	res = h.control("", http.MethodPut, sw, map[string]any{"enabled": true})
	require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)
	got := h.ok(http.MethodGet, attrs+"/user/bob", nil).dataMap(t)
	assert.Equal(t, map[string]any{"k": "v"}, got, "nothing was written while the feature was off")

	t.Run("reset switches it back on", func(t *testing.T) {
		h.control("", http.MethodPut, sw, map[string]any{"enabled": false})
		require.Equal(t, http.StatusOK, h.control("", http.MethodPost, "/reset", nil).Status)
		h.registerUsers("owner", "bob")
		gid := h.createGroup("owner", "bob")
		h.ok(http.MethodGet, "/metadata/chatgroup/"+gid+"/user/bob", nil)
	})
}

// The batch set's 409 (G-MATTR-11, concurrent calls on one user) never comes from the store,
// which serialises every call of an app; the fault API forces it, and the contract documents it.
func TestMemberAttributeBatchConflictByFault(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "bob")
	gid := h.createGroup("owner", "bob")
	const msg = "Failed to operate user metadata. Concurrent operation not allowed"
	res := h.control("", http.MethodPost, "/faults", map[string]any{
		"operation_id": "setGroupMembersAttributesBatch", "status": 409, "count": 1,
		"error": "metadata_error", "exception": "com.easemob.metadata.exception.MetadataException", "error_description": msg,
	})
	require.Equalf(t, http.StatusCreated, res.Status, "%s", res.Body)

	path := "/metadata/chatgroup/" + gid + "/users/batch"
	body := []map[string]any{{"username": "bob", "metadata": map[string]string{"k": "v"}}}
	res = h.do(http.MethodPut, path, body)
	assertError(t, res, http.StatusConflict, "metadata_error", msg)
	req, err := http.NewRequest(http.MethodPut, h.ts.URL+h.prefix()+path, nil)
	require.NoError(t, err)
	route, err := h.contract.FindRoute(req)
	require.NoError(t, err)
	assert.NoError(t, h.contract.ValidateResponse(context.Background(), route, req, res.Status, res.Header, res.Body), "the contract documents the 409")

	h.ok(http.MethodPut, path, body) // the rule is spent; the store itself never answers 409
}
