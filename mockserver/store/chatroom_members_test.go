package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChatroomMembers(t *testing.T) {
	setup := func(t *testing.T) (*Store, string) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2", "user3", "user4", "blocked")
		r := room(t, s, "user1", "user2", "blocked")
		_, err := s.BlockChatroomUser(ctx, app1, r, "blocked")
		require.NoError(t, err)
		return s, r
	}
	t.Run("R-MEM-01 list paged with the owner first", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.AddChatroomMember(ctx, app1, r, "user3")
		require.NoError(t, err)
		all, err := s.ChatroomMembers(ctx, app1, r, 0, 0)
		require.NoError(t, err)
		assert.Equal(t, []Affiliation{{Owner: "user1"}, {Member: "user2"}, {Member: "user3"}}, all)
		p2, err := s.ChatroomMembers(ctx, app1, r, 2, 2)
		require.NoError(t, err)
		assert.Equal(t, []Affiliation{{Member: "user3"}}, p2)
		_, err = s.ChatroomMembers(ctx, app1, r, 1, 1001)
		requireCode(t, err, EINVALID, "")
		_, err = s.ChatroomMembers(ctx, app1, "1", 0, 0)
		requireCode(t, err, ENOTFOUND, "")
	})
	single := []struct {
		name, user string
		code       Code
		msg        string
	}{
		{"R-MEM-02 add one", "User3", "", ""},
		{"R-MEM-03 user does not exist: 400", "ghost", EINVALID, "username ghost doesn't exist!"},
		{"R-MEM-03 already in the room: 400", "user2", EINVALID, ""},
		{"R-MEM-03 the owner is already in: 400", "user1", EINVALID, ""},
		{"R-BLK-05 blocked user must be unblocked first", "blocked", EFORBIDDEN, ""},
	}
	for _, c := range single {
		t.Run(c.name, func(t *testing.T) {
			s, r := setup(t)
			res, err := s.AddChatroomMember(ctx, app1, r, c.user)
			if c.code != "" {
				requireCode(t, err, c.code, c.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, ChatroomMemberAdded{Result: true, Action: "add_member", ID: r, User: "user3"}, res)
		})
	}
	t.Run("R-MEM-02 full room: 403", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner", "m1")
		res, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "r", Owner: "owner", MaxUsers: 1})
		require.NoError(t, err)
		_, err = s.AddChatroomMember(ctx, app1, res.ID, "m1")
		requireCode(t, err, EFORBIDDEN, "")
		_, err = s.AddChatroomMembers(ctx, app1, res.ID, []string{"m1"})
		requireCode(t, err, EFORBIDDEN, "")
	})
	batch := []struct {
		name  string
		users []string
		want  []string
		code  Code
	}{
		{"R-MEM-04 add several", []string{"user3", "User4"}, []string{"user3", "user4"}, ""},
		{"R-MEM-04 members already in are skipped", []string{"user2", "user3", "user1"}, []string{"user3"}, ""},
		{"R-MEM-04 all already in: 400", []string{"user2", "user1"}, nil, EINVALID},
		{"R-MEM-04 a user that does not exist: 400", []string{"user3", "ghost"}, nil, EINVALID},
		{"R-MEM-04 a blocked user: 403", []string{"user3", "blocked"}, nil, EFORBIDDEN},
		{"R-MEM-04 more than 60: 400", names("x", 61), nil, EINVALID},
	}
	for _, c := range batch {
		t.Run(c.name, func(t *testing.T) {
			s, r := setup(t)
			res, err := s.AddChatroomMembers(ctx, app1, r, c.users)
			if c.code != "" {
				requireCode(t, err, c.code, "")
				all, _ := s.ChatroomMembers(ctx, app1, r, 0, 0)
				assert.Equal(t, []string{"user2"}, memberNames(all))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, ChatroomMembersAdded{NewMembers: c.want, Action: "add_member", ID: r}, res)
		})
	}
	t.Run("R-MEM-05 remove one", func(t *testing.T) {
		s, r := setup(t)
		res, err := s.RemoveChatroomMember(ctx, app1, r, "USER2")
		require.NoError(t, err)
		assert.Equal(t, ChatroomMemberRemoved{Result: true, Action: "remove_member", User: "user2", ID: r}, res)
		all, _ := s.ChatroomMembers(ctx, app1, r, 0, 0)
		assert.Empty(t, memberNames(all))
	})
	t.Run("R-MEM-05 not in the room, the owner, a missing room", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.RemoveChatroomMember(ctx, app1, r, "user3")
		requireCode(t, err, ENOTINROOM, "user: user3 doesn't exist in chatroom: "+r)
		_, err = s.RemoveChatroomMember(ctx, app1, r, "ghost")
		requireCode(t, err, ENOTINROOM, "")
		_, err = s.RemoveChatroomMember(ctx, app1, r, "user1")
		requireCode(t, err, EFORBIDDEN, "forbidden operation on chatroom owner!")
		_, err = s.RemoveChatroomMember(ctx, app1, "1", "user2")
		requireCode(t, err, ENOTFOUND, "")
	})
	t.Run("R-MEM-06 remove several, per-item results", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.AddChatroomMember(ctx, app1, r, "user3")
		require.NoError(t, err)
		res, err := s.RemoveChatroomMembers(ctx, app1, r, []string{"user4", "user2", "user1", "user3"})
		require.NoError(t, err)
		assert.Equal(t, []ChatroomMemberRemoved{
			{Result: false, Action: "remove_member", Reason: "user: user4 doesn't exist in group: " + r, User: "user4", ID: r},
			{Result: true, Action: "remove_member", User: "user2", ID: r},
			{Result: false, Action: "remove_member", Reason: "forbidden operation on chatroom owner!", User: "user1", ID: r},
			{Result: true, Action: "remove_member", User: "user3", ID: r},
		}, res)
	})
	t.Run("R-MEM-06 nobody removed: error; at most 100", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.RemoveChatroomMembers(ctx, app1, r, []string{"user3", "user4"})
		requireCode(t, err, ENOTINROOM, "")
		_, err = s.RemoveChatroomMembers(ctx, app1, r, []string{"user1"})
		requireCode(t, err, EFORBIDDEN, "forbidden operation on chatroom owner!")
		_, err = s.RemoveChatroomMembers(ctx, app1, r, names("x", 101))
		requireCode(t, err, EINVALID, "usernames: at most 100 items, got 101")
		_, err = s.RemoveChatroomMembers(ctx, app1, r, append(names("x", 99), "user2"))
		require.NoError(t, err, "100 is allowed")
	})
}

