package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// indexSizes counts every app-wide index entry of app1: what a deleted group must not leave behind.
func indexSizes(t *testing.T, s *Store) map[string]int {
	t.Helper()
	defer s.rlockApp(app1)()
	a := s.appView(app1)
	threads := 0
	for _, g := range a.Groups {
		threads += len(g.Threads)
	}
	return map[string]int{
		"groups": len(a.Groups), "thread index": len(a.ThreadGroup), "threads in groups": threads,
		"messages": len(a.Messages), "message order": len(a.MessageOrder),
	}
}

// TestDeletingGroupsLeavesNothingBehind: deleting a group used to leave its threads in the app's
// thread index (counted toward the 100,000-thread cap, scanned by every thread call) and its
// messages in the message store. Create/delete cycles, by DELETE and by deleting the owner,
// must bring every index back to its size.
func TestDeletingGroupsLeavesNothingBehind(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "keeper", "member")
	kept := group(t, s, "keeper", "member")
	sent, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{kept}})
	require.NoError(t, err)
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: kept, Name: "kept", MsgID: sent[kept], Owner: "keeper"})
	require.NoError(t, err)
	_, err = s.SendUserMessage(ctx, app1, OutgoingMessage{To: []string{"member"}})
	require.NoError(t, err)
	before := indexSizes(t, s)

	cycle := func(i int, byOwnerDeletion bool) {
		owner := "owner"
		users(t, s, owner)
		g := group(t, s, owner, "member")
		_, err := s.SetMemberAttributes(ctx, app1, g, "member", map[string]string{"k": "v"})
		require.NoError(t, err)
		for range 3 {
			sent, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{g}})
			require.NoError(t, err)
			th, err := s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: sent[g], Owner: owner})
			require.NoError(t, err)
			require.NoError(t, s.AddThreadMembers(ctx, app1, th.ThreadID, []string{"member"}))
			_, err = s.SeedMessage(ctx, app1, MessageSeed{GroupID: g, ThreadID: th.ThreadID})
			require.NoError(t, err)
		}
		if byOwnerDeletion {
			_, err = s.DeleteUser(ctx, app1, owner)
		} else {
			_, err = s.DeleteGroup(ctx, app1, g)
			require.NoError(t, err)
			_, err = s.DeleteUser(ctx, app1, owner)
		}
		require.NoError(t, err, "cycle %d", i)
	}
	for i := range 20 {
		cycle(i, i%2 == 1)
	}
	assert.Equal(t, before, indexSizes(t, s), "20 create/delete cycles leave the indexes as they were")

	ids, err := s.ThreadIDs(ctx, app1, 0, "", "")
	require.NoError(t, err)
	assert.Len(t, ids.Items, 1, "only the kept group's thread is listed")
	joined, err := s.UserThreads(ctx, app1, "", "member", 0, "", "")
	require.NoError(t, err)
	assert.Empty(t, joined.Items)
}
