package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupBlocks(t *testing.T) {
	setup := func(t *testing.T) (*Store, string) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2", "user3", "user4", "user10")
		return s, group(t, s, "user1", "user2", "user4")
	}
	t.Run("G-BLK-01 G-BLK-02 block one: out of members, admins, mutes and joined list", func(t *testing.T) {
		s, g := setup(t)
		_, err := s.AddGroupAdmin(ctx, app1, g, "user2")
		require.NoError(t, err)
		_, err = s.MuteGroupMembers(ctx, app1, g, []string{"user2"}, -1)
		require.NoError(t, err)
		res, err := s.BlockGroupUser(ctx, app1, g, "User2")
		require.NoError(t, err)
		assert.Equal(t, BlockResult{Result: true, Action: "add_blocks", User: "user2", GroupID: g}, res)
		blocks, err := s.GroupBlocks(ctx, app1, g)
		require.NoError(t, err)
		assert.Equal(t, []string{"user2"}, blocks)
		mem, _ := s.GroupMembers(ctx, app1, g, 0, 0)
		assert.Equal(t, []string{"user4"}, memberNames(mem))
		admins, _ := s.GroupAdmins(ctx, app1, g)
		assert.Empty(t, admins)
		mutes, _ := s.GroupMutes(ctx, app1, g)
		assert.Empty(t, mutes)
		j, _ := s.JoinedGroups(ctx, app1, "user2")
		assert.Empty(t, j)
	})
	single := []struct {
		name, user string
		msg        string
	}{
		{"G-BLK-03 the owner: 403", "user1", "forbidden operation on group owner!"},
		{"G-BLK-04 user does not exist: 403 (002)", "user10x", "users [user10x] are not members of this group!"},
		{"G-BLK-04 not a member: 403", "user10", "users [user10] are not members of this group!"},
	}
	for _, c := range single {
		t.Run(c.name, func(t *testing.T) {
			s, g := setup(t)
			_, err := s.BlockGroupUser(ctx, app1, g, c.user)
			requireCode(t, err, EFORBIDDEN, c.msg)
			blocks, _ := s.GroupBlocks(ctx, app1, g)
			assert.Empty(t, blocks)
		})
	}
	t.Run("G-BLK-05 block several with per-user results", func(t *testing.T) {
		s, g := setup(t)
		res, err := s.BlockGroupUsers(ctx, app1, g, []string{"user3", "user4", "ghost"})
		require.NoError(t, err)
		assert.Equal(t, []BlockResult{
			{Result: false, Action: "add_blocks", Reason: "user: user3 doesn't exist in group: " + g, User: "user3", GroupID: g},
			{Result: true, Action: "add_blocks", User: "user4", GroupID: g},
			{Result: false, Action: "add_blocks", Reason: "the user ghost doesn't exist", User: "ghost", GroupID: g},
		}, res)
		blocks, _ := s.GroupBlocks(ctx, app1, g)
		assert.Equal(t, []string{"user4"}, blocks)
	})
	t.Run("G-BLK-05 the owner in a batch fails the whole call", func(t *testing.T) {
		s, g := setup(t)
		_, err := s.BlockGroupUsers(ctx, app1, g, []string{"user2", "USER1"})
		requireCode(t, err, EFORBIDDEN, "forbidden operation on group owner!")
		blocks, _ := s.GroupBlocks(ctx, app1, g)
		assert.Empty(t, blocks)
		_, err = s.BlockGroupUsers(ctx, app1, g, names("x", 61))
		requireCode(t, err, EINVALID, "usernames: at most 60 items, got 61")
	})
	t.Run("G-BLK-06 unblock one", func(t *testing.T) {
		s, g := setup(t)
		_, err := s.BlockGroupUser(ctx, app1, g, "user2")
		require.NoError(t, err)
		res, err := s.UnblockGroupUser(ctx, app1, g, "user2")
		require.NoError(t, err)
		assert.Equal(t, BlockResult{Result: true, Action: "remove_blocks", User: "user2", GroupID: g}, res)
		blocks, _ := s.GroupBlocks(ctx, app1, g)
		assert.Empty(t, blocks)
		mem, _ := s.GroupMembers(ctx, app1, g, 0, 0)
		assert.NotContains(t, memberNames(mem), "user2", "unblocking does not add the user back")
	})
	t.Run("G-BLK-06 unknown user: 404 (002); not blocked: 403", func(t *testing.T) {
		s, g := setup(t)
		_, err := s.UnblockGroupUser(ctx, app1, g, "user10x")
		requireCode(t, err, ENOTFOUND, "username user10x doesn't exist!")
		_, err = s.UnblockGroupUser(ctx, app1, g, "user10")
		requireCode(t, err, EFORBIDDEN, "")
	})
	t.Run("G-BLK-07 unblock several", func(t *testing.T) {
		s, g := setup(t)
		_, err := s.BlockGroupUsers(ctx, app1, g, []string{"user2", "user4"})
		require.NoError(t, err)
		res, err := s.UnblockGroupUsers(ctx, app1, g, []string{"user2", "user4", "user3"})
		require.NoError(t, err)
		assert.Equal(t, []BlockResult{
			{Result: true, Action: "remove_blocks", User: "user2", GroupID: g},
			{Result: true, Action: "remove_blocks", User: "user4", GroupID: g},
			{Result: false, Action: "remove_blocks", Reason: "user user3 is not on the block list of " + g, User: "user3", GroupID: g},
		}, res)
	})
	t.Run("G-BLK-07 unknown user fails the whole call: 404", func(t *testing.T) {
		s, g := setup(t)
		_, err := s.BlockGroupUser(ctx, app1, g, "user2")
		require.NoError(t, err)
		_, err = s.UnblockGroupUsers(ctx, app1, g, []string{"user2", "user10x"})
		requireCode(t, err, ENOTFOUND, "username user10x doesn't exist!")
		blocks, _ := s.GroupBlocks(ctx, app1, g)
		assert.Equal(t, []string{"user2"}, blocks)
	})
}
