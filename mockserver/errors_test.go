package mockserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
)

func TestBadRequestNamesTheField(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "member")
	gid := h.createGroup("owner")
	many := make([]string, 61)
	for i := range many {
		many[i] = fmt.Sprintf("user%d", i)
	}
	cases := []struct {
		name        string
		method      string
		path        string
		contentType string
		body        string
		want        []string // substrings of error_description
		errName     string   // "" for the group service's invalid_parameter (O-02)
	}{
		{"too many usernames", http.MethodPost, "/chatgroups/" + gid + "/users", "application/json",
			`{"usernames":["` + strings.Join(many, `","`) + `"]}`, []string{"usernames", "maxItems"}, ""},
		{"missing owner: the service's words (O-02)", http.MethodPost, "/chatgroups", "application/json",
			`{"groupname":"g","desc":"d","public":true}`, []string{"owner must be provided"}, ""},
		{"missing public: the service's words (O-02)", http.MethodPost, "/chatgroups", "application/json",
			`{"groupname":"g","desc":"d","owner":"owner"}`, []string{"group must contain public field!"}, ""},
		{"missing public and a bad maxusers: the service's words, then the rest", http.MethodPost, "/chatgroups", "application/json",
			`{"groupname":"g","desc":"d","owner":"owner","maxusers":"3000"}`, []string{"group must contain public field! Also:", "maxusers"}, ""},
		{"missing chatroom name: the service's words (O-02)", http.MethodPost, "/chatrooms", "application/json",
			`{"description":"d","owner":"owner"}`, []string{"chatroom must contain title/name field!"}, ""},
		{"wrong type", http.MethodPost, "/chatgroups", "application/json",
			`{"groupname":"g","desc":"d","public":"yes","owner":"owner"}`, []string{"public", "type"}, ""},
		{"mute_duration not an integer", http.MethodPost, "/chatgroups/" + gid + "/mute", "application/json",
			`{"usernames":["member"],"mute_duration":1.5}`, []string{"mute_duration"}, ""},
		{"grant_type not client_credentials", http.MethodPost, "/token", "application/json",
			`{"grant_type":"password","client_id":"a","client_secret":"b"}`, []string{"grant_type", "enum"}, "illegal_argument"},
		{"not JSON", http.MethodPost, "/chatgroups", "application/json", `{"groupname":`, []string{"body"}, ""},
		{"no body", http.MethodPost, "/chatgroups", "application/json", ``, []string{"body"}, ""},
		{"wrong content type", http.MethodPost, "/chatgroups", "text/plain", `hello`, []string{"body"}, ""},
		{"pagesize over the limit", http.MethodGet, "/chatgroups/" + gid + "/users?pagesize=100000", "", ``, []string{"pagesize"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			if tc.body != "" || tc.method != http.MethodGet {
				body = []byte(tc.body)
			}
			res := h.send(tc.method, h.prefix()+tc.path, tc.contentType, body, authHeader(h.token))
			if tc.errName == "illegal_argument" {
				assertError(t, res, http.StatusBadRequest, "illegal_argument", tc.want...)
				assert.Equal(t, "java.lang.IllegalArgumentException", res.JSON["exception"])
				return
			}
			assertError(t, res, http.StatusBadRequest, "invalid_parameter", tc.want...)
			assert.Equal(t, "com.easemob.group.exception.InvalidParameterException", res.JSON["exception"])
		})
	}
	t.Run("journal keeps the request violations", func(t *testing.T) {
		var found bool
		for _, e := range h.srv.Journal() {
			if e.OperationID == "addGroupMembers" && e.Status == http.StatusBadRequest {
				found = true
				require.NotEmpty(t, e.RequestViolations)
				assert.Equal(t, "usernames", e.RequestViolations[0].Field)
				assert.Equal(t, "maxItems", e.RequestViolations[0].Rule)
			}
		}
		assert.True(t, found)
	})
}

