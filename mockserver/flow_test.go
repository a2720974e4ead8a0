package mockserver

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
)

const permanentExpire = float64(4638873600000) // G-MUTE-02

func TestGroupFlow(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("u1", "u2", "u3", "u4", "u5")
	// One user as a bare object, as the registration page also allows.
	res := h.ok(http.MethodPost, "/users", map[string]string{"username": "u6", "password": "p"})
	require.Len(t, res.JSON["entities"], 1)
	res = h.ok(http.MethodGet, "/users/u1", nil)
	assert.Equal(t, "u1", res.JSON["entities"].([]any)[0].(map[string]any)["username"])

	gid := h.createGroup("u1", "u2")

	t.Run("envelope", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/chatgroups/"+gid, nil)
		assert.Equal(t, "get", res.JSON["action"])
		assert.Equal(t, h.srv.Store().Application(t.Context(), store.AppKey{Org: h.org, App: h.app}), res.JSON["application"])
		assert.Equal(t, h.ts.URL+h.prefix()+"/chatgroups/"+gid, res.JSON["uri"])
		assert.Equal(t, []any{}, res.JSON["entities"])
		assert.Equal(t, h.org, res.JSON["organization"])
		assert.Equal(t, h.app, res.JSON["applicationName"])
		assert.Equal(t, float64(h.clock.Now().UnixMilli()), res.JSON["timestamp"])
		assert.GreaterOrEqual(t, res.JSON["duration"], float64(0))
		assert.Equal(t, float64(1), res.JSON["count"])
		assert.NotContains(t, res.JSON, "params", "no query, no params")
		details := res.dataList(t)[0].(map[string]any)
		assert.Equal(t, "u1", details["owner"])
		assert.Equal(t, float64(2), details["affiliations_count"])
	})

	t.Run("add one member", func(t *testing.T) {
		d := h.ok(http.MethodPost, "/chatgroups/"+gid+"/users/u3", nil).dataMap(t)
		assert.Equal(t, map[string]any{"result": true, "groupid": gid, "action": "add_member", "user": "u3"}, d)
		// Again: already a member (G-MEM-03).
		assertError(t, h.do(http.MethodPost, "/chatgroups/"+gid+"/users/u3", nil), http.StatusForbidden, "forbidden_op")
	})

	t.Run("add members", func(t *testing.T) {
		d := h.ok(http.MethodPost, "/chatgroups/"+gid+"/users", map[string]any{"usernames": []string{"u4", "u5"}}).dataMap(t)
		assert.ElementsMatch(t, []any{"u4", "u5"}, d["newmembers"])
		assert.Equal(t, "add_member", d["action"])
	})

	t.Run("members page echoes params", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/chatgroups/"+gid+"/users?pagenum=1&pagesize=2", nil)
		assert.Equal(t, map[string]any{"pagenum": []any{"1"}, "pagesize": []any{"2"}}, res.JSON["params"])
		assert.Len(t, res.dataList(t), 2)
		assert.Equal(t, float64(2), res.JSON["count"])
	})

	t.Run("mute for ever and for a minute", func(t *testing.T) {
		d := h.ok(http.MethodPost, "/chatgroups/"+gid+"/mute", map[string]any{"usernames": []string{"u2"}, "mute_duration": -1}).dataList(t)
		require.Len(t, d, 1)
		assert.Equal(t, map[string]any{"result": true, "expire": permanentExpire, "user": "u2"}, d[0])

		d = h.ok(http.MethodPost, "/chatgroups/"+gid+"/mute", map[string]any{"usernames": []string{"u3"}, "mute_duration": 60000}).dataList(t)
		assert.Equal(t, float64(h.clock.Now().UnixMilli()+60000), d[0].(map[string]any)["expire"])

		list := h.ok(http.MethodGet, "/chatgroups/"+gid+"/mute", nil).dataList(t)
		assert.ElementsMatch(t, []any{
			map[string]any{"user": "u2", "expire": permanentExpire},
			map[string]any{"user": "u3", "expire": float64(h.clock.Now().UnixMilli() + 60000)},
		}, list)

		h.clock.Advance(2 * time.Minute) // u3's mute has run out (G-MUTE-04)
		list = h.ok(http.MethodGet, "/chatgroups/"+gid+"/mute", nil).dataList(t)
		assert.Equal(t, []any{map[string]any{"user": "u2", "expire": permanentExpire}}, list)
	})

	t.Run("transfer owner", func(t *testing.T) {
		d := h.ok(http.MethodPut, "/chatgroups/"+gid, map[string]any{"newowner": "u2"}).dataMap(t)
		assert.Equal(t, map[string]any{"newowner": true}, d)
		details := h.ok(http.MethodGet, "/chatgroups/"+gid, nil).dataList(t)[0].(map[string]any)
		assert.Equal(t, "u2", details["owner"])
		assert.Contains(t, details["affiliations"], map[string]any{"member": "u1"})
		// Not a member (G-OWN-02).
		assertError(t, h.do(http.MethodPut, "/chatgroups/"+gid, map[string]any{"newowner": "u6"}), http.StatusForbidden, "forbidden_op", "u6")
	})

	t.Run("modify", func(t *testing.T) {
		d := h.ok(http.MethodPut, "/chatgroups/"+gid, map[string]any{"groupname": "renamed", "maxusers": 500}).dataMap(t)
		assert.Equal(t, map[string]any{"groupname": true, "maxusers": true}, d)
	})

	t.Run("remove one and several", func(t *testing.T) {
		d := h.ok(http.MethodDelete, "/chatgroups/"+gid+"/users/u3", nil).dataMap(t)
		assert.Equal(t, "remove_member", d["action"])
		list := h.ok(http.MethodDelete, "/chatgroups/"+gid+"/users/u4,u5", nil).dataList(t)
		assert.Len(t, list, 2)
	})

	t.Run("joined groups", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/users/u1/joined_chatgroups", nil)
		assert.Equal(t, []any{map[string]any{"groupid": gid, "groupname": "renamed"}}, res.data())
	})

	t.Run("delete", func(t *testing.T) {
		d := h.ok(http.MethodDelete, "/chatgroups/"+gid, nil).dataMap(t)
		assert.Equal(t, map[string]any{"success": true, "groupid": gid}, d)
		assertError(t, h.do(http.MethodGet, "/chatgroups/"+gid, nil), http.StatusNotFound, "service_resource_not_found", "do not find this group:"+gid)
		assertError(t, h.do(http.MethodDelete, "/chatgroups/"+gid, nil), http.StatusNotFound, "resource_not_found", "grpID "+gid+" does not exist!")
	})
}

