package store

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupMuteAllAndSpeech(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o", "a", "m", "w", "x")
	g := group(t, s, "o", "a", "m", "w", "x")
	_, err := s.AddGroupAdmin(ctx, app1, g, "a")
	require.NoError(t, err)
	_, err = s.MuteGroupMembers(ctx, app1, g, []string{"m"}, 60000)
	require.NoError(t, err)
	_, err = s.AddGroupAllowListUsers(ctx, app1, g, []string{"w", "m"})
	require.NoError(t, err)

	res, err := s.MuteAllGroup(ctx, app1, g)
	require.NoError(t, err)
	assert.True(t, res.Mute)
	can := func(u string) bool {
		st, err := s.GroupSpeechState(ctx, app1, g, u)
		require.NoError(t, err)
		return *st.CanSpeak
	}
	assert.True(t, can("o"), "owner is allow-listed by default (G-WHITE-02)")
	assert.True(t, can("a"), "admins are allow-listed by default")
	assert.True(t, can("w"), "allow-listed")
	assert.False(t, can("m"), "muted beats allow-listed (G-BAN-07)")
	assert.False(t, can("x"), "not allow-listed during mute-all (G-BAN-06)")
	mutes, err := s.GroupMutes(ctx, app1, g)
	require.NoError(t, err)
	assert.Len(t, mutes, 1, "mute-all leaves the mute list alone (G-BAN-04)")

	_, err = s.UnmuteAllGroup(ctx, app1, g)
	require.NoError(t, err)
	assert.True(t, can("x"))
	_, err = s.MuteAllGroup(ctx, app1, "404")
	requireCode(t, err, ENOTFOUND, "grpID 404 does not exist!")
}

func TestGroupDisable(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o", "a", "b")
	g := group(t, s, "o", "a")
	res, err := s.DisableGroup(ctx, app1, g)
	require.NoError(t, err)
	assert.True(t, res.Disabled)
	_, err = s.AddGroupMember(ctx, app1, g, "b")
	requireCode(t, err, EFORBIDDEN, "group "+g+" is disabled: enable it before changing it")
	_, err = s.UpdateGroup(ctx, app1, g, GroupUpdate{})
	requireCode(t, err, EFORBIDDEN, "")
	d, err := s.GroupDetails(ctx, app1, []string{g})
	require.NoError(t, err)
	assert.True(t, d[0].Group.Disabled)
	st, err := s.GroupSpeechState(ctx, app1, g, "a")
	require.NoError(t, err)
	assert.False(t, *st.CanSpeak, "nobody sends in a disabled group (G-DIS-05)")
	_, err = s.EnableGroup(ctx, app1, g)
	require.NoError(t, err)
	_, err = s.AddGroupMember(ctx, app1, g, "b")
	require.NoError(t, err)
}

func TestGroupAllowList(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o", "a", "b", "out")
	g := group(t, s, "o", "a", "b")
	_, err := s.AddGroupAllowListUser(ctx, app1, g, "out")
	requireCode(t, err, EFORBIDDEN, "users [out] are not members of this group!")
	r, err := s.AddGroupAllowListUser(ctx, app1, g, "a")
	require.NoError(t, err)
	assert.Equal(t, AllowListResult{Result: true, Action: "add_user_whitelist", User: "a", GroupID: g}, r)
	list, err := s.GroupAllowList(ctx, app1, g)
	require.NoError(t, err)
	assert.Equal(t, []string{"o", "a"}, list)

	rs, err := s.AddGroupAllowListUsers(ctx, app1, g, []string{"b", "out"})
	require.NoError(t, err)
	assert.True(t, rs[0].Result)
	assert.False(t, rs[1].Result)
	assert.NotEmpty(t, rs[1].Reason)
	_, err = s.AddGroupAllowListUsers(ctx, app1, g, []string{"out"})
	requireCode(t, err, EFORBIDDEN, "")

	rm, err := s.RemoveGroupAllowListUsers(ctx, app1, g, []string{"b", "o"})
	require.NoError(t, err)
	assert.True(t, rm[0].Result)
	assert.False(t, rm[1].Result, "the owner is on the list by default, not by an entry")

	_, err = s.RemoveGroupMember(ctx, app1, g, "a")
	require.NoError(t, err)
	list, err = s.GroupAllowList(ctx, app1, g)
	require.NoError(t, err)
	assert.Equal(t, []string{"o"}, list, "a member who leaves leaves the allow list (G-WHITE-09)")
}

