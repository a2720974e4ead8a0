package mockserver

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestClientSDKRequestsAreAccepted: what client SDKs send and the service takes (O-08, O-11,
// O-12) passes the contract and does what the service does.
func TestClientSDKRequestsAreAccepted(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "bob")

	t.Run(`O-12 "ttl": "" is the default lifetime`, func(t *testing.T) {
		tok := h.getToken(h.org, h.app, DefaultClientID, DefaultClientSecret, "")
		assert.NotEmpty(t, tok)
	})

	var gid string
	t.Run("O-08, O-11 group create with description and maxusers as a string", func(t *testing.T) {
		res := h.ok(http.MethodPost, "/chatgroups", map[string]any{"groupname": "g", "description": "today's name", "public": true, "owner": "owner", "maxusers": "300"})
		gid, _ = res.dataMap(t)["groupid"].(string)
		require.NotEmpty(t, gid)
		d := h.ok(http.MethodGet, "/chatgroups/"+gid, nil).dataList(t)[0].(map[string]any)
		assert.Equal(t, "today's name", d["description"])
		assert.EqualValues(t, 300, d["maxusers"])
		h.ok(http.MethodPut, "/chatgroups/"+gid, map[string]any{"maxusers": "400"})
		d = h.ok(http.MethodGet, "/chatgroups/"+gid, nil).dataList(t)[0].(map[string]any)
		assert.EqualValues(t, 400, d["maxusers"])
	})
	t.Run("O-11 with desc and description, desc wins", func(t *testing.T) {
		res := h.ok(http.MethodPost, "/chatgroups", map[string]any{"groupname": "g2", "desc": "the desc", "description": "other", "public": true, "owner": "owner"})
		id, _ := res.dataMap(t)["groupid"].(string)
		d := h.ok(http.MethodGet, "/chatgroups/"+id, nil).dataList(t)[0].(map[string]any)
		assert.Equal(t, "the desc", d["description"])
	})
	t.Run("O-08 maxusers strings out of range are refused", func(t *testing.T) {
		for _, tc := range []struct{ path, method string }{{"/chatgroups", http.MethodPost}, {"/chatrooms", http.MethodPost}} {
			body := map[string]any{"groupname": "g", "desc": "d", "public": true, "name": "r", "description": "d", "owner": "owner", "maxusers": "10001"}
			if tc.path == "/chatgroups" {
				delete(body, "name")
				delete(body, "description")
			} else {
				delete(body, "groupname")
				delete(body, "desc")
				delete(body, "public")
			}
			assertError(t, h.do(tc.method, tc.path, body), http.StatusBadRequest, "invalid_parameter", "maxusers")
		}
	})
	t.Run("O-12 an empty cursor= is the first page", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/chatgroups?limit=1&cursor=", nil)
		assert.Len(t, res.dataList(t), 1)
		assert.NotEmpty(t, res.JSON["cursor"])
		h.ok(http.MethodPost, "/chatrooms", map[string]any{"name": "r", "description": "d", "owner": "owner", "maxusers": "200"})
		res = h.ok(http.MethodGet, "/chatrooms?limit=1&cursor=", nil)
		assert.Len(t, res.dataList(t), 1)
	})
	t.Run(`O-12 "keys": null reads every attribute`, func(t *testing.T) {
		res := h.ok(http.MethodPost, "/chatrooms", map[string]any{"name": "r", "description": "d", "owner": "owner", "members": []string{"bob"}})
		rid, _ := res.dataMap(t)["id"].(string)
		h.ok(http.MethodPut, "/metadata/chatroom/"+rid+"/user/bob", map[string]any{"metaData": map[string]string{"a": "1", "b": "2"}})
		got := h.ok(http.MethodPost, "/metadata/chatroom/"+rid, map[string]any{"keys": nil}).dataMap(t)
		assert.Equal(t, map[string]any{"a": "1", "b": "2"}, got)
	})
}
