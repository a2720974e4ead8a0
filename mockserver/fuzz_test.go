package mockserver

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// fuzzTarget is one server shared by all fuzz inputs of a process, seeded with a group and a
// chatroom so inputs reach deep into the handlers.
type fuzzTarget struct {
	srv   *Server
	token string
}

func newFuzzTarget(t testing.TB) *fuzzTarget {
	srv, err := New(WithLogger(quietLogger()), WithJournalSize(64))
	require.NoError(t, err)
	ctx := context.Background()
	tok, err := srv.Store().IssueToken(ctx, DefaultOrg, DefaultApp, DefaultClientID, DefaultClientSecret, time.Hour)
	require.NoError(t, err)
	_, err = srv.Seed(ctx, SeedRequest{SeedData: store.SeedData{
		Users: []store.NewUser{{Username: "u1", Password: "p"}, {Username: "u2", Password: "p"}, {Username: "u3", Password: "p"}},
		Groups: []store.SeedGroup{{ID: "100", NewGroup: store.NewGroup{
			GroupName: "g", Description: "d", Public: true, Owner: "u1", Members: []string{"u2"},
		}}},
		Chatrooms: []store.SeedChatroom{{ID: "200", NewChatroom: store.NewChatroom{
			Name: "r", Description: "d", Owner: "u1", Members: []string{"u2"},
		}}},
	}})
	require.NoError(t, err)
	return &fuzzTarget{srv: srv, token: tok.AccessToken}
}

