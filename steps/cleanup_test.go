package steps

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLiveCleanupRunsWhenTheScenarioFails runs a failing scenario through the live target
// against an in-process mock and checks that the group and the users it created are gone.
func TestLiveCleanupRunsWhenTheScenarioFails(t *testing.T) {
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()

	features := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(features, "features", "x"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(features, "features", "x", "fail.feature"), []byte(`
Feature: clean-up
  @G-GRP-06
  Scenario: it fails after creating things
    Given a group owned by alice with members bob
    When I ask for the group's details
    Then the response status is 999
`), 0o644))

	res, err := Run(context.Background(), RunOptions{
		Target: KindLive, Features: filepath.Join(features, "features"), Cassettes: t.TempDir(), Output: io.Discard,
		Live: LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret},
	})
	require.NoError(t, err)
	require.NotEqual(t, 0, res.Status, "the scenario is meant to fail")

	var state struct {
		Apps []struct {
			Users  map[string]any `json:"users"`
			Groups map[string]any `json:"groups"`
		} `json:"apps"`
	}
	require.NoError(t, json.Unmarshal([]byte(mockState(t, srv.URL)), &state))
	require.Len(t, state.Apps, 1)
	assert.Empty(t, state.Apps[0].Groups, "the group was not deleted")
	assert.Empty(t, state.Apps[0].Users, "the users were not deleted")
}

func mockState(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + "/_mock/state")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	return string(body)
}
