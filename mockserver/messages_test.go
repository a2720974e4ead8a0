package mockserver

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSendingMessagesAnswersTheirIdsAndThreadsHangOnThem(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("owner", "bob")
	gid, _ := h.ok(http.MethodPost, "/chatgroups", map[string]any{"groupname": "g", "desc": "d", "public": true, "owner": "owner", "members": []string{"bob"}}).dataMap(t)["groupid"].(string)
	require.NotEmpty(t, gid)

	res := h.ok(http.MethodPost, "/messages/chatgroups", map[string]any{"from": "owner", "to": []string{gid}, "type": "txt", "body": map[string]any{"msg": "hi"}})
	assert.Equal(t, "/messages/chatgroups", res.JSON["path"])
	assert.Equal(t, "post", res.JSON["action"])
	msg, _ := res.dataMap(t)[gid].(string)
	require.NotEmpty(t, msg)
	thread := h.ok(http.MethodPost, "/thread", map[string]any{"group_id": gid, "name": "t", "msg_id": msg, "owner": "owner"}).dataMap(t)["thread_id"]
	assert.NotEmpty(t, thread)

	chat := h.ok(http.MethodPost, "/messages/users", map[string]any{"to": []string{"bob", "nobody"}, "type": "txt", "body": map[string]any{"msg": "hi"}})
	assert.Len(t, chat.dataMap(t), 2, "receivers are not checked to exist")
	res = h.do(http.MethodPost, "/thread", map[string]any{"group_id": gid, "name": "t", "msg_id": chat.dataMap(t)["bob"], "owner": "owner"})
	assertError(t, res, http.StatusBadRequest, "group_error", "thread must on group message to create.")
}

func TestSendingMessagesRefusesWithThePagesWords(t *testing.T) {
	h := newHarness(t).login()
	body := func(to ...string) map[string]any {
		return map[string]any{"to": to, "type": "txt", "body": map[string]any{"msg": "hi"}}
	}
	res := h.do(http.MethodPost, "/messages/chatgroups", body("1", "2", "3", "4"))
	assertError(t, res, http.StatusBadRequest, "message_send_error", "param to exceed limit")
	big := body("1")
	big["ext"] = map[string]any{"pad": strings.Repeat("x", 5*1024)}
	res = h.do(http.MethodPost, "/messages/users", big)
	assertError(t, res, http.StatusBadRequest, "message_send_error", "message is too large")
	res = h.do(http.MethodPost, "/messages/users", map[string]any{"to": []string{"bob"}, "type": "txt", "body": map[string]any{"msg": "x"}, "from": ""})
	assertError(t, res, http.StatusBadRequest, "message_send_error", "from")
	res = h.do(http.MethodPost, "/messages/chatgroups", map[string]any{"to": []string{"1"}, "body": map[string]any{}})
	assertError(t, res, http.StatusBadRequest, "message_send_error", "type")
}

func TestThreadCallsRefuseABodyThatIsNotJSONAsSpringDoes(t *testing.T) {
	h := newHarness(t).login()
	res := h.send(http.MethodPost, h.prefix()+"/thread", "application/json", []byte(`{"group_id": `), http.Header{"Authorization": {"Bearer " + h.token}})
	assertError(t, res, http.StatusBadRequest, "param_illegal", "Failed to read HTTP message")
	// Other calls keep naming what is wrong.
	res = h.send(http.MethodPost, h.prefix()+"/chatgroups", "application/json", []byte(`{"groupname": `), http.Header{"Authorization": {"Bearer " + h.token}})
	assertError(t, res, http.StatusBadRequest, "invalid_parameter")
}
