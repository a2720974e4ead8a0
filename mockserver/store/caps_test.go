package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPermissiveModeCreatesAppsUpToItsCap(t *testing.T) {
	ctx := context.Background()
	s := New(WithPermissiveAuth(), WithMaxPermissiveApps(3))
	for i := range 3 {
		_, err := s.IssueToken(ctx, "o", fmt.Sprint("a", i), "x", "y", 0)
		require.NoError(t, err)
	}
	_, err := s.IssueToken(ctx, "o", "a3", "x", "y", 0)
	require.Error(t, err)
	assert.Equal(t, ELIMIT, ErrorCode(err))
	assert.Contains(t, ErrorMessage(err), "o/a3")
	assert.Len(t, s.Apps(ctx), 3, "the refused app was not created")
	_, err = s.IssueToken(ctx, "o", "a1", "x", "y", 0)
	assert.NoError(t, err, "an existing app still gets tokens")
}

func TestTokensPerAppAreCappedUntilSomeExpire(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s := New(WithApp("o", "a", "id", "secret"), WithApp("o", "b", "id", "secret"), WithMaxTokensPerApp(2), WithClock(func() time.Time { return now }))
	for range 2 {
		_, err := s.IssueToken(ctx, "o", "a", "id", "secret", time.Minute)
		require.NoError(t, err)
	}
	_, err := s.IssueToken(ctx, "o", "a", "id", "secret", time.Minute)
	require.Error(t, err)
	assert.Equal(t, ELIMIT, ErrorCode(err))
	assert.Contains(t, ErrorMessage(err), "2 unexpired tokens")
	_, err = s.IssueToken(ctx, "o", "b", "id", "secret", time.Minute)
	assert.NoError(t, err, "the cap is per app")

	_, err = s.IssueToken(ctx, "o", "a", "id", "wrong", time.Minute)
	assert.Equal(t, ECREDENTIALS, ErrorCode(err), "bad credentials are still told as such, not as the cap")

	now = now.Add(2 * time.Minute) // both expire
	_, err = s.IssueToken(ctx, "o", "a", "id", "secret", time.Minute)
	assert.NoError(t, err, "expired tokens no longer count")
}

func TestTokenCountsSurviveASnapshot(t *testing.T) {
	ctx := context.Background()
	s := New(WithApp("o", "a", "id", "secret"))
	for range 2 {
		_, err := s.IssueToken(ctx, "o", "a", "id", "secret", 0)
		require.NoError(t, err)
	}
	data, err := s.Snapshot()
	require.NoError(t, err)
	r := New(WithMaxTokensPerApp(2))
	require.NoError(t, r.Restore(data))
	_, err = r.IssueToken(ctx, "o", "a", "id", "secret", 0)
	assert.Equal(t, ELIMIT, ErrorCode(err), "the restored tokens count against the cap")
	assert.Equal(t, Summary{Apps: 1, Tokens: 2}, r.Summary())
}

// TestTokensOverAllAppsAreCapped: the per-app cap alone let 1,000 apps hold 10,000 tokens
// each (8.5 GB). The total cap is checked from both sides: at it a token is issued, past it
// refused (429 reach_limit in the HTTP layer), until some expire.
func TestTokensOverAllAppsAreCapped(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s := New(WithPermissiveAuth(), WithMaxTokens(3), WithMaxTokensPerApp(2), WithClock(func() time.Time { return now }))
	for _, app := range []string{"a", "a", "b"} { // the third token reaches the total cap: issued
		_, err := s.IssueToken(ctx, "o", app, "x", "y", time.Minute)
		require.NoError(t, err)
	}
	assert.Equal(t, 3, s.Summary().Tokens)
	for _, app := range []string{"b", "c"} { // b is under its own cap, c is a new app: both refused
		_, err := s.IssueToken(ctx, "o", app, "x", "y", time.Minute)
		require.Error(t, err)
		assert.Equal(t, ELIMIT, ErrorCode(err))
		assert.Contains(t, ErrorMessage(err), "holds 3 unexpired tokens over all apps")
	}
	assert.Equal(t, 3, s.Summary().Tokens)

	now = now.Add(2 * time.Minute) // all expire
	_, err := s.IssueToken(ctx, "o", "c", "x", "y", time.Minute)
	assert.NoError(t, err, "expired tokens no longer count")
	assert.Equal(t, 1, s.Summary().Tokens, "and are gone")
}

// TestTokensInAStateMustBeTheMocksOwn: the table keys tokens by their random bytes, so a state
// naming a token of another shape is refused, naming it.
func TestTokensInAStateMustBeTheMocksOwn(t *testing.T) {
	s := New(WithApp("o", "a", "id", "secret"))
	tok, err := s.IssueToken(context.Background(), "o", "a", "id", "secret", 0)
	require.NoError(t, err)
	data, err := s.Snapshot()
	require.NoError(t, err)
	r := New()
	require.NoError(t, r.Restore(data))
	require.NoError(t, r.Authorize(context.Background(), tok.AccessToken, AppKey{"o", "a"}))
	for _, bad := range []string{"tok", tok.AccessToken[:len(tok.AccessToken)-1], "YWMx" + tok.AccessToken[4:]} {
		broken := strings.Replace(string(data), tok.AccessToken, bad, 1)
		err := r.Restore([]byte(broken))
		require.Error(t, err, bad)
		assert.Contains(t, ErrorMessage(err), "is not a token the mock issues")
	}
}