func TestGroupListsAndFiles(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("o", "m1", "m2", "m3")
	ids := []string{h.createGroup("o", "m1"), h.createGroup("o", "m2"), h.createGroup("o", "m3")}

	t.Run("cursor pages", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/chatgroups?limit=2", nil)
		require.Len(t, res.dataList(t), 2)
		cursor, _ := res.JSON["cursor"].(string)
		require.NotEmpty(t, cursor)
		res = h.ok(http.MethodGet, "/chatgroups?limit=2&cursor="+cursor, nil)
		require.Len(t, res.dataList(t), 1)
		assert.NotContains(t, res.JSON, "cursor", "last page")
		assert.Equal(t, map[string]any{"limit": []any{"2"}, "cursor": []any{cursor}}, res.JSON["params"])
	})

	t.Run("block list", func(t *testing.T) {
		gid := ids[0]
		d := h.ok(http.MethodPost, "/chatgroups/"+gid+"/blocks/users/m1", nil).dataMap(t)
		assert.Equal(t, "add_blocks", d["action"])
		assert.Equal(t, []any{"m1"}, h.ok(http.MethodGet, "/chatgroups/"+gid+"/blocks/users", nil).data())
		assertError(t, h.do(http.MethodPost, "/chatgroups/"+gid+"/blocks/users/o", nil), http.StatusForbidden, "forbidden_op", "forbidden operation on group owner!")
		d = h.ok(http.MethodDelete, "/chatgroups/"+gid+"/blocks/users/m1", nil).dataMap(t)
		assert.Equal(t, "remove_blocks", d["action"])
	})

	t.Run("admins", func(t *testing.T) {
		gid := ids[1]
		d := h.ok(http.MethodPost, "/chatgroups/"+gid+"/admin", map[string]any{"newadmin": "m2"}).dataMap(t)
		assert.Equal(t, map[string]any{"result": "success", "newadmin": "m2"}, d)
		res := h.ok(http.MethodGet, "/chatgroups/"+gid+"/admin", nil)
		assert.Equal(t, []any{"m2"}, res.data())
		assert.Equal(t, float64(1), res.JSON["count"])
		d = h.ok(http.MethodDelete, "/chatgroups/"+gid+"/admin/m2", nil).dataMap(t)
		assert.Equal(t, map[string]any{"result": "success", "oldadmin": "m2"}, d)
	})

	t.Run("announcement", func(t *testing.T) {
		gid := ids[2]
		d := h.ok(http.MethodPost, "/chatgroups/"+gid+"/announcement", map[string]any{"announcement": "hello"}).dataMap(t)
		assert.Equal(t, map[string]any{"id": gid, "result": true}, d)
		assert.Equal(t, map[string]any{"announcement": "hello"}, h.ok(http.MethodGet, "/chatgroups/"+gid+"/announcement", nil).data())
	})

	t.Run("shared file round trip", func(t *testing.T) {
		gid := ids[2]
		body, ct := multipartFile(t, "file", "notes.txt", []byte("hello, group"))
		res := h.send(http.MethodPost, h.prefix()+"/chatgroups/"+gid+"/share_files", ct, body, authHeader(h.token))
		require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)
		up := res.dataMap(t)
		fileID, _ := up["file_id"].(string)
		require.NotEmpty(t, fileID)
		assert.Equal(t, "notes.txt", up["file_name"])

		list := h.ok(http.MethodGet, "/chatgroups/"+gid+"/share_files?pagenum=1&pagesize=10", nil).dataList(t)
		require.Len(t, list, 1)

		dl := h.send(http.MethodGet, h.prefix()+"/chatgroups/"+gid+"/share_files/"+fileID, "", nil, authHeader(h.token))
		require.Equal(t, http.StatusOK, dl.Status)
		assert.Equal(t, "hello, group", string(dl.Body))

		d := h.ok(http.MethodDelete, "/chatgroups/"+gid+"/share_files/"+fileID, nil).dataMap(t)
		assert.Equal(t, map[string]any{"group_id": gid, "file_id": fileID, "result": true}, d)
		assertError(t, h.do(http.MethodDelete, "/chatgroups/"+gid+"/share_files/"+fileID, nil), http.StatusNotFound, "not_found")
	})
}