func TestUnknownRouteAndMethod(t *testing.T) {
	h := newHarness(t).login()
	for _, path := range []string{"/", "/nothing", h.prefix() + "/nothing", h.prefix() + "/chatgroups/1/nothing/at/all", "/_mock/nothing"} {
		t.Run("404 "+path, func(t *testing.T) {
			res := h.send(http.MethodGet, path, "", nil, authHeader(h.token))
			assertError(t, res, http.StatusNotFound, "not_found", path)
			assert.Equal(t, "com.sun.jersey.api.NotFoundException", res.JSON["exception"])
		})
	}
	t.Run("405 lists the methods the path has", func(t *testing.T) {
		res := h.send(http.MethodPatch, h.prefix()+"/chatgroups", "", nil, authHeader(h.token))
		assertError(t, res, http.StatusMethodNotAllowed, "method_not_allowed", "PATCH")
		assert.Equal(t, "GET, POST", res.Header.Get("Allow"))
	})
}

func TestBodyTooLarge(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner")
	gid := h.createGroup("owner")

	t.Run("JSON over 1 MB", func(t *testing.T) {
		big := `{"groupname":"` + strings.Repeat("x", MaxJSONBody) + `","desc":"d","public":true,"owner":"owner"}`
		res := h.send(http.MethodPost, h.prefix()+"/chatgroups", "application/json", []byte(big), authHeader(h.token))
		assertError(t, res, http.StatusRequestEntityTooLarge, "payload_too_large", "larger than 1048576 bytes")
		assert.Equal(t, "com.easemob.common.exception.PayloadTooLargeException", res.JSON["exception"])
	})
	t.Run("JSON over 1 MB without a Content-Length", func(t *testing.T) {
		big := `{"groupname":"` + strings.Repeat("x", MaxJSONBody) + `","desc":"d","public":true,"owner":"owner"}`
		req, err := http.NewRequest(http.MethodPost, h.ts.URL+h.prefix()+"/chatgroups", io.NopCloser(strings.NewReader(big)))
		require.NoError(t, err)
		req.ContentLength = -1 // chunked: the limit is found while reading
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+h.token)
		res, err := h.ts.Client().Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		data, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		out := &response{Status: res.StatusCode, Header: res.Header, Body: data}
		require.NoError(t, json.Unmarshal(data, &out.JSON))
		assertError(t, out, http.StatusRequestEntityTooLarge, "payload_too_large", "larger than 1048576 bytes")
	})
	// Every operation that takes a body documents 413, so every one answers it in the service's
	// shape (the harness checks each answer against the contract).
	t.Run("every operation with a JSON body", func(t *testing.T) {
		big := []byte(`{"x":"` + strings.Repeat("x", MaxJSONBody) + `"}`)
		params := map[string]string{"group_id": gid, "chatroom_id": "1", "username": "owner", "file_id": "f", "thread_id": "1"}
		n := 0
		for _, op := range h.contract.Operations() {
			rb := op.Spec.RequestBody
			if rb == nil || rb.Value == nil || rb.Value.Content.Get("application/json") == nil {
				continue
			}
			n++
			t.Run(op.ID, func(t *testing.T) {
				path := op.Path
				for k, v := range params {
					path = strings.ReplaceAll(path, "{"+k+"}", v)
				}
				require.NotContainsf(t, path, "{", "no test value for a parameter of %s", op.Path)
				res := h.send(op.Method, h.prefix()+path, "application/json", big, authHeader(h.token))
				assertError(t, res, http.StatusRequestEntityTooLarge, "payload_too_large", "larger than 1048576 bytes")
			})
		}
		assert.GreaterOrEqual(t, n, 20, "operations with a JSON body")
	})
	// An operation the contract gives no body ignores one, however large: answering 400 or 413
	// there would be a status the contract does not document.
	t.Run("a large body on an operation that takes none is ignored", func(t *testing.T) {
		big := []byte(`{"x":"` + strings.Repeat("x", 2*MaxJSONBody) + `"}`)
		res := h.send(http.MethodGet, h.prefix()+"/chatgroups/"+gid+"/admin", "application/json", big, authHeader(h.token))
		assert.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
	})
	t.Run("upload body over the cap", func(t *testing.T) {
		body, ct := multipartFile(t, "file", "big.bin", bytes.Repeat([]byte{1}, MaxMultipartBody+1))
		res := h.send(http.MethodPost, h.prefix()+"/chatgroups/"+gid+"/share_files", ct, body, authHeader(h.token))
		assertError(t, res, http.StatusRequestEntityTooLarge, "payload_too_large")
	})
	t.Run("file just over 10 MB", func(t *testing.T) {
		body, ct := multipartFile(t, "file", "big.bin", bytes.Repeat([]byte{1}, MaxFileSize+1))
		res := h.send(http.MethodPost, h.prefix()+"/chatgroups/"+gid+"/share_files", ct, body, authHeader(h.token))
		assertError(t, res, http.StatusRequestEntityTooLarge, "payload_too_large")
	})
	t.Run("state is intact", func(t *testing.T) {
		assert.Equal(t, float64(1), h.ok(http.MethodGet, "/chatgroups", nil).JSON["count"])
	})
}

