package store

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupMutes(t *testing.T) {
	setup := func(t *testing.T) (*Store, *fakeClock, string) {
		s, clk := newTestStore(t)
		users(t, s, "owner", "user1", "user2", "outsider")
		return s, clk, group(t, s, "owner", "user1", "user2")
	}
	t.Run("G-MUTE-01 expire is now + duration; G-MUTE-04 listed until it passes", func(t *testing.T) {
		s, clk, g := setup(t)
		res, err := s.MuteGroupMembers(ctx, app1, g, []string{"User1"}, 86400000)
		require.NoError(t, err)
		want := t0.UnixMilli() + 86400000
		assert.Equal(t, []MuteResult{{Result: true, Expire: want, User: "user1"}}, res)
		list, err := s.GroupMutes(ctx, app1, g)
		require.NoError(t, err)
		assert.Equal(t, []Mute{{Expire: want, User: "user1"}}, list)

		clk.Advance(24*time.Hour - time.Millisecond)
		list, _ = s.GroupMutes(ctx, app1, g)
		assert.Len(t, list, 1)
		clk.Advance(time.Millisecond)
		list, _ = s.GroupMutes(ctx, app1, g)
		assert.NotNil(t, list)
		assert.Empty(t, list, "an expired mute is no longer listed")
	})
	t.Run("G-MUTE-02 -1 is permanent: expire 4638873600000", func(t *testing.T) {
		s, clk, g := setup(t)
		res, err := s.MuteGroupMembers(ctx, app1, g, []string{"user1", "user2"}, -1)
		require.NoError(t, err)
		for _, r := range res {
			assert.Equal(t, int64(4638873600000), r.Expire)
		}
		clk.Advance(100 * 365 * 24 * time.Hour)
		list, _ := s.GroupMutes(ctx, app1, g)
		assert.Equal(t, []Mute{{Expire: 4638873600000, User: "user1"}, {Expire: 4638873600000, User: "user2"}}, list)
	})
	t.Run("G-MUTE-01 muting again sets the new expiry", func(t *testing.T) {
		s, _, g := setup(t)
		_, err := s.MuteGroupMembers(ctx, app1, g, []string{"user1"}, -1)
		require.NoError(t, err)
		_, err = s.MuteGroupMembers(ctx, app1, g, []string{"user1"}, 1000)
		require.NoError(t, err)
		list, _ := s.GroupMutes(ctx, app1, g)
		assert.Equal(t, []Mute{{Expire: t0.UnixMilli() + 1000, User: "user1"}}, list)
	})
	t.Run("G-MUTE-03 unmute", func(t *testing.T) {
		s, clk, g := setup(t)
		_, err := s.MuteGroupMembers(ctx, app1, g, []string{"user1"}, -1)
		require.NoError(t, err)
		_, err = s.MuteGroupMembers(ctx, app1, g, []string{"user2"}, 10)
		require.NoError(t, err)
		clk.Advance(time.Second)
		res, err := s.UnmuteGroupMembers(ctx, app1, g, []string{"user1", "user2"})
		require.NoError(t, err)
		assert.Equal(t, []UnmuteResult{{Result: true, User: "user1"}, {Result: false, User: "user2"}}, res, "an expired mute is not a mute")
		list, _ := s.GroupMutes(ctx, app1, g)
		assert.Empty(t, list)
	})
	failures := []struct {
		name  string
		users []string
		dur   int64
		code  Code
		msg   string
	}{
		{"G-MUTE-05, O-06 user does not exist: 400", []string{"user1", "ghost"}, 1000, EINVALID, "users [ghost] are not members of this group!"},
		{"O-06 not a member: 400", []string{"outsider"}, 1000, EINVALID, "users [outsider] are not members of this group!"},
		{"O-06 non-members named together", []string{"outsider", "user1", "ghost"}, 1000, EINVALID, "users [outsider, ghost] are not members of this group!"},
		{"G-MUTE-01 the owner: 403", []string{"owner"}, 1000, EFORBIDDEN, "forbidden operation on group owner!"},
		{"G-MUTE-01 duration 0: 400", []string{"user1"}, 0, EINVALID, "mute_duration: must be -1 (permanent) or a positive number of milliseconds, got 0"},
		{"G-MUTE-01 duration -2: 400", []string{"user1"}, -2, EINVALID, ""},
		{"G-MUTE-01 more than 60: 400", names("x", 61), 1000, EINVALID, "usernames: at most 60 items, got 61"},
		// now + 2^63-1 used to wrap to a negative expire: answered result true, muted nobody.
		{"G-MUTE-01 duration past the int64 timestamps: 400", []string{"user1"}, math.MaxInt64, EINVALID,
			fmt.Sprintf("mute_duration: at most %d milliseconds from now (the expire must fit in a 64-bit timestamp), got %d", math.MaxInt64-t0.UnixMilli(), int64(math.MaxInt64))},
	}
	for _, c := range failures {
		t.Run(c.name, func(t *testing.T) {
			s, _, g := setup(t)
			_, err := s.MuteGroupMembers(ctx, app1, g, c.users, c.dur)
			requireCode(t, err, c.code, c.msg)
			list, _ := s.GroupMutes(ctx, app1, g)
			assert.Empty(t, list, "nobody is muted on error")
		})
	}
	t.Run("O-13 the expiry counts from the moment pinned for the call", func(t *testing.T) {
		s, _, g := setup(t)
		at := t0.Add(-time.Hour)
		res, err := s.MuteGroupMembers(AtTime(ctx, at), app1, g, []string{"user1"}, 86_400_000)
		require.NoError(t, err)
		assert.Equal(t, at.UnixMilli()+86_400_000, res[0].Expire)
	})
	t.Run("G-MUTE-05 unmute a user who does not exist: 400", func(t *testing.T) {
		s, _, g := setup(t)
		_, err := s.UnmuteGroupMembers(ctx, app1, g, []string{"ghost"})
		requireCode(t, err, EINVALID, "username ghost doesn't exist!")
	})
}

