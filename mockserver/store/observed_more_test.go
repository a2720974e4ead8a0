package store

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Rows O-16, O-18, O-19, O-23 and the registration words of part pub (U-11, U-12, U-14).

func TestCreateWithOwnerAmongMembersAndEmptyMembers(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner", "m1")
	for _, members := range [][]string{nil, {}, {"OWNER"}, {"owner", "m1", "owner"}} {
		g, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "owner", Public: true, Members: members})
		require.NoError(t, err, "O-16/O-18 group members %q", members)
		d, err := s.GroupDetails(ctx, app1, []string{g.GroupID})
		require.NoError(t, err)
		want := []Affiliation{{Owner: "owner"}}
		if len(members) > 2 {
			want = append(want, Affiliation{Member: "m1"})
		}
		assert.Equal(t, want, d[0].Group.Affiliations, "members %q", members)
		assert.Equal(t, len(want), d[0].Group.AffiliationsCount, "the owner counts once")

		r, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "r", Description: "d", Owner: "owner", Members: members})
		require.NoError(t, err, "O-16/O-18 chatroom members %q", members)
		rd, err := s.ChatroomDetails(ctx, app1, []string{r.ID})
		require.NoError(t, err)
		assert.Equal(t, len(want), rd[0].AffiliationsCount, "members %q", members)
	}
}

func TestUpdateGroupTodayFields(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner")
	g, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "owner", Public: true})
	require.NoError(t, err)
	u, err := DecodeGroupUpdate([]byte(`{"custom":"c","public":false,"invite_need_confirm":false}`))
	require.NoError(t, err)
	out, err := s.UpdateGroup(ctx, app1, g.GroupID, u)
	require.NoError(t, err)
	assert.Equal(t, GroupUpdated{"custom": true, "public": true, "invite_need_confirm": true}, out)
	d, err := s.GroupDetails(ctx, app1, []string{g.GroupID})
	require.NoError(t, err)
	assert.Equal(t, "c", d[0].Group.Custom)
	assert.False(t, d[0].Group.Public)
	assert.False(t, d[0].Group.InviteNeedConfirm)

	atLimit := strings.Repeat("é", MaxGroupCustomLength)
	_, err = s.UpdateGroup(ctx, app1, g.GroupID, GroupUpdate{Custom: &atLimit})
	require.NoError(t, err, "1,024 characters are allowed")
	over := atLimit + "x"
	_, err = s.UpdateGroup(ctx, app1, g.GroupID, GroupUpdate{Custom: &over})
	requireCode(t, err, EINVALID, "custom: at most 1024 characters, got 1025")
}

func TestModifyChatroomMemberCountBeforeRange(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner", "m1")
	zero := FlexInt(0)
	empty, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "r", Description: "d", Owner: "owner"})
	require.NoError(t, err)
	_, err = s.ModifyChatroom(ctx, app1, empty.ID, ChatroomUpdate{MaxUsers: &zero})
	requireCode(t, err, EINVALID, "maxusers: must be between 1 and 10000, got 0")

	full, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "r", Description: "d", Owner: "owner", Members: []string{"m1"}})
	require.NoError(t, err)
	_, err = s.ModifyChatroom(ctx, app1, full.ID, ChatroomUpdate{MaxUsers: &zero})
	requireCode(t, err, EFORBIDDEN, "current user count is larger than the maxUsers that you want to update !")
	two := FlexInt(2)
	_, err = s.ModifyChatroom(ctx, app1, full.ID, ChatroomUpdate{MaxUsers: &two})
	require.NoError(t, err, "the member count itself is allowed")
}