func TestChatroomFlow(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("r1", "r2", "r3", "r4")
	res := h.ok(http.MethodPost, "/chatrooms", map[string]any{"name": "room", "description": "a room", "owner": "r1", "members": []string{"r2", "r3"}})
	rid, _ := res.dataMap(t)["id"].(string)
	require.NotEmpty(t, rid)

	t.Run("members", func(t *testing.T) {
		d := h.ok(http.MethodPost, "/chatrooms/"+rid+"/users/r4", nil).dataMap(t)
		assert.Equal(t, map[string]any{"result": true, "action": "add_member", "id": rid, "user": "r4"}, d)
		// Already in the room: 400 (R-MEM-03).
		assertError(t, h.do(http.MethodPost, "/chatrooms/"+rid+"/users/r4", nil), http.StatusBadRequest, "invalid_parameter")
		res := h.ok(http.MethodGet, "/chatrooms/"+rid+"/users", nil)
		assert.Equal(t, float64(4), res.JSON["count"])
	})

	t.Run("attributes and forced overwrite", func(t *testing.T) {
		path := "/metadata/chatroom/" + rid + "/user/"
		d := h.ok(http.MethodPut, path+"r2", map[string]any{"metaData": map[string]string{"k1": "v1", "k2": "v2"}, "autoDelete": "NO_DELETE"}).dataMap(t)
		assert.ElementsMatch(t, []any{"k1", "k2"}, d["successKeys"])

		// r3 may not overwrite r2's key (R-META-03) ...
		d = h.ok(http.MethodPut, path+"r3", map[string]any{"metaData": map[string]string{"k1": "mine"}}).dataMap(t)
		assert.Empty(t, d["successKeys"])
		assert.Contains(t, d["errorKeys"], "k1")

		// ... unless forced (R-META-04).
		d = h.ok(http.MethodPut, path+"r3/forced", map[string]any{"metaData": map[string]string{"k1": "mine"}}).dataMap(t)
		assert.Equal(t, []any{"k1"}, d["successKeys"])

		got := h.ok(http.MethodPost, "/metadata/chatroom/"+rid, map[string]any{"keys": []string{"k1"}}).data()
		assert.Equal(t, map[string]any{"k1": "mine"}, got)
		all := h.ok(http.MethodPost, "/metadata/chatroom/"+rid, nil).data()
		assert.Equal(t, map[string]any{"k1": "mine", "k2": "v2"}, all)

		// r2 no longer owns k1: a plain delete fails for it, a forced one works.
		d = h.ok(http.MethodDelete, path+"r2", map[string]any{"keys": []string{"k1"}}).dataMap(t)
		assert.Contains(t, d["errorKeys"], "k1")
		d = h.ok(http.MethodDelete, path+"r2/forced", map[string]any{"keys": []string{"k1"}}).dataMap(t)
		assert.Equal(t, []any{"k1"}, d["successKeys"])
	})

	t.Run("mute, allow list and ban", func(t *testing.T) {
		d := h.ok(http.MethodPost, "/chatrooms/"+rid+"/mute", map[string]any{"usernames": []string{"r2"}, "mute_duration": -1}).dataList(t)
		assert.Equal(t, permanentExpire, d[0].(map[string]any)["expire"])
		list := h.ok(http.MethodGet, "/chatrooms/"+rid+"/mute", nil).dataList(t)
		assert.Contains(t, list, map[string]any{"user": "r2", "expire": permanentExpire})

		d2 := h.ok(http.MethodPost, "/chatrooms/"+rid+"/white/users/r3", nil).dataMap(t)
		assert.Equal(t, "add_user_whitelist", d2["action"])

		assert.Equal(t, map[string]any{"mute": true}, h.ok(http.MethodPost, "/chatrooms/"+rid+"/ban", nil).data())
		ban := h.control("", http.MethodGet, "/chatrooms/"+h.org+"/"+h.app+"/"+rid+"/ban?user=r3", nil)
		require.Equal(t, http.StatusOK, ban.Status, "%s", ban.Body)
		assert.Equal(t, true, ban.JSON["mute_all"])
		assert.Equal(t, true, ban.JSON["can_speak"], "allow-listed users may speak while banned (R-BAN-02)")
		assert.Equal(t, map[string]any{"mute": false}, h.ok(http.MethodDelete, "/chatrooms/"+rid+"/ban", nil).data())
		ban = h.control("", http.MethodGet, "/chatrooms/"+h.org+"/"+h.app+"/"+rid+"/ban", nil)
		assert.Equal(t, false, ban.JSON["mute_all"])
	})

	t.Run("super admins carry properties", func(t *testing.T) {
		h.ok(http.MethodPost, "/chatrooms/super_admin", map[string]any{"superadmin": "r1"})
		res := h.ok(http.MethodGet, "/chatrooms/super_admin?pagenum=1&pagesize=10", nil)
		assert.Equal(t, []any{"r1"}, res.data())
		res = h.ok(http.MethodDelete, "/chatrooms/super_admin/r1", nil)
		assert.Equal(t, map[string]any{}, res.JSON["properties"])
	})

	t.Run("remove a non-member answers 400 forbidden_op", func(t *testing.T) {
		h.registerUsers("stranger")
		assertError(t, h.do(http.MethodDelete, "/chatrooms/"+rid+"/users/stranger", nil), http.StatusBadRequest, "forbidden_op")
	})

	t.Run("details and delete", func(t *testing.T) {
		res := h.ok(http.MethodGet, "/chatrooms/"+rid, nil)
		assert.NotNil(t, res.data())
		d := h.ok(http.MethodDelete, "/chatrooms/"+rid, nil).dataMap(t)
		assert.Equal(t, map[string]any{"success": true, "id": rid}, d)
		assertError(t, h.do(http.MethodGet, "/chatrooms/"+rid+"/announcement", nil), http.StatusNotFound, "resource_not_found")
	})
}