func TestChatroomMutes(t *testing.T) {
	setup := func(t *testing.T) (*Store, *fakeClock, string) {
		s, clk := newTestStore(t)
		users(t, s, "owner", "user1", "user2", "outsider")
		return s, clk, room(t, s, "owner", "user1", "user2")
	}
	t.Run("R-MUTE-01 R-MUTE-02 mute, list, expiry", func(t *testing.T) {
		s, clk, r := setup(t)
		res, err := s.MuteChatroomMembers(ctx, app1, r, []string{"user1", "user2"}, 86400000)
		require.NoError(t, err)
		exp := t0.UnixMilli() + 86400000
		assert.Equal(t, []MuteResult{{true, exp, "user1"}, {true, exp, "user2"}}, res)
		list, err := s.ChatroomMutes(ctx, app1, r)
		require.NoError(t, err)
		assert.Equal(t, []Mute{{exp, "user1"}, {exp, "user2"}}, list)
		clk.Advance(24 * time.Hour)
		list, _ = s.ChatroomMutes(ctx, app1, r)
		assert.Empty(t, list)
	})
	t.Run("R-MUTE-02 -1 is permanent: expire 4638873600000 (inferred)", func(t *testing.T) {
		s, _, r := setup(t)
		res, err := s.MuteChatroomMembers(ctx, app1, r, []string{"user1"}, -1)
		require.NoError(t, err)
		assert.Equal(t, PermanentMuteExpire, res[0].Expire)
	})
	t.Run("R-MUTE-02 failures", func(t *testing.T) {
		s, _, r := setup(t)
		_, err := s.MuteChatroomMembers(ctx, app1, r, []string{"ghost"}, 1000)
		requireCode(t, err, EINVALID, "users [ghost] are not members of this group!")
		_, err = s.MuteChatroomMembers(ctx, app1, r, []string{"outsider"}, 1000)
		requireCode(t, err, EINVALID, "users [outsider] are not members of this group!")
		_, err = s.MuteChatroomMembers(ctx, app1, r, []string{"owner"}, 1000)
		requireCode(t, err, EFORBIDDEN, "forbidden operation on chatroom owner!")
		_, err = s.MuteChatroomMembers(ctx, app1, r, []string{"user1"}, 0)
		requireCode(t, err, EINVALID, "")
		_, err = s.MuteChatroomMembers(ctx, app1, r, []string{"user1"}, math.MaxInt64-t0.UnixMilli()+1)
		requireCode(t, err, EINVALID, "")
		res, err := s.MuteChatroomMembers(ctx, app1, r, []string{"user1"}, math.MaxInt64-t0.UnixMilli())
		require.NoError(t, err, "the largest duration whose expire fits")
		assert.Equal(t, int64(math.MaxInt64), res[0].Expire)
		list, _ := s.ChatroomMutes(ctx, app1, r)
		assert.Equal(t, []Mute{{Expire: math.MaxInt64, User: "user1"}}, list)
		_, err = s.MuteChatroomMembers(ctx, app1, r, names("x", 61), 1000)
		requireCode(t, err, EINVALID, "usernames: at most 60 items, got 61")
		_, err = s.MuteChatroomMembers(ctx, app1, "1", []string{"user1"}, 1000)
		requireCode(t, err, ENOTFOUND, "")
	})
	t.Run("R-MUTE-03 unmute", func(t *testing.T) {
		s, _, r := setup(t)
		_, err := s.MuteChatroomMembers(ctx, app1, r, []string{"user1"}, -1)
		require.NoError(t, err)
		res, err := s.UnmuteChatroomMembers(ctx, app1, r, []string{"user1", "user2"})
		require.NoError(t, err)
		assert.Equal(t, []UnmuteResult{{true, "user1"}, {false, "user2"}}, res)
		list, _ := s.ChatroomMutes(ctx, app1, r)
		assert.Empty(t, list)
	})
	t.Run("R-BAN-01 R-BAN-02 R-BAN-03 mute-all does not touch the mute list; only the allow list speaks", func(t *testing.T) {
		s, _, r := setup(t)
		on, err := s.ChatroomBan(ctx, app1, r)
		require.NoError(t, err)
		assert.False(t, on)
		_, err = s.AddChatroomAllowListUser(ctx, app1, r, "user2")
		require.NoError(t, err)

		res, err := s.BanChatroom(ctx, app1, r)
		require.NoError(t, err)
		assert.Equal(t, MuteAllResult{Mute: true}, res)
		on, _ = s.ChatroomBan(ctx, app1, r)
		assert.True(t, on)
		list, _ := s.ChatroomMutes(ctx, app1, r)
		assert.Empty(t, list, "mute-all adds nobody to the mute list")
		speak1, _ := s.CanSpeak(ctx, app1, r, "user1")
		speak2, _ := s.CanSpeak(ctx, app1, r, "user2")
		assert.False(t, speak1)
		assert.True(t, speak2)

		res, err = s.UnbanChatroom(ctx, app1, r)
		require.NoError(t, err)
		assert.Equal(t, MuteAllResult{Mute: false}, res)
		speak1, _ = s.CanSpeak(ctx, app1, r, "user1")
		assert.True(t, speak1)
		_, err = s.MuteChatroomMembers(ctx, app1, r, []string{"user1"}, 1000)
		require.NoError(t, err)
		speak1, _ = s.CanSpeak(ctx, app1, r, "user1")
		assert.False(t, speak1, "a muted user can not speak")
		speakOut, _ := s.CanSpeak(ctx, app1, r, "outsider")
		assert.False(t, speakOut)

		_, err = s.BanChatroom(ctx, app1, "1")
		requireCode(t, err, ENOTFOUND, "")
		_, err = s.ChatroomBan(ctx, app1, "1")
		requireCode(t, err, ENOTFOUND, "")
		_, err = s.CanSpeak(ctx, app1, "1", "user1")
		requireCode(t, err, ENOTFOUND, "")
	})
}