func TestJoinedGroupsPageAndIsJoined(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o", "b", "lonely")
	var ids []string
	for range 3 {
		ids = append(ids, group(t, s, "o", "b"))
	}
	p, err := s.JoinedGroupsPage(ctx, app1, "b", 0, 2)
	require.NoError(t, err)
	assert.Equal(t, 3, p.Total)
	require.Len(t, p.Groups, 2)
	assert.Equal(t, ids[2], p.Groups[0].GroupID, "newest first; page 0 is the first (G-JOIN-08)")
	p, err = s.JoinedGroupsPage(ctx, app1, "b", 1, 2)
	require.NoError(t, err)
	require.Len(t, p.Groups, 1)
	assert.Equal(t, ids[0], p.Groups[0].GroupID)
	p, err = s.JoinedGroupsPage(ctx, app1, "b", 1<<62, 2)
	require.NoError(t, err)
	assert.Empty(t, p.Groups)
	p, err = s.JoinedGroupsPage(ctx, app1, "lonely", 0, 0)
	require.NoError(t, err)
	assert.Equal(t, 0, p.Total)
	_, err = s.JoinedGroupsPage(ctx, app1, "ghost", 0, 0)
	requireCode(t, err, ENOTFOUND, "username ghost doesn't exist!")

	in, err := s.IsJoined(ctx, app1, ids[0], "O")
	require.NoError(t, err)
	assert.True(t, in)
	in, err = s.IsJoined(ctx, app1, ids[0], "lonely")
	require.NoError(t, err)
	assert.False(t, in)
}

func TestMemberAttributes(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o", "b", "c", "out")
	g := group(t, s, "o", "b", "c")
	_, err := s.SetMemberAttributes(ctx, app1, g, "b", map[string]string{"k": "v", "gone": "x"})
	require.NoError(t, err)
	_, err = s.SetMemberAttributes(ctx, app1, g, "b", map[string]string{"gone": ""})
	require.NoError(t, err)
	got, err := s.MemberAttributes(ctx, app1, g, "b")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"k": "v"}, got)
	_, err = s.SetMemberAttributes(ctx, app1, g, "b", map[string]string{"0123456789abcdefg": "v"})
	requireCode(t, err, EMETADATA, "exceeds chatgroup user metadata single key limit")
	_, err = s.MemberAttributes(ctx, app1, g, "out")
	requireCode(t, err, EMETADATANOTIN, "user not in group")
	_, err = s.MemberAttributes(ctx, app1, "404", "b")
	requireCode(t, err, EMETADATAMISSING, "group not exists")

	res, err := s.SetMemberAttributesBatch(ctx, app1, g, []MemberAttrUpdate{{Username: "c", Metadata: map[string]string{"a": "1"}}, {Username: "c", Metadata: map[string]string{"a": "2", "b": "3"}}})
	require.NoError(t, err)
	require.Len(t, res.Succeeded, 1)
	assert.Equal(t, map[string]string{"a": "2", "b": "3"}, res.Succeeded[0].Metadata)
	_, err = s.SetMemberAttributesBatch(ctx, app1, g, []MemberAttrUpdate{{Username: "b", Metadata: map[string]string{"k": "new"}}, {Username: "out", Metadata: map[string]string{"a": "1"}}})
	requireCode(t, err, EMETADATA, "Some users are not in the group: out")
	got, _ = s.MemberAttributes(ctx, app1, g, "b")
	assert.Equal(t, "v", got["k"], "a refused batch sets nothing")

	of, err := s.MemberAttributesOf(ctx, app1, g, []string{"b", "c", "out"}, []string{"a"})
	require.NoError(t, err)
	assert.Equal(t, map[string]map[string]string{"b": {}, "c": {"a": "2"}}, of)

	_, err = s.RemoveGroupMember(ctx, app1, g, "c")
	require.NoError(t, err)
	_, err = s.AddGroupMember(ctx, app1, g, "c")
	require.NoError(t, err)
	got, _ = s.MemberAttributes(ctx, app1, g, "c")
	assert.Empty(t, got, "attributes go with membership (G-MATTR-12)")
}

