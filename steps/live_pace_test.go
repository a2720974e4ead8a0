package steps

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/emcontract/emcontract/openapi"
)

// The pacer's buckets are the contract's x-rate-limit: its calls per second, evenly spaced,
// shared by the operations naming the same bucket.
func TestPacerFollowsTheContractsRateLimits(t *testing.T) {
	p, err := newPacer(openapi.MustLoad())
	require.NoError(t, err)
	bucket := func(op string) *rate.Limiter { return p.buckets[p.bucketOf[op]] }
	assert.Equal(t, rate.Limit(50), bucket("createChatroom").Limit(), "x-rate-limit: 50/s")
	assert.Equal(t, rate.Limit(20), bucket("sendGroupMessage").Limit())
	assert.Equal(t, rate.Limit(openapi.DefaultRateLimit), bucket("getGroupDetails").Limit(), "no x-rate-limit: the default")
	assert.Equal(t, 1, bucket("createChatroom").Burst(), "evenly spaced")
	assert.Same(t, bucket("registerUsers"), bucket("deleteUser"), "the account calls share one bucket")
	assert.NotSame(t, bucket("getGroupDetails"), bucket("deleteGroup"))
}

// A live run retries 429s and says, at its end, how many retries each operation needed.
func TestLiveSummaryCountsRetriesPerOperation(t *testing.T) {
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/_mock/faults", "application/json", strings.NewReader(`{"operation_id":"getGroupDetails","status":429,"count":2}`))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)

	features := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(features, "features", "x"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(features, "features", "x", "retry.feature"), []byte(`
Feature: retries
  @G-GRP-06
  Scenario: the details come after two 429s
    Given a group owned by alice
    When I ask for the group's details
    Then the response status is 200
`), 0o644))
	res, err := Run(context.Background(), RunOptions{
		Target: KindLive, Features: filepath.Join(features, "features"), Cassettes: t.TempDir(), Output: io.Discard,
		Live: LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret,
			Retry: RetryPolicy{Attempts: 5, Base: 10 * time.Millisecond, Max: 50 * time.Millisecond}},
		Log: t.Logf,
	})
	require.NoError(t, err)
	require.Equal(t, 0, res.Status, "%s", res)
	require.NotNil(t, res.Live)
	assert.Equal(t, 2, res.Live.Retries)
	assert.Equal(t, "getGroupDetails 2", res.Live.RetriesByOp)
	assert.Contains(t, res.Live.String(), "live: 2 retries after 429/503: getGroupDetails 2")
}