// FuzzRequest sends arbitrary method, path, content type and body to the mock. Whatever comes
// in, the mock must answer within a bound, never 500, always in the service's error shape when
// it fails, and never what the contract forbids. The f.Add seeds run on every plain `go test`.
func FuzzRequest(f *testing.F) {
	pre := "/" + DefaultOrg + "/" + DefaultApp
	seeds := []struct {
		method, path, ct, body string
		auth                   bool
	}{
		{"GET", pre + "/chatgroups", "", "", true},
		{"GET", pre + "/chatgroups?limit=1&cursor=zzz", "", "", true},
		{"GET", pre + "/chatgroups/100,101,%2C,", "", "", true},
		{"POST", pre + "/chatgroups", "application/json", `{"groupname":"x","desc":"d","public":true,"owner":"u1","members":["u2","u3"]}`, true},
		{"POST", pre + "/chatgroups", "application/json", `{"groupname":"x","desc":"d","public":true,"owner":"u1","maxusers":1e309}`, true},
		{"PUT", pre + "/chatgroups/100", "application/json", `{"newowner":"u2"}`, true},
		{"PUT", pre + "/chatgroups/100", "application/json", `{"groupname":"a/b","newowner":null}`, true},
		{"POST", pre + "/chatgroups/100/users", "application/json", `{"usernames":["u3","u3","U3"]}`, true},
		{"DELETE", pre + "/chatgroups/100/users/u2,u3,,", "", "", true},
		{"POST", pre + "/chatgroups/100/mute", "application/json", `{"usernames":["u2"],"mute_duration":-1}`, true},
		{"POST", pre + "/chatgroups/100/mute", "application/json", `{"usernames":["u2"],"mute_duration":9223372036854775807}`, true},
		{"DELETE", pre + "/chatgroups/100/mute/u2", "", "", true},
		{"POST", pre + "/chatgroups/100/blocks/users/u1", "", "", true},
		{"POST", pre + "/chatgroups/100/share_files", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nhi\r\n--x--\r\n", true},
		{"POST", pre + "/chatgroups/100/share_files", "multipart/form-data; boundary=", "--", true},
		{"GET", pre + "/chatgroups/100/share_files/nope", "", "", true},
		{"PUT", pre + "/metadata/chatroom/200/user/u2", "application/json", `{"metaData":{"k":"v","bad key":"x"},"autoDelete":"NO_DELETE"}`, true},
		{"PUT", pre + "/metadata/chatroom/200/user/u2/forced", "application/json", `{"metaData":{}}`, true},
		{"POST", pre + "/metadata/chatroom/200", "application/json", `{"keys":[]}`, true},
		{"DELETE", pre + "/metadata/chatroom/200/user/u2", "application/json", `{"keys":["k"]}`, true},
		{"POST", pre + "/chatrooms/200/ban", "", "", true},
		{"POST", pre + "/chatrooms/super_admin", "application/json", `{"superadmin":"u3"}`, true},
		{"GET", pre + "/chatrooms/super_admin?pagenum=-1&pagesize=abc", "", "", true},
		{"DELETE", pre + "/chatrooms/200/users/u2%2Cu3", "", "", true},
		{"POST", pre + "/users", "application/json", `[{"username":"new","password":"p"},{"username":"NEW","password":"p"}]`, true},
		{"POST", pre + "/token", "application/json", `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":"99999999999999999999"}`, false},
		{"POST", pre + "/token", "application/json", `{"ttl":-1}`, false},
		{"GET", "/", "", "", false},
		{"PATCH", pre + "/chatgroups", "", "", true},
		{"GET", "/_mock/journal", "", "", false},
		{"POST", "/_mock/faults", "application/json", `{"status":503,"count":1,"path":"/nothing"}`, false},
		{"GET", pre + "/chatgroups/%ZZ", "", "", true},
		{"POST", pre + "/chatgroups", "application/json", strings.Repeat("[", 10000), true},
		{"POST", pre + "/chatgroups", "application/json", `{"groupname":"\u0000\ud800","desc":"d","public":true,"owner":"u1"}`, true},
		// Found by attacking the running mock (hostile_test.go has the regressions).
		{"GET", pre + "/chatrooms/200/users?pagenum=9223372036854775807", "", "", true},
		{"GET", pre + "/users/u1/joined_chatrooms?pagenum=9223372036854775807&pagesize=1", "", "", true},
		{"GET", pre + "/chatgroups/100/users?pagenum=4611686018427387904&pagesize=2", "", "", true},
		{"POST", pre + "/chatrooms/200/mute", "application/json", `{"usernames":["u2"],"mute_duration":9223372036854775807}`, true},
		{"POST", pre + "/chatgroups/100/mute", "application/json", `{"usernames":["u2"],"mute_duration":1e3}`, true},
		{"POST", pre + "/chatgroups", "application/json", `{"groupname":"x","desc":"d","public":true,"owner":"u1","maxusers":1e2}`, true},
		{"POST", pre + "/token", "application/json", `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":3.6e3}`, false},
		{"GET", pre + "/chatgroups//100", "", "", true},
		{"POST", pre + "//chatgroups", "application/json", `{}`, true},
		{"GET", pre + "/users/..", "", "", true},
		{"DELETE", pre + "/chatgroups/100/users/./../u2", "", "", true},
		{"GET", pre + "/chatgroups?limit=1;cursor=x", "", "", true},
		{"GET", pre + "/chatgroups?limit=%ZZ", "", "", true},
		{"GET", pre + "/chatgroups/100%2F", "", "", true},
		{"DELETE", pre + "/chatrooms/200/users/u2,,u3,", "", "", true},
		{"POST", pre + "/chatgroups", "application/json", `{"groupname":"g","desc":"d","public":true,"owner":"u1","owner":"nobody"}`, true},
		{"POST", pre + "/chatgroups", "text/plain", `{"groupname":"g","desc":"d","public":true,"owner":"u1"}`, true},
		{"POST", pre + "/chatgroups", "", `null`, true},
		{"HEAD", pre + "/chatgroups", "", "", true},
		{"OPTIONS", pre + "/chatgroups/100", "", "", true},
		{"GET", "/_mock/journal?violations=true&limit=-1", "", "", false},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.ct, []byte(s.body), s.auth)
	}
	target := newFuzzTarget(f)
	// Every answer is validated twice, by the mock's fast path and by kin-openapi itself; the
	// two must agree on each input of the corpus (and of a fuzzing run).
	stopCrossCheck := openapi.CrossCheck()
	f.Cleanup(func() {
		compared, disagreements := stopCrossCheck()
		f.Logf("%d requests and answers validated both ways", compared)
		if len(disagreements) > 0 {
			f.Errorf("the fast validation and kin-openapi disagree:\n%s", strings.Join(disagreements, "\n"))
		}
	})
	f.Fuzz(func(t *testing.T, method, path, contentType string, body []byte, auth bool) {
		if !strings.HasPrefix(path, "/") {
			path = pre + "/" + path
		}
		req, err := http.NewRequest(method, "http://mock.test"+path, bytes.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if auth {
			req.Header.Set("Authorization", "Bearer "+target.token)
		}
		// Faults and a reset from the fuzzer would only slow it down or hide state.
		if strings.HasPrefix(req.URL.Path, "/_mock/") && method != http.MethodGet {
			return
		}
		target.srv.journal.clear()
		defer target.srv.journal.clear()
		rec := httptest.NewRecorder()
		done := make(chan struct{})
		go func() {
			defer close(done)
			target.srv.ServeHTTP(rec, req)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s %s did not answer within 10s", method, path)
		}
		res := rec.Result()
		if res.StatusCode == http.StatusInternalServerError {
			t.Fatalf("%s %s %.200q answered 500: %s", method, path, body, rec.Body.Bytes())
		}
		if res.StatusCode < 200 || (res.StatusCode >= 300 && res.StatusCode < 400) {
			// mux used to answer "//" and dot segments with a bare 301.
			t.Fatalf("%s %s answered %d, neither an answer nor an error: %s", method, path, res.StatusCode, rec.Body.Bytes())
		}
		if res.StatusCode >= 400 {
			var e map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e["error"] == nil || e["error_description"] == nil {
				t.Fatalf("%s %s answered %d not in the service's error shape: %s", method, path, res.StatusCode, rec.Body.Bytes())
			}
		}
		for _, v := range target.srv.ResponseViolations() {
			t.Fatalf("%s %s %.200q: answer breaks the contract: %d %+v", method, path, body, v.Status, v.ResponseViolations)
		}
	})
}
