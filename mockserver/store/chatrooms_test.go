package store

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChatroomSuperAdmins(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "user1", "user2", "user3")
	t.Run("R-SUP-01 add one", func(t *testing.T) {
		for _, u := range []string{"User1", "user2", "user3"} {
			res, err := s.AddChatroomSuperAdmin(ctx, app1, u)
			require.NoError(t, err)
			assert.Equal(t, SuperAdminAdded{Result: "success", Resource: ""}, res)
		}
		_, err := s.AddChatroomSuperAdmin(ctx, app1, "user1")
		requireCode(t, err, EINVALID, "user user1 is already a super admin")
		_, err = s.AddChatroomSuperAdmin(ctx, app1, "ghost")
		requireCode(t, err, ENOTFOUND, "username ghost doesn't exist!")
		_, err = s.AddChatroomSuperAdmin(ctx, app1, "")
		requireCode(t, err, EINVALID, "")
	})
	t.Run("R-SUP-02 list paged, pagesize default 10", func(t *testing.T) {
		all, err := s.ChatroomSuperAdmins(ctx, app1, 0, 0)
		require.NoError(t, err)
		assert.Equal(t, []string{"user1", "user2", "user3"}, all)
		p2, err := s.ChatroomSuperAdmins(ctx, app1, 2, 2)
		require.NoError(t, err)
		assert.Equal(t, []string{"user3"}, p2)
		_, err = s.ChatroomSuperAdmins(ctx, app1, 1, 1001)
		requireCode(t, err, EINVALID, "")
	})
	t.Run("R-SUP-03 remove", func(t *testing.T) {
		res, err := s.RemoveChatroomSuperAdmin(ctx, app1, "user2")
		require.NoError(t, err)
		assert.Equal(t, SuperAdminRemoved{NewSuperAdmin: "user2", Resource: ""}, res)
		all, _ := s.ChatroomSuperAdmins(ctx, app1, 0, 0)
		assert.Equal(t, []string{"user1", "user3"}, all)
		_, err = s.RemoveChatroomSuperAdmin(ctx, app1, "user2")
		requireCode(t, err, ENOTFOUND, "")
	})
}

func TestCreateChatroom(t *testing.T) {
	cases := []struct {
		name string
		in   NewChatroom
		code Code
		msg  string
	}{
		{"R-ROOM-04, O-02 name required", NewChatroom{Owner: "owner"}, EINVALID, "chatroom must contain title/name field!"},
		{"R-ROOM-04 name at most 128", NewChatroom{Name: strings.Repeat("n", 129), Owner: "owner"}, EINVALID, "name: at most 128 characters, got 129"},
		{"R-ROOM-04 description at most 512", NewChatroom{Name: "n", Description: strings.Repeat("d", 513), Owner: "owner"}, EINVALID, "description: at most 512 characters, got 513"},
		{"R-ROOM-04 custom at most 1024", NewChatroom{Name: "n", Custom: strings.Repeat("c", 1025), Owner: "owner"}, EINVALID, "custom: at most 1024 characters, got 1025"},
		{"R-ROOM-04 owner required", NewChatroom{Name: "n"}, EINVALID, "owner: required, must not be empty"},
		{"R-ROOM-04 maxusers at most 10000", NewChatroom{Name: "n", Owner: "owner", MaxUsers: 10001}, EINVALID, "maxusers: must be between 1 and 10000, got 10001"},
		{"R-ROOM-04 maxusers at least 1", NewChatroom{Name: "n", Owner: "owner", MaxUsers: -5}, EINVALID, ""},
		{"R-ROOM-04 members not more than maxusers", NewChatroom{Name: "n", Owner: "owner", MaxUsers: 2, Members: []string{"m1", "m2"}}, EINVALID, ""},
		{"R-ROOM-04 owner must exist", NewChatroom{Name: "n", Owner: "ghost"}, ENOTFOUND, "username ghost doesn't exist!"},
		{"R-ROOM-04 members must exist", NewChatroom{Name: "n", Owner: "owner", Members: []string{"ghost"}}, ENOTFOUND, "username ghost doesn't exist!"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "owner", "m1", "m2")
			_, err := s.CreateChatroom(ctx, app1, c.in)
			requireCode(t, err, c.code, c.msg)
			p, _ := s.ListChatrooms(ctx, app1, 0, "")
			assert.Empty(t, p.Chatrooms)
		})
	}
	t.Run("R-ROOM-04 R-ROOM-03 create with defaults, then details", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2")
		res, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "testchatroom1", Description: "test", Owner: "User1", Members: []string{"user2"}, Custom: "c"})
		require.NoError(t, err)
		assert.Regexp(t, `^[0-9]+$`, res.ID)
		d, err := s.ChatroomDetails(ctx, app1, []string{res.ID})
		require.NoError(t, err)
		assert.Equal(t, []ChatroomDetails{{
			ID: res.ID, Name: "testchatroom1", Description: "test", MaxUsers: 1000, Owner: "user1",
			Created: t0.UnixMilli(), Custom: "c", AffiliationsCount: 2,
			Affiliations: []Affiliation{{Owner: "user1"}, {Member: "user2"}}, Public: true,
		}}, d)
	})
}