func TestChatroomAdmins(t *testing.T) {
	s, _ := newTestStore(t)
	ms := names("m", 100)
	users(t, s, append([]string{"owner", "outsider"}, ms...)...)
	r := room(t, s, "owner", ms...)
	t.Run("R-ADM-01 R-ADM-02 R-ADM-03 promote, list, demote", func(t *testing.T) {
		res, err := s.AddChatroomAdmin(ctx, app1, r, "M1")
		require.NoError(t, err)
		assert.Equal(t, AdminAdded{Result: "success", NewAdmin: "m1"}, res)
		list, err := s.ChatroomAdmins(ctx, app1, r)
		require.NoError(t, err)
		assert.Equal(t, []string{"m1"}, list)
		rem, err := s.RemoveChatroomAdmin(ctx, app1, r, "m1")
		require.NoError(t, err)
		assert.Equal(t, AdminRemoved{Result: "success", OldAdmin: "m1"}, rem)
		list, _ = s.ChatroomAdmins(ctx, app1, r)
		assert.Empty(t, list)
	})
	t.Run("R-ADM-02 failures", func(t *testing.T) {
		_, err := s.AddChatroomAdmin(ctx, app1, r, "ghost")
		requireCode(t, err, EINVALID, "username ghost doesn't exist!")
		_, err = s.AddChatroomAdmin(ctx, app1, r, "outsider")
		requireCode(t, err, EFORBIDDEN, "user: outsider doesn't exist in chatroom: "+r)
		_, err = s.AddChatroomAdmin(ctx, app1, r, "owner")
		requireCode(t, err, EFORBIDDEN, "")
		_, err = s.RemoveChatroomAdmin(ctx, app1, r, "m2")
		requireCode(t, err, EFORBIDDEN, "")
		_, err = s.RemoveChatroomAdmin(ctx, app1, r, "ghost")
		requireCode(t, err, EINVALID, "")
		_, err = s.ChatroomAdmins(ctx, app1, "1")
		requireCode(t, err, ENOTFOUND, "")
	})
	t.Run("R-ADM-02 at most 99 admins", func(t *testing.T) {
		for _, m := range ms[:99] {
			_, err := s.AddChatroomAdmin(ctx, app1, r, m)
			require.NoError(t, err)
		}
		_, err := s.AddChatroomAdmin(ctx, app1, r, ms[0])
		requireCode(t, err, EFORBIDDEN, "user m0 is already an admin of chatroom "+r)
		_, err = s.AddChatroomAdmin(ctx, app1, r, ms[99])
		requireCode(t, err, EFORBIDDEN, r+" already has 99 admins, the most allowed")
	})
}

