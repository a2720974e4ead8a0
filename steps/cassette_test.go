package steps

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/emcontract/emcontract/cassettefile"
	"github.com/emcontract/emcontract/suite"
)

// --- secret scanning ------------------------------------------------------------------------

var secretPatterns = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a bearer token", regexp.MustCompile(`Bearer\s+([^\s"',\]}]+)`)},
	{"a client_secret", regexp.MustCompile(`"client_secret"\s*:\s*"([^"]*)"`)},
	{"an access_token", regexp.MustCompile(`"access_token"\s*:\s*"([^"]*)"`)},
	{"a password", regexp.MustCompile(`"password"\s*:\s*"([^"]*)"`)},
}

// scanSecrets lists every secret in a cassette's text that is not the redaction marker, plus
// any of the known secret values found verbatim.
func scanSecrets(text string, known ...string) []string {
	var problems []string
	for _, p := range secretPatterns {
		for _, m := range p.re.FindAllStringSubmatch(text, -1) {
			if m[1] != cassettefile.Redacted {
				problems = append(problems, p.what+" "+abbreviate([]byte(m[1]), 12))
			}
		}
	}
	for _, k := range known {
		if k != "" && strings.Contains(text, k) {
			problems = append(problems, "the secret value "+abbreviate([]byte(k), 4))
		}
	}
	return problems
}

func TestScanSecretsFindsThem(t *testing.T) {
	tests := []struct {
		name, text string
		bad        bool
	}{
		{"redacted bearer", `Authorization: ["Bearer REDACTED"]`, false},
		{"real bearer", `Authorization: ["Bearer YWMtabc123"]`, true},
		{"redacted secret", `body: '{"client_id":"x","client_secret":"REDACTED"}'`, false},
		{"real secret", `body: '{"client_secret":"s3cr3t"}'`, true},
		{"real access token", `body: '{"access_token":"YWMtxyz","expires_in":1}'`, true},
		{"real password", `body: '[{"password":"hunter2","username":"a"}]'`, true},
		{"known secret anywhere", `body: 'mock-client-secret'`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.bad, len(scanSecrets(tt.text, MockClientSecret)) > 0)
		})
	}
}

// TestCassettesHoldNoSecrets scans every committed cassette.
func TestCassettesHoldNoSecrets(t *testing.T) {
	known := []string{MockClientSecret, os.Getenv(EnvClientSecret)}
	n := 0
	_ = filepath.WalkDir(cassettesDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".yaml" {
			return nil
		}
		n++
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Empty(t, scanSecrets(string(data), known...), "%s holds secrets", path)
		return nil
	})
	t.Logf("%d cassettes scanned", n)
}

// --- redaction and matching -----------------------------------------------------------------

func TestRedactInteraction(t *testing.T) {
	i := &cassette.Interaction{
		Request: cassette.Request{
			Method:  http.MethodPost,
			URL:     "http://h/o/a/token",
			Body:    `{"grant_type":"client_credentials","client_id":"id","client_secret":"s3cr3t"}`,
			Headers: http.Header{"Authorization": {"Bearer YWMtreal"}},
		},
		Response: cassette.Response{Body: `{"access_token":"YWMtreal","expires_in":5,"application":"u"}`, Headers: http.Header{"Content-Length": {"60"}}},
	}
	require.NoError(t, redactInteraction(i))
	assert.Equal(t, "Bearer "+cassettefile.Redacted, i.Request.Headers.Get("Authorization"))
	assert.NotContains(t, i.Request.Body, "s3cr3t")
	assert.Contains(t, i.Request.Body, `"client_id":"id"`)
	assert.NotContains(t, i.Response.Body, "YWMtreal")
	assert.Equal(t, int64(len(i.Response.Body)), i.Response.ContentLength)

	u := &cassette.Interaction{Request: cassette.Request{Method: http.MethodPost, URL: "http://h/o/a/users",
		Body: `[{"username":"a","password":"p1"},{"username":"b","password":"p2"}]`}}
	require.NoError(t, redactInteraction(u))
	assert.Empty(t, scanSecrets(u.Request.Body))
	assert.Contains(t, u.Request.Body, `"username":"b"`)
}