func TestChatroomListing(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner", "m1", "lonely")
	var ids []string
	for range 12 {
		ids = append(ids, room(t, s, "owner", "m1"))
	}
	t.Run("R-ROOM-01 default limit 10, cursor to the rest, newest first", func(t *testing.T) {
		p, err := s.ListChatrooms(ctx, app1, 0, "")
		require.NoError(t, err)
		require.Len(t, p.Chatrooms, 10)
		assert.NotEmpty(t, p.Cursor)
		assert.Equal(t, ChatroomSummary{ID: ids[11], Name: "r", Owner: "owner", AffiliationsCount: 2}, p.Chatrooms[0])
		p2, err := s.ListChatrooms(ctx, app1, 10, p.Cursor)
		require.NoError(t, err)
		assert.Equal(t, []string{ids[1], ids[0]}, []string{p2.Chatrooms[0].ID, p2.Chatrooms[1].ID})
		assert.Empty(t, p2.Cursor)
	})
	t.Run("R-ROOM-01 limit in [1,100]", func(t *testing.T) {
		_, err := s.ListChatrooms(ctx, app1, 101, "")
		requireCode(t, err, EINVALID, "limit: must be between 1 and 100, got 101")
		_, err = s.ListChatrooms(ctx, app1, -1, "")
		requireCode(t, err, EINVALID, "")
		_, err = s.ListChatrooms(ctx, app1, 5, "garbage")
		requireCode(t, err, EINVALID, "")
	})
	t.Run("R-ROOM-02 joined rooms paged, latest first, disabled \"false\"", func(t *testing.T) {
		j, err := s.JoinedChatrooms(ctx, app1, "M1", 0, 0)
		require.NoError(t, err)
		require.Len(t, j, 12)
		assert.Equal(t, JoinedChatroom{ID: ids[11], Name: "r", Disabled: "false"}, j[0])
		p, err := s.JoinedChatrooms(ctx, app1, "m1", 2, 5)
		require.NoError(t, err)
		assert.Equal(t, j[5:10], p)
		p, err = s.JoinedChatrooms(ctx, app1, "owner", 1, 0)
		require.NoError(t, err)
		assert.Len(t, p, 12, "the owner's rooms count; pagesize defaults to 1000")
		none, err := s.JoinedChatrooms(ctx, app1, "lonely", 0, 0)
		require.NoError(t, err)
		assert.NotNil(t, none)
		assert.Empty(t, none)
		_, err = s.JoinedChatrooms(ctx, app1, "ghost", 0, 0)
		requireCode(t, err, ENOTFOUND, "username ghost doesn't exist!")
		_, err = s.JoinedChatrooms(ctx, app1, "m1", 1, 1001)
		requireCode(t, err, EINVALID, "")
	})
	t.Run("R-ROOM-03 several ids; missing ones left out; none found is 404; at most 100", func(t *testing.T) {
		d, err := s.ChatroomDetails(ctx, app1, []string{ids[0], "404", ids[1]})
		require.NoError(t, err)
		require.Len(t, d, 2)
		assert.Equal(t, ids[0], d[0].ID)
		assert.Equal(t, ids[1], d[1].ID)
		_, err = s.ChatroomDetails(ctx, app1, []string{"404"})
		requireCode(t, err, ENOTFOUND, "grpID 404 does not exist!")
		_, err = s.ChatroomDetails(ctx, app1, names("1", 101))
		requireCode(t, err, EINVALID, "chatroom_ids: at most 100 items, got 101")
		_, err = s.ChatroomDetails(ctx, app1, nil)
		requireCode(t, err, EINVALID, "")
	})
}

