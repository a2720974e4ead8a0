package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUserThreadsInOneGroup: a user's threads in one group leave out the other groups' threads,
// the last page still carries a cursor and an empty page follows it, and a group that does not
// exist is refused (G-THR-11).
func TestUserThreadsInOneGroup(t *testing.T) {
	s, clock := newTestStore(t)
	users(t, s, "o", "b")
	g := group(t, s, "o", "b")
	other := group(t, s, "o")
	var inG []string
	for range 2 {
		m, err := s.SeedMessage(ctx, app1, MessageSeed{GroupID: g})
		require.NoError(t, err)
		clock.Advance(1)
		c, err := s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: m, Owner: "o"})
		require.NoError(t, err)
		inG = append(inG, c.ThreadID)
	}
	m, err := s.SeedMessage(ctx, app1, MessageSeed{GroupID: other})
	require.NoError(t, err)
	clock.Advance(1)
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: other, Name: "t", MsgID: m, Owner: "o"})
	require.NoError(t, err)

	all, err := s.UserThreads(ctx, app1, "", "o", 0, "", "")
	require.NoError(t, err)
	assert.Len(t, all.Items, 3, "across groups: both groups' threads")

	p, err := s.UserThreads(ctx, app1, g, "o", 2, "", "asc")
	require.NoError(t, err)
	require.Len(t, p.Items, 2, "in the group: only its threads")
	assert.Equal(t, inG, []string{p.Items[0].ID, p.Items[1].ID})
	for _, it := range p.Items {
		assert.Equal(t, g, it.GroupID)
	}
	require.NotEmpty(t, p.Cursor, "the last page still carries a cursor")
	p, err = s.UserThreads(ctx, app1, g, "o", 2, p.Cursor, "asc")
	require.NoError(t, err)
	assert.Empty(t, p.Items, "a page with no threads ends the list")

	p, err = s.UserThreads(ctx, app1, g, "b", 0, "", "")
	require.NoError(t, err)
	assert.Empty(t, p.Items, "a member in no thread has none")

	_, err = s.UserThreads(ctx, app1, "no-such-group", "o", 0, "", "")
	requireCode(t, err, ETHREADMISSING, "group not found.")
}
