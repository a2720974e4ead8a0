package report

import (
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v4"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/emcontract/emcontract/mockserver"
)

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

var update = flag.Bool("update", false, "re-record testdata/fidelity/mock.yaml from the mock")

// fidelityScenario is the traffic of testdata/fidelity/mock.yaml: one token, users, a group
// and a chatroom created, changed, listed and deleted, ids flowing from answers into later
// paths and bodies, an error of each common kind, a permanent mute.
var fidelityScenario = []struct {
	method, path, body string
	token              string // "" none, "ok" the issued one, anything else sent as is
}{
	{"POST", "/token", `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret"}`, ""},
	{"POST", "/users", `[{"username":"alice_fx","password":"secret1"},{"username":"bob_fx","password":"secret2"},{"username":"carol_fx","password":"secret3"}]`, "ok"},
	{"POST", "/chatgroups", `{"groupname":"fixture","desc":"a group","public":true,"owner":"alice_fx","members":["bob_fx"]}`, "ok"},
	{"GET", "/chatgroups/{group}", "", "ok"},
	{"POST", "/chatgroups/{group}/users/carol_fx", "", "ok"},
	{"POST", "/chatgroups/{group}/users/carol_fx", "", "ok"},
	{"GET", "/chatgroups/{group}/users", "", "ok"},
	{"POST", "/chatgroups/{group}/mute", `{"usernames":["bob_fx"],"mute_duration":-1}`, "ok"},
	{"GET", "/chatgroups/{group}/mute", "", "ok"},
	{"DELETE", "/chatgroups/{group}/users/bob_fx,carol_fx", "", "ok"},
	{"GET", "/users/alice_fx/joined_chatgroups", "", "ok"},
	{"POST", "/chatrooms", `{"name":"room","description":"a room","owner":"alice_fx","members":["bob_fx"]}`, "ok"},
	{"PUT", "/chatrooms/{room}", `{"name":"room two"}`, "ok"},
	{"GET", "/chatrooms/{room}", "", "ok"},
	{"POST", "/chatrooms/{room}/announcement", `{"announcement":"hello"}`, "ok"},
	{"GET", "/chatrooms/{room}/announcement", "", "ok"},
	{"GET", "/chatrooms", "", "bad-token"},
	{"DELETE", "/chatgroups/{group}", "", "ok"},
	{"GET", "/chatgroups/{group}", "", "ok"},
	{"DELETE", "/chatrooms/{room}", "", "ok"},
}

// TestRecordFidelityFixture re-records testdata/fidelity/mock.yaml: go test ./report -run
// TestRecordFidelityFixture -update. Secrets are redacted as the suite's recorder does.
func TestRecordFidelityFixture(t *testing.T) {
	if !*update {
		t.Skip("run with -update to re-record testdata/fidelity/mock.yaml")
	}
	srv, err := mockserver.New(mockserver.WithLogger(quietLogger()), mockserver.WithApp("easemob-demo", "testapp", "mock-client-id", "mock-client-secret"))
	require.NoError(t, err)
	const base = "/easemob-demo/testapp"
	vars := map[string]string{}
	token := ""
	c := cassette.New(filepath.Join("testdata", "fidelity", "mock"))
	c.MarshalFunc = yaml.Marshal
	for i, step := range fidelityScenario {
		path := step.path
		for k, v := range vars {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		req := httptest.NewRequest(step.method, "http://mock.local"+base+path, strings.NewReader(step.body))
		if step.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		switch step.token {
		case "":
		case "ok":
			req.Header.Set("Authorization", "Bearer "+token)
		default:
			req.Header.Set("Authorization", "Bearer "+step.token)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		res := w.Result()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		var doc map[string]any
		_ = json.Unmarshal(body, &doc)
		switch {
		case strings.HasSuffix(path, "/token"):
			token, _ = doc["access_token"].(string)
		case step.method == "POST" && path == "/chatgroups":
			vars["group"] = doc["data"].(map[string]any)["groupid"].(string)
		case step.method == "POST" && path == "/chatrooms":
			vars["room"] = doc["data"].(map[string]any)["id"].(string)
		}
		headers := req.Header.Clone()
		if headers.Get("Authorization") != "" {
			headers.Set("Authorization", "Bearer REDACTED")
		}
		c.AddInteraction(&cassette.Interaction{
			ID: i,
			Request: cassette.Request{
				Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Host: "mock.local",
				Body: redactJSON(step.body, "client_secret", "password"), Headers: headers,
				URL: req.URL.String(), Method: step.method, ContentLength: int64(len(step.body)),
			},
			Response: cassette.Response{
				Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, ContentLength: -1,
				Body: redactJSON(string(body), "access_token"), Headers: res.Header,
				Status: res.Status, Code: res.StatusCode,
			},
		})
	}
	// The service, unlike the mock, does not derive ids from the clock: give the recording ids of
	// its own so that replay has to map them to the ids the fresh mock generates.
	ids := strings.NewReplacer(vars["group"], "900000000000001", vars["room"], "900000000000002")
	for _, in := range c.Interactions {
		in.Request.URL = ids.Replace(in.Request.URL)
		in.Request.Body = ids.Replace(in.Request.Body)
		in.Response.Body = ids.Replace(in.Response.Body)
	}
	require.NoError(t, c.Save())
}

func redactJSON(body string, fields ...string) string {
	if body == "" {
		return body
	}
	var doc any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		return body
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				for _, f := range fields {
					if k == f {
						v[k] = "REDACTED"
					}
				}
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(doc)
	out, _ := json.Marshal(doc)
	return string(out)
}