func TestClassify(t *testing.T) {
	for code, want := range codes {
		t.Run(string(code), func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", store.Errorf(code, "msg %s", code))
			k, msg := classify(groupService, err)
			assert.Equal(t, want.errorKind, k)
			assert.Equal(t, "msg "+string(code), msg)
		})
	}
	t.Run("one status per code, whatever the operation", func(t *testing.T) {
		k, _ := classify(familyNamed("removeChatroomMembers"), store.Errorf(store.EFORBIDDEN, "x"))
		assert.Equal(t, http.StatusForbidden, k.status)
		k, _ = classify(familyNamed("removeChatroomMembers"), store.Errorf(store.ENOTINROOM, "x"))
		assert.Equal(t, http.StatusBadRequest, k.status)
		assert.Equal(t, "forbidden_op", k.name)
	})
	t.Run("not a store error is a 500", func(t *testing.T) {
		k, msg := classify(nil, errors.New("boom"))
		assert.Equal(t, http.StatusInternalServerError, k.status)
		assert.Contains(t, msg, "boom")
	})
	t.Run("every store code has a row", func(t *testing.T) {
		for _, c := range []store.Code{store.ENOTFOUND, store.ESVCNOTFOUND, store.EFILENOTFOUND, store.EFORBIDDEN,
			store.EINVALID, store.ETOOLARGE, store.EUNAUTHORIZED, store.ETOKENBLANK, store.ECREDENTIALS, store.EDUPLICATE} {
			assert.Contains(t, codes, c)
		}
	})
	t.Run("a family answers only codes the table has", func(t *testing.T) {
		for _, f := range familyByTag {
			for c := range f.answers {
				assert.Contains(t, codes, c, f.name)
			}
		}
		for c := range registration.answers {
			assert.Contains(t, codes, c, registration.name)
		}
	})
}

func TestPanicIsA500InTheServiceShape(t *testing.T) {
	h := newHarness(t, withHandlers(func(s *Server) map[string]handlerFunc {
		table := s.handlers()
		table["listChatrooms"] = func(c *call) (*reply, error) { panic("defect") }
		return table
	}))
	h.login()
	// Straight to the server: the harness would (rightly) fail the 500 against the contract.
	req := httptest.NewRequest(http.MethodGet, h.prefix()+"/chatrooms", nil)
	req.Header.Set("Authorization", "Bearer "+h.token)
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	res := &response{Status: rec.Code, Body: rec.Body.Bytes()}
	require.NoError(t, json.Unmarshal(res.Body, &res.JSON))
	assertError(t, res, http.StatusInternalServerError, "internal_server_error", "defect")
	j := h.srv.Journal()
	assert.Equal(t, http.StatusInternalServerError, j[len(j)-1].Status)
	h.srv.journal.clear() // the contract has no 500: this violation is the point of the test
	// The server keeps serving.
	h.ok(http.MethodGet, "/chatgroups", nil)
}