func TestModifyChatroom(t *testing.T) {
	str := func(s string) *string { return &s }
	num := func(n FlexInt) *FlexInt { return &n }
	cases := []struct {
		name string
		u    ChatroomUpdate
		want ChatroomUpdated
		code Code
	}{
		{"R-ROOM-05 all three; name answers as groupname", ChatroomUpdate{Name: str("testchatroom"), Description: str("test"), MaxUsers: num(300)},
			ChatroomUpdated{"groupname": true, "description": true, "maxusers": true}, ""},
		{"R-ROOM-05 only description", ChatroomUpdate{Description: str("x")}, ChatroomUpdated{"description": true}, ""},
		{"R-ROOM-05 nothing", ChatroomUpdate{}, nil, EINVALID},
		{"R-ROOM-05 name too long", ChatroomUpdate{Name: str(strings.Repeat("n", 129))}, nil, EINVALID},
		{"R-ROOM-05 empty name", ChatroomUpdate{Name: str("")}, nil, EINVALID},
		{"R-ROOM-05 description too long", ChatroomUpdate{Description: str(strings.Repeat("d", 513))}, nil, EINVALID},
		{"R-ROOM-05 maxusers over 10000", ChatroomUpdate{MaxUsers: num(10001)}, nil, EINVALID},
		{"R-ROOM-05, O-07 maxusers below the member count", ChatroomUpdate{MaxUsers: num(1)}, nil, EFORBIDDEN},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "owner", "m1")
			r := room(t, s, "owner", "m1")
			got, err := s.ModifyChatroom(ctx, app1, r, c.u)
			d, _ := s.ChatroomDetails(ctx, app1, []string{r})
			if c.code != "" {
				requireCode(t, err, c.code, "")
				assert.Equal(t, "r", d[0].Name)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			if c.u.Name != nil {
				assert.Equal(t, *c.u.Name, d[0].Name)
				assert.Equal(t, 300, d[0].MaxUsers)
			}
		})
	}
	t.Run("R-ROOM-05 missing room", func(t *testing.T) {
		s, _ := newTestStore(t)
		_, err := s.ModifyChatroom(ctx, app1, "1", ChatroomUpdate{Name: str("x")})
		requireCode(t, err, ENOTFOUND, "")
	})
	t.Run("R-ROOM-05 DecodeChatroomUpdate", func(t *testing.T) {
		u, err := DecodeChatroomUpdate([]byte(`{"name":"n","maxusers":5}`))
		require.NoError(t, err)
		assert.Equal(t, "n", *u.Name)
		assert.Equal(t, FlexInt(5), *u.MaxUsers)
		u, err = DecodeChatroomUpdate([]byte(`{"maxusers":"200"}`))
		require.NoError(t, err, "O-08: maxusers as a numeric string")
		assert.Equal(t, FlexInt(200), *u.MaxUsers)
		for _, b := range []string{`{"custom":"x"}`, `{"groupname":"x"}`, `{"maxusers":"x"}`, `[]`} {
			_, err := DecodeChatroomUpdate([]byte(b))
			requireCode(t, err, EINVALID, "")
		}
	})
}

func TestDeleteChatroom(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner", "m1")
	r := room(t, s, "owner", "m1")
	t.Run("R-ROOM-06 delete", func(t *testing.T) {
		res, err := s.DeleteChatroom(ctx, app1, r)
		require.NoError(t, err)
		assert.Equal(t, ChatroomDeleted{Success: true, ID: r}, res)
		j, _ := s.JoinedChatrooms(ctx, app1, "m1", 0, 0)
		assert.Empty(t, j)
	})
	t.Run("R-ROOM-06 a room that does not exist is an error", func(t *testing.T) {
		_, err := s.DeleteChatroom(ctx, app1, r)
		requireCode(t, err, ENOTFOUND, "grpID "+r+" does not exist!")
	})
}
