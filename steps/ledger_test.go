package steps

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/openapi"
)

// A ledger read back after a kill holds every item in its last state; a line cut by the kill
// is ignored; what may still exist comes in teardown order.
func TestLedgerReadsBackAfterAKill(t *testing.T) {
	dir := t.TempDir()
	l, err := NewLedger(dir, LedgerRun{BaseURL: "http://x", Org: "o", App: "a", Started: time.Now()})
	require.NoError(t, err)
	l.Suffix("k3x9q2ab")
	u := l.Intend(KindUser, "alice_k3x9q2ab", "", "", "s1")
	l.Settle(u, StateCreated, "")
	g := l.Intend(KindGroup, "", "g", "alice_k3x9q2ab", "s1")
	l.Settle(g, StateCreated, "123")
	refused := l.Intend(KindUser, "bob", "", "", "s1")
	l.Settle(refused, StateRefused, "")
	l.Intend(KindRoom, "", "r", "alice_k3x9q2ab", "s2") // no answer before the kill
	gone := l.Intend(KindUser, "carol_k3x9q2ab", "", "", "s2")
	l.Settle(gone, StateCreated, "")
	l.Deleted(KindUser, "CAROL_k3x9q2ab")
	path := l.Path()
	require.NoError(t, l.f.Close()) // killed: no closing line
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"op":"item","item":{"seq":9,"ki`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	back, err := OpenLedger(path)
	require.NoError(t, err)
	defer back.Close()
	assert.Equal(t, "o", back.Run().Org)
	var got []string
	for _, it := range back.Outstanding("") {
		got = append(got, it.Kind+":"+it.ID+":"+it.State)
	}
	assert.Equal(t, []string{"room::pending", "group:123:created", "user:alice_k3x9q2ab:created"}, got)
	assert.True(t, back.Ours("dave_k3x9q2ab"))
	assert.False(t, back.Ours("dave"))
	assert.False(t, back.Knows(KindUser, "bob"), "a refused registration is not the run's")
}

// The guard below the recorder refuses a write that names what the run did not create, lets
// through one that names nothing that exists, refuses the bulk delete, and keeps the ledger
// in step with what the service answered.
func TestLiveGuardRefusesWritesToOthersData(t *testing.T) {
	srv, seeded, before := seededMock(t)
	l, err := NewLedger("", LedgerRun{})
	require.NoError(t, err)
	l.Suffix("k3x9q2ab")
	tr := &ledgerTransport{next: http.DefaultTransport, ledger: l, contract: openapi.MustLoad(), org: MockOrg, app: MockApp, scenario: "s"}
	cfg := LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret}
	tok, err := appToken(context.Background(), srv.Client(), cfg)
	require.NoError(t, err)
	base := srv.URL + "/" + MockOrg + "/" + MockApp
	send := func(method, path, body string) (int, error) {
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := tr.RoundTrip(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	for _, c := range []struct{ method, path, body string }{
		{http.MethodDelete, "/chatgroups/" + seeded.Group, ""},
		{http.MethodDelete, "/chatrooms/" + seeded.Room, ""},
		{http.MethodPut, "/chatgroups/" + seeded.Group, `{"description":"mine now"}`},
		{http.MethodDelete, "/users/alice", ""},
		{http.MethodDelete, "/chatrooms/super_admin/owner", ""},
		{http.MethodPost, "/chatgroups", `{"groupname":"g","desc":"d","public":true,"owner":"owner","members":["alice"]}`},
		{http.MethodPost, "/messages/chatgroups", `{"to":["` + seeded.Group + `"],"type":"txt","body":{"msg":"hi"},"from":"admin"}`},
	} {
		_, err := send(c.method, c.path, c.body)
		var r *refusal
		require.ErrorAs(t, err, &r, "%s %s", c.method, c.path)
	}
	_, err = send(http.MethodDelete, "/users?limit=1", "")
	assert.ErrorContains(t, err, "deletes the app's oldest users")

	status, err := send(http.MethodDelete, "/chatgroups/99999999999", "")
	require.NoError(t, err, "nothing of that id exists: the call can change nothing")
	assert.Equal(t, http.StatusNotFound, status)

	status, err = send(http.MethodPost, "/users", `[{"username":"erin_k3x9q2ab","password":"p"},{"username":"alice","password":"p"}]`)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	assert.True(t, l.Knows(KindUser, "erin_k3x9q2ab"))
	assert.False(t, l.Knows(KindUser, "alice"), "alice existed: the registration did not make her the run's")
	_, err = send(http.MethodPost, "/chatgroups", `{"groupname":"g","desc":"d","public":true,"owner":"erin_k3x9q2ab","members":["bob"]}`)
	assert.ErrorContains(t, err, "the user bob, which this run did not create", "bob's memberships are not the run's to change")
	status, err = send(http.MethodDelete, "/users/erin_k3x9q2ab", "")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	assert.Empty(t, l.Outstanding(""))

	assertOthersIntact(t, srv.URL, seeded, before)
}