func TestChatroomBlocks(t *testing.T) {
	setup := func(t *testing.T) (*Store, string) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2", "user3", "user4")
		return s, room(t, s, "user1", "user2", "user4")
	}
	t.Run("R-BLK-01 R-BLK-02 block one: out of the room, its admin role, mute, allow list", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.AddChatroomAdmin(ctx, app1, r, "user2")
		require.NoError(t, err)
		_, err = s.AddChatroomAllowListUser(ctx, app1, r, "user2")
		require.NoError(t, err)
		_, err = s.MuteChatroomMembers(ctx, app1, r, []string{"user2"}, -1)
		require.NoError(t, err)
		res, err := s.BlockChatroomUser(ctx, app1, r, "user2")
		require.NoError(t, err)
		assert.Equal(t, ChatroomListResult{Result: true, Action: "add_blocks", User: "user2", ChatroomID: r, ID: r}, res)
		blocks, err := s.ChatroomBlocks(ctx, app1, r)
		require.NoError(t, err)
		assert.Equal(t, []string{"user2"}, blocks)
		all, _ := s.ChatroomMembers(ctx, app1, r, 0, 0)
		assert.Equal(t, []string{"user4"}, memberNames(all))
		admins, _ := s.ChatroomAdmins(ctx, app1, r)
		allow, _ := s.ChatroomAllowList(ctx, app1, r)
		mutes, _ := s.ChatroomMutes(ctx, app1, r)
		assert.Empty(t, admins)
		assert.Empty(t, allow)
		assert.Empty(t, mutes)
	})
	t.Run("R-BLK-03 the owner can not be blocked; nor a non-member", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.BlockChatroomUser(ctx, app1, r, "user1")
		requireCode(t, err, EFORBIDDEN, "forbidden operation on chatroom owner!")
		_, err = s.BlockChatroomUsers(ctx, app1, r, []string{"user2", "user1"})
		requireCode(t, err, EFORBIDDEN, "forbidden operation on chatroom owner!")
		_, err = s.BlockChatroomUser(ctx, app1, r, "user3")
		requireCode(t, err, EFORBIDDEN, "user: user3 doesn't exist in chatroom: "+r)
		blocks, _ := s.ChatroomBlocks(ctx, app1, r)
		assert.Empty(t, blocks)
	})
	t.Run("R-BLK-04 block several", func(t *testing.T) {
		s, r := setup(t)
		res, err := s.BlockChatroomUsers(ctx, app1, r, []string{"user3", "user4"})
		require.NoError(t, err)
		assert.Equal(t, []ChatroomListResult{
			{Result: false, Action: "add_blocks", Reason: "user: user3 doesn't exist in chatroom: " + r, User: "user3", ChatroomID: r, ID: r},
			{Result: true, Action: "add_blocks", User: "user4", ChatroomID: r, ID: r},
		}, res)
		_, err = s.BlockChatroomUsers(ctx, app1, r, names("x", 61))
		requireCode(t, err, EINVALID, "")
	})
	t.Run("R-BLK-05 unblock one and several; then the user may join again", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.BlockChatroomUsers(ctx, app1, r, []string{"user2", "user4"})
		require.NoError(t, err)
		_, err = s.AddChatroomMember(ctx, app1, r, "user2")
		requireCode(t, err, EFORBIDDEN, "")
		res, err := s.UnblockChatroomUser(ctx, app1, r, "user2")
		require.NoError(t, err)
		assert.Equal(t, ChatroomListResult{Result: true, Action: "remove_blocks", User: "user2", ChatroomID: r, ID: r}, res)
		_, err = s.AddChatroomMember(ctx, app1, r, "user2")
		require.NoError(t, err)

		many, err := s.UnblockChatroomUsers(ctx, app1, r, []string{"user4", "user3"})
		require.NoError(t, err)
		assert.Equal(t, []ChatroomListResult{
			{Result: true, Action: "remove_blocks", User: "user4", ChatroomID: r, ID: r},
			{Result: false, Action: "remove_blocks", Reason: "user user3 is not on the block list of " + r, User: "user3", ChatroomID: r, ID: r},
		}, many)
		_, err = s.UnblockChatroomUser(ctx, app1, r, "user3")
		requireCode(t, err, EFORBIDDEN, "")
		_, err = s.UnblockChatroomUser(ctx, app1, r, "ghost")
		requireCode(t, err, ENOTFOUND, "username ghost doesn't exist!")
		_, err = s.ChatroomBlocks(ctx, app1, "1")
		requireCode(t, err, ENOTFOUND, "")
	})
}