func TestRegistrationWords(t *testing.T) {
	s, _ := newTestStore(t)
	many := make([]NewUser, MaxUsersPerRegistration+1)
	for i := range many {
		many[i] = NewUser{Username: "u" + strings.Repeat("x", i), Password: "p"}
	}
	_, err := s.RegisterUsers(ctx, app1, many)
	requireCode(t, err, EINVALID, "Request body array size[61] had almost reached or been greater than the upper range value[60]")
	_, err = s.RegisterUsers(ctx, app1, many[:MaxUsersPerRegistration])
	require.NoError(t, err, "60 users in one call")

	_, err = s.RegisterUsers(ctx, app1, []NewUser{{Username: strings.Repeat("a", MaxUsernameBytes+1), Password: "p"}})
	requireCode(t, err, EINVALID, MsgUsernameTooLong)
	_, err = s.RegisterUsers(ctx, app1, []NewUser{{Username: strings.Repeat("a", MaxUsernameBytes), Password: "p"}})
	require.NoError(t, err, "64 bytes")
	_, err = s.RegisterUsers(ctx, app1, []NewUser{{Username: "no way", Password: "p"}})
	requireCode(t, err, EINVALID, "username [no way] is not legal")
	_, err = s.RegisterUsers(ctx, app1, []NewUser{{Username: "nick", Password: "p", Nickname: strings.Repeat("n", MaxNicknameLength+1)}})
	requireCode(t, err, EINVALID, MsgNicknameTooLong)
	_, err = s.RegisterUsers(ctx, app1, []NewUser{{Username: "nick", Password: "p", Nickname: strings.Repeat("n", MaxNicknameLength)}})
	require.NoError(t, err, "100 characters")
}

func TestGroupDetailsJoinedTime(t *testing.T) {
	s, clk := newTestStore(t)
	users(t, s, "owner", "m1", "m2")
	g, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "owner", Public: true, Members: []string{"m1"}})
	require.NoError(t, err)
	created := clk.Now().UnixMilli()
	clk.Advance(5 * time.Second)
	_, err = s.AddGroupMember(ctx, app1, g.GroupID, "m2")
	require.NoError(t, err)

	d, err := s.GroupDetailsWithJoinedTime(ctx, app1, []string{g.GroupID})
	require.NoError(t, err)
	got := map[string]int64{}
	for _, a := range d[0].Group.Affiliations {
		require.NotNil(t, a.JoinedTime, "O-21: every affiliation carries joined_time")
		got[a.Owner+a.Member] = *a.JoinedTime
	}
	assert.Equal(t, map[string]int64{"owner": created, "m1": created, "m2": created + 5000}, got)

	plain, err := s.GroupDetails(ctx, app1, []string{g.GroupID})
	require.NoError(t, err)
	for _, a := range plain[0].Group.Affiliations {
		assert.Nil(t, a.JoinedTime, "without joined_time=true")
	}
}

func TestJoinedChatroomsDetailed(t *testing.T) {
	s, clk := newTestStore(t)
	users(t, s, "owner", "m1")
	r, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "lobby", Description: "d", Owner: "owner", Members: []string{"m1"}, Custom: "c"})
	require.NoError(t, err)
	created := clk.Now().UnixMilli()
	clk.Advance(7 * time.Second)
	three := FlexInt(300)
	_, err = s.ModifyChatroom(ctx, app1, r.ID, ChatroomUpdate{MaxUsers: &three})
	require.NoError(t, err)

	got, err := s.JoinedChatroomsDetailed(ctx, app1, "m1", 0, 0)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, JoinedChatroomDetail{
		ID: r.ID, Title: "lobby", Description: "d", Owner: "easemob-demo#testapp_owner", AppKey: "easemob-demo#testapp",
		MaxUsers: "300", Mute: "false", Public: "true", MembersOnly: "false", AllowUserInvites: "false",
		InviteNeedConfirm: "false", Disabled: "false", Created: strconv.FormatInt(created, 10),
		LastModified: strconv.FormatInt(created+7000, 10), Custom: "c", Type: "chatroom", MuteDuration: "-1",
		CurrPage: "1", PgSize: "3000", SliceNum: "1", Identify: "", DebutMsgNum: "10", OwnerCanLeave: "true", Scale: "large",
	}, got[0])
}
