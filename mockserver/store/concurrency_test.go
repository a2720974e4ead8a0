package store

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentGroupAndRoom hammers one group and one chatroom from many goroutines with every
// kind of write, and checks the invariants the brief names from readers during the run and
// from the final state: no duplicate members, count never above maxusers, owner never blocked,
// and the lists consistent with membership. Run it with -race.
func TestConcurrentGroupAndRoom(t *testing.T) {
	s, _ := newTestStore(t)
	pool := names("u", 30)
	users(t, s, append([]string{"owner"}, pool...)...)
	gres, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "owner", MaxUsers: 12})
	require.NoError(t, err)
	g := gres.GroupID
	rres, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "r", Owner: "owner", MaxUsers: 12})
	require.NoError(t, err)
	r := rres.ID

	const workers, ops = 16, 400
	var wg sync.WaitGroup
	var violations sync.Map
	for w := range workers {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(seed, seed*7+1))
			pick := func() string {
				if rnd.IntN(20) == 0 {
					return "owner"
				}
				return pool[rnd.IntN(len(pool))]
			}
			some := func() []string { return []string{pick(), pick(), pick()} }
			for range ops {
				switch rnd.IntN(22) {
				case 0:
					_, _ = s.AddGroupMember(ctx, app1, g, pick())
				case 1:
					_, _ = s.AddGroupMembers(ctx, app1, g, some())
				case 2:
					_, _ = s.RemoveGroupMember(ctx, app1, g, pick())
				case 3:
					_, _ = s.RemoveGroupMembers(ctx, app1, g, some())
				case 4:
					_, _ = s.BlockGroupUser(ctx, app1, g, pick())
				case 5:
					_, _ = s.BlockGroupUsers(ctx, app1, g, some())
				case 6:
					_, _ = s.UnblockGroupUsers(ctx, app1, g, some())
				case 7:
					_, _ = s.MuteGroupMembers(ctx, app1, g, some(), int64(rnd.IntN(5000)+1))
				case 8:
					_, _ = s.UnmuteGroupMembers(ctx, app1, g, some())
				case 9:
					_, _ = s.AddGroupAdmin(ctx, app1, g, pick())
				case 10:
					_, _ = s.TransferGroupOwner(ctx, app1, g, pick())
				case 11:
					_, _ = s.AddChatroomMember(ctx, app1, r, pick())
				case 12:
					_, _ = s.AddChatroomMembers(ctx, app1, r, some())
				case 13:
					_, _ = s.RemoveChatroomMembers(ctx, app1, r, some())
				case 14:
					_, _ = s.BlockChatroomUsers(ctx, app1, r, some())
				case 15:
					_, _ = s.UnblockChatroomUsers(ctx, app1, r, some())
				case 16:
					_, _ = s.MuteChatroomMembers(ctx, app1, r, some(), -1)
				case 17:
					_, _ = s.SetChatroomAttributes(ctx, app1, r, pick(), map[string]string{"k" + pick(): "v"}, "")
				case 18:
					_, _ = s.AddChatroomAllowListUsers(ctx, app1, r, some())
				case 19:
					if d, err := s.GroupDetails(ctx, app1, []string{g}); err == nil {
						if v := affiliationProblem(d[0].Group.Affiliations, d[0].Group.MaxUsers); v != "" {
							violations.Store(v, true)
						}
					}
				case 20:
					if d, err := s.ChatroomDetails(ctx, app1, []string{r}); err == nil {
						if v := affiliationProblem(d[0].Affiliations, d[0].MaxUsers); v != "" {
							violations.Store(v, true)
						}
					}
				case 21:
					_, _ = s.Snapshot()
				}
			}
		}(uint64(w) + 1)
	}
	wg.Wait()
	violations.Range(func(k, _ any) bool { t.Errorf("seen during the run: %v", k); return true })

	s.mu.RLock()
	defer s.mu.RUnlock()
	gs := s.apps[app1].Groups[g]
	assert.LessOrEqual(t, gs.affiliationsCount(), gs.MaxUsers)
	assert.NotContains(t, gs.Members.seqs, gs.Owner)
	assert.NotContains(t, gs.Blocks, gs.Owner)
	assert.NotContains(t, gs.Mutes, gs.Owner)
	assert.NotContains(t, gs.Admins, gs.Owner)
	for u := range gs.Blocks {
		assert.NotContains(t, gs.Members.seqs, u, "blocked and a member: %s", u)
	}
	for u := range gs.Admins {
		assert.Contains(t, gs.Members.seqs, u, "admin but not a member: %s", u)
	}
	for u := range gs.Mutes {
		assert.Contains(t, gs.Members.seqs, u, "muted but not a member: %s", u)
	}

	rs := s.apps[app1].Chatrooms[r]
	assert.LessOrEqual(t, rs.affiliationsCount(), rs.MaxUsers)
	assert.NotContains(t, rs.Members.seqs, rs.Owner)
	assert.NotContains(t, rs.Blocks, rs.Owner)
	for u := range rs.Blocks {
		assert.NotContains(t, rs.Members.seqs, u)
	}
	for u := range rs.Mutes {
		assert.Contains(t, rs.Members.seqs, u)
	}
	for u := range rs.Allow {
		assert.True(t, rs.inRoom(u), "allow-listed but not in the room: %s", u)
	}
	for k, a := range rs.Attributes {
		if a.AutoDelete {
			assert.True(t, rs.inRoom(a.Owner), "attribute %s outlived its owner %s", k, a.Owner)
		}
	}
}

// affiliationProblem describes what is wrong with an affiliations list, or returns "".
func affiliationProblem(aff []Affiliation, maxUsers int) string {
	if len(aff) > maxUsers {
		return "more affiliations than maxusers"
	}
	seen := map[string]bool{}
	owners := 0
	for _, a := range aff {
		name := a.Member + a.Owner
		if seen[name] {
			return "duplicate " + name
		}
		seen[name] = true
		if a.Owner != "" {
			owners++
		}
	}
	if owners != 1 {
		return "not exactly one owner"
	}
	return ""
}