// TestInferredStatusesAreDocumented covers the answers the documents give no status for and
// the mock infers: each must be in the contract (the harness fails any answer the contract
// forbids) with the status, error name and wording the spec's examples show.
func TestInferredStatusesAreDocumented(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "bob", "carol")
	gid := h.createGroup("owner", "bob")
	res := h.ok(http.MethodPost, "/chatrooms", map[string]any{"name": "r", "description": "d", "owner": "owner", "members": []string{"bob"}})
	rid, _ := res.dataMap(t)["id"].(string)
	require.NotEmpty(t, rid)
	notInRoom := "user: carol doesn't exist in chatroom: " + rid
	cases := []struct {
		name, method, path string
		body               any
		status             int
		errName, desc      string
	}{
		{"getUser, malformed username", http.MethodGet, "/users/a!b", nil, 400, "illegal_argument", "path username"},
		{"deleteUser, malformed username", http.MethodDelete, "/users/a!b", nil, 400, "illegal_argument", "path username"},
		{"unblockGroupUsers, one user not blocked", http.MethodDelete, "/chatgroups/" + gid + "/blocks/users/bob", nil, 403, "forbidden_op", "user bob is not on the block list of " + gid},
		{"muteGroupMembers, the owner", http.MethodPost, "/chatgroups/" + gid + "/mute", map[string]any{"usernames": []string{"owner"}, "mute_duration": 1000}, 403, "forbidden_op", "forbidden operation on group owner!"},
		{"muteGroupMembers, a non-member (O-06)", http.MethodPost, "/chatgroups/" + gid + "/mute", map[string]any{"usernames": []string{"carol"}, "mute_duration": 1000}, 400, "invalid_parameter", "users [carol] are not members of this group!"},
		{"muteChatroomMembers, a non-member (O-06)", http.MethodPost, "/chatrooms/" + rid + "/mute", map[string]any{"usernames": []string{"carol"}, "mute_duration": 1000}, 400, "invalid_parameter", "users [carol] are not members of this group!"},
		{"addGroupAdmin, a non-member (O-04)", http.MethodPost, "/chatgroups/" + gid + "/admin", map[string]any{"newadmin": "carol"}, 404, "resource_not_found", "user: carol doesn't exist in group: " + gid},
		{"removeGroupAdmin, a member who is not an admin (O-05)", http.MethodDelete, "/chatgroups/" + gid + "/admin/bob", nil, 403, "forbidden_op", "user:bob is not admin of group:" + gid},
		{"modifyChatroom, maxusers below the member count (O-07)", http.MethodPut, "/chatrooms/" + rid, map[string]any{"maxusers": "1"}, 403, "forbidden_op", "current user count is larger than the maxUsers that you want to update !"},
		{"addChatroomAllowListUser, not in the room", http.MethodPost, "/chatrooms/" + rid + "/white/users/carol", nil, 403, "forbidden_op", notInRoom},
		{"setChatroomAttributes, not in the room", http.MethodPut, "/metadata/chatroom/" + rid + "/user/carol", map[string]any{"metaData": map[string]string{"k": "v"}}, 403, "forbidden_op", notInRoom},
		{"forceSetChatroomAttributes, not in the room", http.MethodPut, "/metadata/chatroom/" + rid + "/user/carol/forced", map[string]any{"metaData": map[string]string{"k": "v"}}, 403, "forbidden_op", notInRoom},
		{"deleteChatroomAttributes, not in the room", http.MethodDelete, "/metadata/chatroom/" + rid + "/user/carol", map[string]any{"keys": []string{"k"}}, 403, "forbidden_op", notInRoom},
		{"forceDeleteChatroomAttributes, not in the room", http.MethodDelete, "/metadata/chatroom/" + rid + "/user/carol/forced", map[string]any{"keys": []string{"k"}}, 403, "forbidden_op", notInRoom},
		{"unblockChatroomUsers, one user not blocked", http.MethodDelete, "/chatrooms/" + rid + "/blocks/users/bob", nil, 403, "forbidden_op", "user bob is not on the block list of " + rid},
		{"addChatroomAdmin, user does not exist", http.MethodPost, "/chatrooms/" + rid + "/admin", map[string]any{"newadmin": "ghost"}, 400, "invalid_parameter", "username ghost doesn't exist!"},
		{"removeChatroomAdmin, user does not exist", http.MethodDelete, "/chatrooms/" + rid + "/admin/ghost", nil, 400, "invalid_parameter", "username ghost doesn't exist!"},
		{"removeChatroomMembers, the owner", http.MethodDelete, "/chatrooms/" + rid + "/users/owner", nil, 403, "forbidden_op", "forbidden operation on chatroom owner!"},
		{"removeChatroomMembers, a non-member", http.MethodDelete, "/chatrooms/" + rid + "/users/carol", nil, 400, "forbidden_op", notInRoom},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertError(t, h.do(c.method, c.path, c.body), c.status, c.errName, c.desc)
		})
	}
	t.Run("createGroup, the owner is already in 500 groups", func(t *testing.T) {
		for i := 0; i < store.MaxGroupsPerUser; i++ {
			h.createGroup("carol")
		}
		res := h.do(http.MethodPost, "/chatgroups", map[string]any{"groupname": "g", "desc": "d", "public": true, "owner": "carol"})
		assertError(t, res, http.StatusForbidden, "forbidden_op", "user carol is already in 500 groups, the most allowed")
	})
}
