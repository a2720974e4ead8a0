package mockserver

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The mock's clock is frozen in the harness, so buckets refill only when the test moves it.
func TestRateLimitsPerAppAndOperation(t *testing.T) {
	h := newHarness(t, WithRateLimits()).login()
	h.registerUsers("owner")
	gid := h.createGroup("owner")
	for i := range 100 {
		res := h.do(http.MethodPost, "/chatgroups/"+gid+"/ban", nil)
		require.Equalf(t, http.StatusOK, res.Status, "call %d: %s", i+1, res.Body)
	}
	assertError(t, h.do(http.MethodPost, "/chatgroups/"+gid+"/ban", nil), http.StatusTooManyRequests, "reach_limit", "This request has reached api limit")
	// Another operation has its own bucket (G-BAN-10: 100/s for each of POST and DELETE).
	assert.Equal(t, http.StatusOK, h.do(http.MethodDelete, "/chatgroups/"+gid+"/ban", nil).Status)
	// A second later the bucket is full again.
	h.clock.Advance(time.Second)
	assert.Equal(t, http.StatusOK, h.do(http.MethodPost, "/chatgroups/"+gid+"/ban", nil).Status)
}

func TestRateLimitsSharedBucketAndSwitch(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("u1")
	// Off by default: far more than any limit passes.
	for range 120 {
		require.Equal(t, http.StatusOK, h.do(http.MethodGet, "/users/u1", nil).Status)
	}
	res := h.control("", http.MethodPut, "/rate-limits", map[string]any{"enabled": true})
	require.Equalf(t, http.StatusOK, res.Status, "%s", res.Body)
	// The account calls share one bucket of 100/s (U-07): 99 gets and one list empty it.
	for range 99 {
		require.Equal(t, http.StatusOK, h.do(http.MethodGet, "/users/u1", nil).Status)
	}
	require.Equal(t, http.StatusOK, h.do(http.MethodGet, "/users", nil).Status)
	assertError(t, h.do(http.MethodDelete, "/users/u1", nil), http.StatusTooManyRequests, "reach_limit")
	// Switching off lets everything through again.
	require.Equal(t, http.StatusOK, h.control("", http.MethodPut, "/rate-limits", map[string]any{"enabled": false}).Status)
	assert.Equal(t, http.StatusOK, h.do(http.MethodGet, "/users/u1", nil).Status)
	assert.Equal(t, http.StatusBadRequest, h.control("", http.MethodPut, "/rate-limits", map[string]any{}).Status)
}

// The suite's mock backend reuses servers between scenarios through POST /_mock/reset, so a
// reset must put the mode back to how the server started.
func TestResetRestoresTheRateLimitMode(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("u1")
	require.Equal(t, http.StatusOK, h.control("", http.MethodPut, "/rate-limits", map[string]any{"enabled": true, "refill": false}).Status)
	for range 100 {
		require.Equal(t, http.StatusOK, h.do(http.MethodGet, "/users/u1", nil).Status)
	}
	require.Equal(t, http.StatusTooManyRequests, h.do(http.MethodGet, "/users/u1", nil).Status)
	require.Equal(t, http.StatusOK, h.control("", http.MethodPost, "/reset", nil).Status)
	h.registerUsers("u1")
	for range 150 {
		require.Equal(t, http.StatusOK, h.do(http.MethodGet, "/users/u1", nil).Status)
	}
}
