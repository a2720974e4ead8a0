package store

import (
	"context"
	"fmt"
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