func TestMatchRequestIgnoresSecretsNotShape(t *testing.T) {
	rec := cassette.Request{Method: http.MethodPost, URL: "http://127.0.0.1:1/o/a/token",
		Body:    `{"client_id":"REDACTED","client_secret":"REDACTED","grant_type":"client_credentials"}`,
		Headers: http.Header{"Content-Type": {"application/json"}}}
	req := func(body, auth string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "http://other:2/o/a/token", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		return r
	}
	assert.True(t, matchRequest(req(`{"grant_type":"client_credentials","client_id":"x","client_secret":"y"}`, ""), rec), "secrets and host differ only")
	assert.False(t, matchRequest(req(`{"grant_type":"password","client_id":"x","client_secret":"y"}`, ""), rec), "a real difference")
	assert.False(t, matchRequest(req(`{"grant_type":"client_credentials","client_id":"x","client_secret":"y"}`, "Bearer t"), rec), "a token where none was recorded")

	big := strings.Repeat("x", cassettefile.LargeBody+1)
	assert.Equal(t, cassettefile.Digest(big), cassettefile.Digest(cassettefile.Digest(big)), "digest is idempotent")
	assert.NotEqual(t, cassettefile.Digest(big), cassettefile.Digest(big[:len(big)-1]+"y"))
}

func TestSlugKeepsNamesApart(t *testing.T) {
	assert.Equal(t, "add-one-member", Slug("Add one member"))
	assert.Equal(t, "maxusers-2001-is-rejected", Slug("maxusers 2001 is rejected"))
	assert.NotEqual(t, Slug(`the character "/"`), Slug(`the character "@"`))
	assert.Equal(t, filepath.Join("c", "groups", "members", "add-one-member"),
		CassetteName("c", suite.ScenarioRef{Name: "Add one member", URI: "../features/groups/members.feature"}))
	// A scenario run as FILE:LINE keeps the cassette it has when the whole suite runs.
	assert.Equal(t, filepath.Join("c", "groups", "members", "add-one-member"),
		CassetteName("c", suite.ScenarioRef{Name: "Add one member", URI: "features/groups/members.feature:129"}))
	assert.Equal(t, filepath.Join("c", "groups"), CassetteDir("c", "../features/groups"))
	assert.Equal(t, "c", CassetteDir("c", "features"))
}

// --- replay: a missing interaction fails, naming it -----------------------------------------

// TestReplayNamesAMissingInteraction records one scenario against an in-process mock, checks
// it replays, deletes one interaction from the cassette and checks that replay then fails
// with a message naming the scenario, the cassette and the request.
func TestReplayNamesAMissingInteraction(t *testing.T) {
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	dir := t.TempDir()
	const tags = "@G-MEM-02"
	run := func(target Kind, out io.Writer) Result {
		res, err := Run(context.Background(), RunOptions{
			Target: target, Features: featuresDir, Cassettes: dir, Tags: tags, Format: "progress", Output: out,
			Live: LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret, Recorded: "the in-process mock (test)"},
		})
		require.NoError(t, err)
		return res
	}
	require.Equal(t, 0, run(KindLive, io.Discard).Status, "recording")
	require.Equal(t, 0, run(KindReplay, io.Discard).Status, "replaying the fresh cassette")

	file := filepath.Join(dir, "groups", "members", "add-one-member.yaml")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Empty(t, scanSecrets(string(data), MockClientSecret))
	cf, err := cassettefile.Read(file)
	require.NoError(t, err)
	assert.Equal(t, "Add one member", cf.Meta.Scenario)
	assert.NotEmpty(t, cf.Meta.UserSuffix)

	// Drop the add-member call: POST /chatgroups/{id}/users/{bob}.
	addMember := regexp.MustCompile(`/chatgroups/\d+/users/bob_`)
	var kept []*cassette.Interaction
	dropped := ""
	for _, i := range cf.Interactions {
		if i.Request.Method == http.MethodPost && addMember.MatchString(i.Request.URL) && dropped == "" {
			dropped = urlPath(i.Request.URL)
			continue
		}
		kept = append(kept, i)
	}
	require.NotEmpty(t, dropped, "the cassette has no add-member interaction")
	c := cassette.New(strings.TrimSuffix(file, ".yaml"))
	c.Interactions = kept
	out, err := cassettefile.Marshal(cf.Meta)(c)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, append([]byte("---\n"), out...), 0o644))

	var buf bytes.Buffer
	res := run(KindReplay, &buf)
	assert.NotEqual(t, 0, res.Status, "replay must fail once an interaction is gone")
	msg := buf.String()
	assert.Contains(t, msg, `scenario "Add one member"`)
	assert.Contains(t, msg, file)
	assert.Contains(t, msg, "no recorded interaction left for POST "+dropped)
}