func TestToken(t *testing.T) {
	h := newHarness(t)
	for _, ttl := range []any{nil, 3600, "3600", 0} {
		t.Run(fmt.Sprintf("ttl %v", ttl), func(t *testing.T) {
			body := map[string]any{"grant_type": "client_credentials", "client_id": DefaultClientID, "client_secret": DefaultClientSecret}
			if ttl != nil {
				body["ttl"] = ttl
			}
			res := h.do(http.MethodPost, "/token", body)
			require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)
			assert.NotEmpty(t, res.JSON["access_token"])
			assert.NotEmpty(t, res.JSON["application"])
			if ttl == 3600 || ttl == "3600" {
				assert.Equal(t, float64(3600), res.JSON["expires_in"])
			}
		})
	}
	t.Run("wrong secret", func(t *testing.T) {
		res := h.do(http.MethodPost, "/token", map[string]any{"grant_type": "client_credentials", "client_id": DefaultClientID, "client_secret": "nope"})
		assertError(t, res, http.StatusUnauthorized, "invalid_grant")
	})
	t.Run("unknown app", func(t *testing.T) {
		data := []byte(`{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret"}`)
		res := h.send(http.MethodPost, "/other/app/token", "application/json", data, nil)
		assertError(t, res, http.StatusUnauthorized, "invalid_grant")
	})
}