func TestChatroomAllowList(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner", "wzy_test", "wzy_meizu", "wzy_huawei", "outsider")
	r := room(t, s, "owner", "wzy_test", "wzy_meizu", "wzy_huawei")
	t.Run("R-WHITE-02 add one", func(t *testing.T) {
		res, err := s.AddChatroomAllowListUser(ctx, app1, r, "WZY_HUAWEI")
		require.NoError(t, err)
		assert.Equal(t, ChatroomListResult{Result: true, Action: "add_user_whitelist", User: "wzy_huawei", ChatroomID: r}, res)
		_, err = s.AddChatroomAllowListUser(ctx, app1, r, "outsider")
		requireCode(t, err, EFORBIDDEN, "user: outsider doesn't exist in chatroom: "+r)
	})
	t.Run("R-WHITE-03 add several", func(t *testing.T) {
		res, err := s.AddChatroomAllowListUsers(ctx, app1, r, []string{"wzy_test", "wzy_meizu", "outsider"})
		require.NoError(t, err)
		assert.Equal(t, []ChatroomListResult{
			{Result: true, Action: "add_user_whitelist", User: "wzy_test", ChatroomID: r},
			{Result: true, Action: "add_user_whitelist", User: "wzy_meizu", ChatroomID: r},
			{Result: false, Action: "add_user_whitelist", Reason: "user: outsider doesn't exist in chatroom: " + r, User: "outsider", ChatroomID: r},
		}, res)
		_, err = s.AddChatroomAllowListUsers(ctx, app1, r, names("x", 61))
		requireCode(t, err, EINVALID, "")
	})
	t.Run("R-WHITE-01 list", func(t *testing.T) {
		list, err := s.ChatroomAllowList(ctx, app1, r)
		require.NoError(t, err)
		assert.Equal(t, []string{"wzy_huawei", "wzy_test", "wzy_meizu"}, list)
		_, err = s.ChatroomAllowList(ctx, app1, "1")
		requireCode(t, err, ENOTFOUND, "")
	})
	t.Run("R-WHITE-04 remove several", func(t *testing.T) {
		res, err := s.RemoveChatroomAllowListUsers(ctx, app1, r, []string{"wzy_huawei", "wzy_meizu", "outsider"})
		require.NoError(t, err)
		assert.Equal(t, []ChatroomListResult{
			{Result: true, Action: "remove_user_whitelist", User: "wzy_huawei", ChatroomID: r},
			{Result: true, Action: "remove_user_whitelist", User: "wzy_meizu", ChatroomID: r},
			{Result: false, Action: "remove_user_whitelist", Reason: "user outsider is not on the allow list of " + r, User: "outsider", ChatroomID: r},
		}, res)
		list, _ := s.ChatroomAllowList(ctx, app1, r)
		assert.Equal(t, []string{"wzy_test"}, list)
		_, err = s.RemoveChatroomAllowListUsers(ctx, app1, r, names("x", 61))
		requireCode(t, err, EINVALID, "")
	})
}