func TestMemberAttributesSwitch(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o", "b")
	g := group(t, s, "o", "b")
	_, err := s.SetMemberAttributes(ctx, app1, g, "b", map[string]string{"k": "v"})
	require.NoError(t, err, "the feature is on by default")

	s.SetMemberAttributesEnabled(ctx, app1, false)
	const off = "chatgroup user metadata service not allow"
	_, err = s.SetMemberAttributes(ctx, app1, g, "b", map[string]string{"k": "changed"})
	requireCode(t, err, EMETADATAFORBIDDEN, off)
	_, err = s.MemberAttributes(ctx, app1, g, "b")
	requireCode(t, err, EMETADATAFORBIDDEN, off)
	_, err = s.MemberAttributesOf(ctx, app1, g, []string{"b"}, nil)
	requireCode(t, err, EMETADATAFORBIDDEN, off)
	_, err = s.SetMemberAttributesBatch(ctx, app1, g, []MemberAttrUpdate{{Username: "b", Metadata: map[string]string{"k": "changed"}}})
	requireCode(t, err, EMETADATAFORBIDDEN, off)
	_, err = s.MemberAttributes(ctx, app1, "404", "b")
	requireCode(t, err, EMETADATAFORBIDDEN, off) // the switch comes before the group

	s.SetMemberAttributesEnabled(ctx, app1, true)
	got, err := s.MemberAttributes(ctx, app1, g, "b")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"k": "v"}, got, "nothing was written while the feature was off")
}

func TestThreads(t *testing.T) {
	s, clock := newTestStore(t)
	users(t, s, "o", "b", "c", "out")
	g := group(t, s, "o", "b", "c")
	other := group(t, s, "o")
	m1, err := s.SeedMessage(ctx, app1, MessageSeed{GroupID: g})
	require.NoError(t, err)
	m2, err := s.SeedMessage(ctx, app1, MessageSeed{GroupID: other})
	require.NoError(t, err)
	chat, err := s.SeedMessage(ctx, app1, MessageSeed{})
	require.NoError(t, err)

	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: m2, Owner: "o"})
	requireCode(t, err, ETHREAD, "msg not belong to group .")
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: chat, Owner: "o"})
	requireCode(t, err, ETHREAD, "thread must on group message to create.")
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: m1, Owner: "out"})
	requireCode(t, err, ETHREADMISSING, "user not in group.")
	created, err := s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: m1, Owner: "o"})
	require.NoError(t, err)
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: m1, Owner: "o"})
	requireCode(t, err, ETHREADFORBIDDEN, "msg already create thread.not allow to create.")
	inThread, err := s.SeedMessage(ctx, app1, MessageSeed{GroupID: g, ThreadID: created.ThreadID})
	require.NoError(t, err)
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: inThread, Owner: "o"})
	requireCode(t, err, ETHREAD, "thread not nested.")

	clock.Advance(time.Millisecond)
	require.NoError(t, s.AddThreadMembers(ctx, app1, created.ThreadID, []string{"b", "c"}))
	requireCode(t, s.AddThreadMembers(ctx, app1, created.ThreadID, []string{"out"}), ETHREADMISSING, "user not in group.")
	p, err := s.ThreadMembers(ctx, app1, created.ThreadID, 0, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"o", "b", "c"}, p.Items)
	p, err = s.ThreadMembers(ctx, app1, created.ThreadID, 2, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"o", "b"}, p.Items)
	p, err = s.ThreadMembers(ctx, app1, created.ThreadID, 2, p.Cursor)
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, p.Items)
	assert.NotEmpty(t, p.Cursor, "the last page still carries a cursor (G-THR-11)")

	_, err = s.RemoveGroupMember(ctx, app1, g, "b")
	require.NoError(t, err)
	p, _ = s.ThreadMembers(ctx, app1, created.ThreadID, 0, "")
	assert.Equal(t, []string{"o", "c"}, p.Items, "leaving the group leaves its threads (G-THR-17)")

	s.SetThreadsEnabled(ctx, app1, false)
	_, err = s.ThreadIDs(ctx, app1, 0, "", "")
	requireCode(t, err, ETHREADFORBIDDEN, "thread not open.")
	s.SetThreadsEnabled(ctx, app1, true)

	_, err = s.DeleteGroup(ctx, app1, g)
	require.NoError(t, err)
	_, err = s.ThreadMembers(ctx, app1, created.ThreadID, 0, "")
	requireCode(t, err, ETHREADMISSING, "thread not found.")
	ids, err := s.ThreadIDs(ctx, app1, 0, "", "")
	require.NoError(t, err)
	assert.Empty(t, ids.Items, "deleting the group deletes its threads (G-THR-17)")
}