func TestUnauthorized(t *testing.T) {
	h := newHarness(t, WithApp("orgA", "appA", "idA", "secretA"), WithApp("orgB", "appB", "idB", "secretB"))
	tokA := h.getToken("orgA", "appA", "idA", "secretA", nil)
	tokB := h.getToken("orgB", "appB", "idB", "secretB", nil)
	short := h.getToken("orgB", "appB", "idB", "secretB", 60)
	h.org, h.app = "orgB", "appB"
	h.token = tokB
	h.registerUsers("someone")

	expired := func() string { h.clock.Advance(2 * time.Minute); return short }
	cases := []struct {
		name   string
		header func() http.Header
		want   string
	}{
		{"no token (O-03)", func() http.Header { return nil }, "token is blank!"},
		{"empty bearer", func() http.Header { return http.Header{"Authorization": {"Bearer "}} }, store.BadToken().Message},
		{"basic scheme", func() http.Header { return http.Header{"Authorization": {"Basic " + tokB}} }, store.BadToken().Message},
		{"unknown token", func() http.Header { return authHeader("YWMtnot-a-real-token") }, store.BadToken().Message},
		{"token of app A on app B", func() http.Header { return authHeader(tokA) }, store.BadToken().Message},
		{"expired token", func() http.Header { return authHeader(expired()) }, store.BadToken().Message},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, call := range []struct{ method, path string }{
				{http.MethodGet, "/chatgroups"},
				{http.MethodGet, "/users/someone"},
				{http.MethodPost, "/chatrooms/1/ban"},
			} {
				res := h.send(call.method, "/orgB/appB"+call.path, "", nil, tc.header())
				assertError(t, res, http.StatusUnauthorized, "group_authorization", tc.want)
				assert.Equal(t, tc.want, res.JSON["error_description"])
				assert.Equal(t, "com.easemob.group.exception.GroupAuthorizationException", res.JSON["exception"])
			}
		})
	}
	t.Run("the right token still works", func(t *testing.T) {
		h.ok(http.MethodGet, "/users/someone", nil)
	})
}

func authHeader(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }
