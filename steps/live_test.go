package steps

import (
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/cassettefile"
)

// TestLiveTargetAgainstTheMock runs the suite through the live target, exactly as it would run
// against the real service (HTTP over loopback, a token from client credentials, users named
// for the run, go-vcr recording, clean-up, retries), with the mock standing in for the service.
// Afterwards the app must be empty: a live run leaves nothing behind in the user's app.
// The @slow scenarios are left out to keep `go test` quick; `emcontract record` runs them all.
func TestLiveTargetAgainstTheMock(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the live target's run against the mock is skipped")
	}
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()

	res, err := Run(context.Background(), RunOptions{
		Target:    KindLive,
		Features:  featuresDir,
		Cassettes: t.TempDir(),
		Tags:      "~@slow",
		Format:    "progress",
		Output:    io.Discard,
		Live:      LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret, Recorded: "the emcontract mock (test)"},
		Log:       t.Logf,
	})
	require.NoError(t, err)
	require.Equal(t, 0, res.Status, "live run against the mock: %s", res)
	assert.Greater(t, res.Scenarios, int64(300), "the live run should cover the suite: %s", res)

	var state struct {
		Apps []struct {
			Users       map[string]any `json:"users"`
			Groups      map[string]any `json:"groups"`
			Chatrooms   map[string]any `json:"chatrooms"`
			SuperAdmins map[string]any `json:"super_admins"`
		} `json:"apps"`
	}
	require.NoError(t, json.Unmarshal([]byte(mockState(t, srv.URL)), &state))
	for _, app := range state.Apps {
		assert.Empty(t, app.Groups, "groups left behind by the live run")
		assert.Empty(t, app.Chatrooms, "chatrooms left behind by the live run")
		assert.Empty(t, app.Users, "users left behind by the live run")
		assert.Empty(t, app.SuperAdmins, "super admins left behind by the live run")
	}
}

// A live run checks the host and the credentials once, before any scenario, and says what the
// service answered; the base URL may carry the /{org}/{app} suffix or not.
func TestLivePreflightAndBaseURL(t *testing.T) {
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	live := func(cfg LiveConfig) (Result, string, error) {
		dir := t.TempDir()
		res, err := Run(context.Background(), RunOptions{
			Target: KindLive, Features: featuresDir + "/auth_and_errors/tokens.feature:7", Cassettes: dir,
			Format: "progress", Output: io.Discard, Live: cfg, Log: t.Logf,
		})
		return res, dir, err
	}
	good := LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret}

	bad := good
	bad.ClientSecret = "wrong"
	res, _, err := live(bad)
	var input *InputError
	require.ErrorAs(t, err, &input)
	assert.Contains(t, err.Error(), "the token request was refused: POST "+srv.URL+"/easemob-demo/testapp/token answered 401")
	assert.Contains(t, err.Error(), "invalid_grant", "the service's answer")
	assert.Zero(t, res.Scenarios, "no scenario ran")

	closed := httptest.NewServer(h)
	closed.Close()
	gone := good
	gone.BaseURL = closed.URL
	gone.Retry = RetryPolicy{Attempts: 1}
	_, _, err = live(gone)
	require.ErrorAs(t, err, &input)
	assert.Contains(t, err.Error(), "live: cannot reach the service at "+closed.URL)

	for _, base := range []string{srv.URL, srv.URL + "/", srv.URL + "/" + MockOrg + "/" + MockApp, srv.URL + "/" + MockOrg + "/" + MockApp + "/"} {
		cfg := good
		cfg.BaseURL = base
		res, dir, err := live(cfg)
		require.NoError(t, err, base)
		assert.Equal(t, 0, res.Status, base)
		cf, err := cassettefile.Read(filepath.Join(dir, "auth_and_errors", "tokens", "get-an-app-token-with-the-client-credentials.yaml"))
		require.NoError(t, err)
		assert.Equal(t, srv.URL+"/"+MockOrg+"/"+MockApp, cf.Meta.BaseURL, base)
	}
}

// A scenario whose token call is refused fails on that call, with the service's answer, not
// on the call it wanted to make.
func TestRefusedTokenIsReportedAsSuch(t *testing.T) {
	b := NewMockBackend(quietMock, t.Logf)
	defer b.Close()
	s, err := b.Open(context.Background(), ScenarioRef{Name: "x"})
	require.NoError(t, err)
	s.ClientSecret = "wrong"
	w := newWorld(s, ScenarioRef{Name: "x"})
	_, err = w.Do(context.Background(), "POST", "/users", map[string]string{"username": "u1", "password": "p"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "getting an app token: POST /token answered 401")
	assert.Contains(t, err.Error(), "invalid_grant")
}
