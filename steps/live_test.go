package steps

import (
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
