package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	ctx  = context.Background()
	app1 = AppKey{Org: "easemob-demo", App: "testapp"}
	app2 = AppKey{Org: "easemob-demo", App: "otherapp"}
	t0   = time.UnixMilli(1700000000000)
)

// fakeClock is a settable clock: tests move it instead of sleeping.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newTestStore(t *testing.T, opts ...Option) (*Store, *fakeClock) {
	t.Helper()
	clk := &fakeClock{t: t0}
	s := New(append([]Option{WithClock(clk.Now), WithApp(app1.Org, app1.App, "mock-client-id", "mock-client-secret")}, opts...)...)
	return s, clk
}

// users registers users in app1.
func users(t *testing.T, s *Store, names ...string) {
	t.Helper()
	for len(names) > 0 {
		n := min(len(names), MaxUsersPerRegistration)
		nu := make([]NewUser, n)
		for i, name := range names[:n] {
			nu[i] = NewUser{Username: name, Password: "pw"}
		}
		_, err := s.RegisterUsers(ctx, app1, nu)
		require.NoError(t, err)
		names = names[n:]
	}
}

// group creates a group in app1 owned by owner with members (users must exist).
func group(t *testing.T, s *Store, owner string, members ...string) string {
	t.Helper()
	ng := NewGroup{GroupName: "g", Description: "d", Public: true, Owner: owner}
	if len(members) > 0 {
		ng.Members = members
	}
	res, err := s.CreateGroup(ctx, app1, ng)
	require.NoError(t, err)
	return res.GroupID
}

// room creates a chatroom in app1 owned by owner with members.
func room(t *testing.T, s *Store, owner string, members ...string) string {
	t.Helper()
	nr := NewChatroom{Name: "r", Description: "d", Owner: owner}
	if len(members) > 0 {
		nr.Members = members
	}
	res, err := s.CreateChatroom(ctx, app1, nr)
	require.NoError(t, err)
	return res.ID
}

// requireCode checks err is a *Error with the code, and with the message when msg is not "".
func requireCode(t *testing.T, err error, code Code, msg string) {
	t.Helper()
	require.Error(t, err)
	var e *Error
	require.True(t, errors.As(err, &e), "not a *store.Error: %v", err)
	assert.Equal(t, code, e.Code, "message: %s", e.Message)
	if msg != "" {
		assert.Equal(t, msg, e.Message)
	}
}

func memberNames(aff []Affiliation) []string {
	var out []string
	for _, a := range aff {
		if a.Member != "" {
			out = append(out, a.Member)
		}
	}
	return out
}
