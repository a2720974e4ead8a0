package store

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupIDs(t *testing.T) {
	t.Run("C-05 ids are unique strings of digits, even with a frozen clock", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner")
		seen := map[string]bool{}
		for range 50 {
			id := group(t, s, "owner")
			assert.Regexp(t, regexp.MustCompile(`^[0-9]{15,18}$`), id)
			assert.False(t, seen[id])
			seen[id] = true
			rid := room(t, s, "owner")
			assert.Regexp(t, `^[0-9]{15,18}$`, rid)
			assert.False(t, seen[rid])
			seen[rid] = true
		}
	})
	t.Run("C-05 WithIDSource; ids in use are skipped", func(t *testing.T) {
		n := 0
		ids := []string{"100", "100", "101"}
		s, _ := newTestStore(t, WithIDSource(func() string { n++; return ids[(n-1)%len(ids)] }))
		users(t, s, "owner")
		assert.Equal(t, "100", group(t, s, "owner"))
		assert.Equal(t, "101", group(t, s, "owner"))
	})
}

func TestCreateGroup(t *testing.T) {
	tr := true
	cases := []struct {
		name string
		in   NewGroup
		code Code
		msg  string
	}{
		{"G-GRP-06 groupname required", NewGroup{Owner: "owner"}, EINVALID, "groupname: required, must not be empty"},
		{"G-GRP-06, O-02 owner required", NewGroup{GroupName: "g"}, EINVALID, "owner must be provided"},
		{"G-GRP-06 maxusers at most 2000", NewGroup{GroupName: "g", Owner: "owner", MaxUsers: 2001}, EINVALID, "maxusers: must be between 1 and 2000, got 2001"},
		{"G-GRP-06 maxusers positive", NewGroup{GroupName: "g", Owner: "owner", MaxUsers: -1}, EINVALID, ""},
		{"G-GRP-06 members at most 100", NewGroup{GroupName: "g", Owner: "owner", Members: names("m", 101)}, EINVALID, "members: at most 100 items, got 101"},
		{"G-MEM-11 members and owner within maxusers", NewGroup{GroupName: "g", Owner: "owner", MaxUsers: 2, Members: []string{"m1", "m2"}}, EINVALID, ""},
		{"G-GRP-07 owner does not exist: 404 (002)", NewGroup{GroupName: "g", Owner: "tesuser"}, ENOTFOUND, "username tesuser doesn't exist!"},
		{"C-07 member does not exist", NewGroup{GroupName: "g", Owner: "owner", Members: []string{"ghost"}}, ENOTFOUND, "username ghost doesn't exist!"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "owner", "m1", "m2")
			_, err := s.CreateGroup(ctx, app1, c.in)
			requireCode(t, err, c.code, c.msg)
			page, _ := s.ListGroups(ctx, app1, 0, "")
			assert.Empty(t, page.Groups, "nothing is created on error")
		})
	}
	t.Run("G-GRP-06 G-GRP-09 defaults", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner", "m1")
		res, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "testgroup", Description: "test", Public: true, Owner: "Owner", Members: []string{"M1", "m1"}})
		require.NoError(t, err)
		d, err := s.GroupDetails(ctx, app1, []string{res.GroupID})
		require.NoError(t, err)
		g := d[0].Group
		assert.Equal(t, 200, g.MaxUsers)
		assert.False(t, g.MembersOnly)
		assert.False(t, g.AllowInvites)
		assert.True(t, g.InviteNeedConfirm)
		assert.True(t, g.Public)
		assert.Equal(t, "owner", g.Owner)
		assert.Equal(t, 2, g.AffiliationsCount)
		assert.Equal(t, []Affiliation{{Owner: "owner"}, {Member: "m1"}}, g.Affiliations)
	})
	t.Run("G-GRP-06 G-GRP-08 G-GRP-09 options are kept", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner")
		f := false
		res, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "owner", MaxUsers: 300, MembersOnly: tr, AllowInvites: true, InviteNeedConfirm: &f, Custom: "ext"})
		require.NoError(t, err)
		d, err := s.GroupDetails(ctx, app1, []string{res.GroupID})
		require.NoError(t, err)
		g := d[0].Group
		assert.Equal(t, 300, g.MaxUsers)
		assert.True(t, g.MembersOnly)
		assert.True(t, g.AllowInvites)
		assert.False(t, g.InviteNeedConfirm)
		assert.Equal(t, "ext", g.Custom)
	})
}

func TestGroupListing(t *testing.T) {
	t.Run("G-GRP-01 G-GRP-02 pages newest first with a cursor; last page has none", func(t *testing.T) {
		s, clk := newTestStore(t)
		users(t, s, "owner", "m1")
		var ids []string
		for range 5 {
			ids = append(ids, group(t, s, "owner", "m1"))
			clk.Advance(time.Millisecond)
		}
		var got []string
		cursor := ""
		pages := 0
		for {
			p, err := s.ListGroups(ctx, app1, 2, cursor)
			require.NoError(t, err)
			pages++
			for _, g := range p.Groups {
				got = append(got, g.GroupID)
			}
			if p.Cursor == "" {
				break
			}
			cursor = p.Cursor
			// A group created between pages does not shift later pages.
			if pages == 1 {
				group(t, s, "owner")
			}
		}
		assert.Equal(t, 3, pages)
		assert.Equal(t, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}, got)

		p, err := s.ListGroups(ctx, app1, 1, "")
		require.NoError(t, err)
		g := p.Groups[0]
		assert.Equal(t, "easemob-demo#testapp_owner", g.Owner)
		assert.Equal(t, "group", g.Type)
		assert.Equal(t, 1, g.Affiliations)
		assert.Equal(t, "g", g.GroupName)
		assert.Regexp(t, `^[0-9]+$`, g.LastModified)
		assert.NotZero(t, g.Created)
	})
	t.Run("G-GRP-01 limit 0 lists all; exact fit has no cursor", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner")
		for range 4 {
			group(t, s, "owner")
		}
		p, err := s.ListGroups(ctx, app1, 0, "")
		require.NoError(t, err)
		assert.Len(t, p.Groups, 4)
		assert.Empty(t, p.Cursor)
		p, err = s.ListGroups(ctx, app1, 4, "")
		require.NoError(t, err)
		assert.Len(t, p.Groups, 4)
		assert.Empty(t, p.Cursor)
	})
	t.Run("G-GRP-01 bad input", func(t *testing.T) {
		s, _ := newTestStore(t)
		_, err := s.ListGroups(ctx, app1, -1, "")
		requireCode(t, err, EINVALID, "")
		_, err = s.ListGroups(ctx, app1, 1, "not-a-cursor!")
		requireCode(t, err, EINVALID, "")
		_, err = s.ListGroups(ctx, app1, 1, encodeCursor("chatrooms", app1, 3))
		requireCode(t, err, EINVALID, "")
	})
	t.Run("G-GRP-03 joined groups; 404 for a missing user", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner", "m1", "lonely")
		g1 := group(t, s, "owner", "m1")
		g2 := group(t, s, "m1")
		group(t, s, "owner")
		j, err := s.JoinedGroups(ctx, app1, "M1")
		require.NoError(t, err)
		assert.Equal(t, []JoinedGroup{{GroupID: g2, GroupName: "g"}, {GroupID: g1, GroupName: "g"}}, j)
		j, err = s.JoinedGroups(ctx, app1, "lonely")
		require.NoError(t, err)
		assert.NotNil(t, j)
		assert.Empty(t, j)
		_, err = s.JoinedGroups(ctx, app1, "user20")
		requireCode(t, err, ENOTFOUND, "username user20 doesn't exist!")
	})
}

func TestGroupDetails(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "user1", "user2", "user3")
	g := group(t, s, "user1", "user2", "user3")
	g2 := group(t, s, "user2")

	t.Run("G-GRP-04 G-GRP-15 details", func(t *testing.T) {
		d, err := s.GroupDetails(ctx, app1, []string{g})
		require.NoError(t, err)
		require.Len(t, d, 1)
		b, err := json.Marshal(d)
		require.NoError(t, err)
		var got []map[string]any
		require.NoError(t, json.Unmarshal(b, &got))
		keys := []string{}
		for k := range got[0] {
			keys = append(keys, k)
		}
		assert.ElementsMatch(t, []string{"id", "name", "description", "membersonly", "allowinvites", "maxusers", "owner", "created", "custom", "affiliations_count", "affiliations", "public", "invite_need_confirm", "mute", "disabled", "avatar", "shieldgroup"}, keys) // mute and disabled always: G-BAN-08, G-DIS-04; avatar and shieldgroup: O-21
		assert.Equal(t, float64(3), got[0]["affiliations_count"])
		assert.Equal(t, "", got[0]["custom"])

		require.NoError(t, s.SetGroupMuteAll(ctx, app1, g, true))
		d, _ = s.GroupDetails(ctx, app1, []string{g})
		assert.True(t, d[0].Group.Mute)
		b, _ = json.Marshal(d[0])
		assert.Contains(t, string(b), `"mute":true`)
		requireCode(t, s.SetGroupMuteAll(ctx, app1, "1", true), ENOTFOUND, "")
	})
	t.Run("G-GRP-04 C-08 one missing id: service_resource_not_found", func(t *testing.T) {
		_, err := s.GroupDetails(ctx, app1, []string{"6601645549158"})
		requireCode(t, err, ESVCNOTFOUND, "do not find this group:6601645549158")
	})
	t.Run("G-GRP-05 several ids, some missing", func(t *testing.T) {
		d, err := s.GroupDetails(ctx, app1, []string{g, "999", g2})
		require.NoError(t, err)
		require.Len(t, d, 3)
		assert.Equal(t, g, d[0].Group.ID)
		assert.Nil(t, d[1].Group)
		assert.Equal(t, "999", d[1].MissingID)
		b, err := json.Marshal(d[1])
		require.NoError(t, err)
		assert.JSONEq(t, `{"id":"999","error":"group id doesn't exist"}`, string(b))
		assert.Equal(t, g2, d[2].Group.ID)
	})
	t.Run("id count limits", func(t *testing.T) {
		_, err := s.GroupDetails(ctx, app1, nil)
		requireCode(t, err, EINVALID, "")
		_, err = s.GroupDetails(ctx, app1, names("1", 101))
		requireCode(t, err, EINVALID, "group_ids: at most 100 items, got 101")
	})
}

func TestUpdateGroup(t *testing.T) {
	str := func(s string) *string { return &s }
	num := func(n FlexInt) *FlexInt { return &n }
	yes := func(b bool) *bool { return &b }
	cases := []struct {
		name string
		u    GroupUpdate
		want GroupUpdated
		code Code
	}{
		{"G-GRP-10 all five fields", GroupUpdate{GroupName: str("n"), Description: str("d"), MaxUsers: num(300), MembersOnly: yes(true), AllowInvites: yes(true)},
			GroupUpdated{"groupname": true, "description": true, "maxusers": true, "membersonly": true, "allowinvites": true}, ""},
		{"G-GRP-10 one field", GroupUpdate{Description: str("")}, GroupUpdated{"description": true}, ""},
		{"G-GRP-10 nothing to change", GroupUpdate{}, nil, EINVALID},
		{"G-GRP-11 slash in groupname", GroupUpdate{GroupName: str("a/b")}, nil, EINVALID},
		{"G-GRP-11 slash in description", GroupUpdate{Description: str("a/b"), GroupName: str("ok")}, nil, EINVALID},
		{"empty groupname", GroupUpdate{GroupName: str(" ")}, nil, EINVALID},
		{"G-MEM-11 maxusers below the member count", GroupUpdate{MaxUsers: num(2)}, nil, EINVALID},
		{"maxusers above 2000", GroupUpdate{MaxUsers: num(2001)}, nil, EINVALID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "owner", "m1", "m2")
			g := group(t, s, "owner", "m1", "m2")
			got, err := s.UpdateGroup(ctx, app1, g, c.u)
			d, _ := s.GroupDetails(ctx, app1, []string{g})
			if c.code != "" {
				requireCode(t, err, c.code, "")
				assert.Equal(t, "g", d[0].Group.Name, "nothing changes on error")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			if c.u.GroupName != nil {
				assert.Equal(t, *c.u.GroupName, d[0].Group.Name)
			}
			if c.u.MaxUsers != nil {
				assert.Equal(t, int(*c.u.MaxUsers), d[0].Group.MaxUsers)
			}
			if c.u.MembersOnly != nil {
				assert.True(t, d[0].Group.MembersOnly)
				assert.True(t, d[0].Group.AllowInvites)
			}
		})
	}
	t.Run("G-GRP-12 missing group", func(t *testing.T) {
		s, _ := newTestStore(t)
		_, err := s.UpdateGroup(ctx, app1, "6602183678361", GroupUpdate{GroupName: str("x")})
		requireCode(t, err, ENOTFOUND, "grpID 6602183678361 does not exist!")
	})
	t.Run("G-GRP-10 DecodeGroupUpdate rejects unknown fields", func(t *testing.T) {
		u, err := DecodeGroupUpdate([]byte(`{"groupname":"n","maxusers":300,"membersonly":true}`))
		require.NoError(t, err)
		assert.Equal(t, "n", *u.GroupName)
		assert.Equal(t, FlexInt(300), *u.MaxUsers)
		assert.Nil(t, u.Description)
		for _, body := range []string{`{"owner":"x"}`, `{"avatar":"x"}`, `[1]`, `{"maxusers":"many"}`, `nope`} {
			_, err := DecodeGroupUpdate([]byte(body))
			requireCode(t, err, EINVALID, "")
		}
		_, err = DecodeGroupUpdate([]byte(`{"owner":"x"}`))
		requireCode(t, err, EINVALID, "owner: can not be modified; allowed fields are groupname, description, maxusers, membersonly, allowinvites, custom, public, invite_need_confirm")
	})
	t.Run("IsOwnerTransfer", func(t *testing.T) {
		o, ok := IsOwnerTransfer([]byte(`{"newowner":"user2"}`))
		assert.True(t, ok)
		assert.Equal(t, "user2", o)
		_, ok = IsOwnerTransfer([]byte(`{"groupname":"x"}`))
		assert.False(t, ok)
		_, ok = IsOwnerTransfer([]byte(`oops`))
		assert.False(t, ok)
	})
}

func TestTransferGroupOwner(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "user1", "user2", "user3", "user6")
	g := group(t, s, "user1", "user2", "user3")
	_, err := s.AddGroupAdmin(ctx, app1, g, "user2")
	require.NoError(t, err)
	_, err = s.MuteGroupMembers(ctx, app1, g, []string{"user2"}, -1)
	require.NoError(t, err)

	t.Run("G-OWN-01 transfer; the old owner becomes a member", func(t *testing.T) {
		res, err := s.TransferGroupOwner(ctx, app1, g, "User2")
		require.NoError(t, err)
		assert.Equal(t, OwnerTransferred{NewOwner: true}, res)
		d, _ := s.GroupDetails(ctx, app1, []string{g})
		assert.Equal(t, "user2", d[0].Group.Owner)
		assert.Equal(t, 3, d[0].Group.AffiliationsCount)
		assert.ElementsMatch(t, []string{"user1", "user3"}, memberNames(d[0].Group.Affiliations))
		admins, _ := s.GroupAdmins(ctx, app1, g)
		assert.Empty(t, admins, "the owner is not an admin")
		mutes, _ := s.GroupMutes(ctx, app1, g)
		assert.Empty(t, mutes, "the owner is not muted")
	})
	t.Run("G-OWN-02 new owner not a member: 403", func(t *testing.T) {
		_, err := s.TransferGroupOwner(ctx, app1, g, "user6")
		requireCode(t, err, EFORBIDDEN, "user: user6 doesn't exist in group: "+g)
		_, err = s.TransferGroupOwner(ctx, app1, g, "ghost")
		requireCode(t, err, EFORBIDDEN, "user: ghost doesn't exist in group: "+g)
	})
	t.Run("G-OWN-02 already the owner, empty name", func(t *testing.T) {
		_, err := s.TransferGroupOwner(ctx, app1, g, "user2")
		requireCode(t, err, EFORBIDDEN, "")
		_, err = s.TransferGroupOwner(ctx, app1, g, "")
		requireCode(t, err, EINVALID, "")
	})
	t.Run("G-OWN-02 missing group", func(t *testing.T) {
		_, err := s.TransferGroupOwner(ctx, app1, "6601645549158", "user2")
		requireCode(t, err, ENOTFOUND, "grpID 6601645549158 does not exist!")
	})
}

// TestTransferKeepsTheNewOwnersAttributesAndThreads: the transfer used to go through the
// removal path, which wiped the new owner's member attributes and thread memberships.
func TestTransferKeepsTheNewOwnersAttributesAndThreads(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "alice", "bob")
	g := group(t, s, "alice", "bob")
	for _, u := range []string{"alice", "bob"} {
		_, err := s.SetMemberAttributes(ctx, app1, g, u, map[string]string{"k": u})
		require.NoError(t, err)
	}
	sent, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{g}})
	require.NoError(t, err)
	th, err := s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: sent[g], Owner: "alice"})
	require.NoError(t, err)
	require.NoError(t, s.AddThreadMembers(ctx, app1, th.ThreadID, []string{"bob"}))

	_, err = s.TransferGroupOwner(ctx, app1, g, "bob")
	require.NoError(t, err)

	for _, u := range []string{"alice", "bob"} {
		attrs, err := s.MemberAttributes(ctx, app1, g, u)
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"k": u}, attrs, "%s keeps their attributes", u)
	}
	members, err := s.ThreadMembers(ctx, app1, th.ThreadID, 0, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"alice", "bob"}, members.Items, "both stay in the thread")
}

func TestDeleteGroup(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner", "m1")
	g := group(t, s, "owner", "m1")
	t.Run("G-GRP-13 delete; the group is gone everywhere", func(t *testing.T) {
		res, err := s.DeleteGroup(ctx, app1, g)
		require.NoError(t, err)
		assert.Equal(t, GroupDeleted{Success: true, GroupID: g}, res)
		_, err = s.GroupDetails(ctx, app1, []string{g})
		requireCode(t, err, ESVCNOTFOUND, "")
		p, _ := s.ListGroups(ctx, app1, 0, "")
		assert.Empty(t, p.Groups)
		j, _ := s.JoinedGroups(ctx, app1, "m1")
		assert.Empty(t, j)
	})
	t.Run("G-GRP-13 C-09 missing group", func(t *testing.T) {
		_, err := s.DeleteGroup(ctx, app1, g)
		requireCode(t, err, ENOTFOUND, "grpID "+g+" does not exist!")
	})
}

// TestMissingGroup checks C-09: every group call on an id that does not exist is 404.
func TestMissingGroup(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "u")
	const id = "6601645549158"
	calls := map[string]func() error{
		"update":       func() error { _, e := s.UpdateGroup(ctx, app1, id, GroupUpdate{}); return e },
		"delete":       func() error { _, e := s.DeleteGroup(ctx, app1, id); return e },
		"announcement": func() error { _, e := s.GroupAnnouncement(ctx, app1, id); return e },
		"files":        func() error { _, e := s.GroupFiles(ctx, app1, id, 0, 0); return e },
		"upload": func() error {
			_, e := s.UploadGroupFile(ctx, app1, id, NewGroupFile{Name: "f", Data: []byte("x")})
			return e
		},
		"download":      func() error { _, e := s.DownloadGroupFile(ctx, app1, id, "f"); return e },
		"delete file":   func() error { _, e := s.DeleteGroupFile(ctx, app1, id, "f"); return e },
		"add member":    func() error { _, e := s.AddGroupMember(ctx, app1, id, "u"); return e },
		"add members":   func() error { _, e := s.AddGroupMembers(ctx, app1, id, []string{"u"}); return e },
		"remove member": func() error { _, e := s.RemoveGroupMember(ctx, app1, id, "u"); return e },
		"remove many":   func() error { _, e := s.RemoveGroupMembers(ctx, app1, id, []string{"u", "v"}); return e },
		"admins":        func() error { _, e := s.GroupAdmins(ctx, app1, id); return e },
		"add admin":     func() error { _, e := s.AddGroupAdmin(ctx, app1, id, "u"); return e },
		"remove admin":  func() error { _, e := s.RemoveGroupAdmin(ctx, app1, id, "u"); return e },
		"transfer":      func() error { _, e := s.TransferGroupOwner(ctx, app1, id, "u"); return e },
		"blocks":        func() error { _, e := s.GroupBlocks(ctx, app1, id); return e },
		"block":         func() error { _, e := s.BlockGroupUser(ctx, app1, id, "u"); return e },
		"block many":    func() error { _, e := s.BlockGroupUsers(ctx, app1, id, []string{"u"}); return e },
		"unblock":       func() error { _, e := s.UnblockGroupUser(ctx, app1, id, "u"); return e },
		"unblock many":  func() error { _, e := s.UnblockGroupUsers(ctx, app1, id, []string{"u"}); return e },
		"mutes":         func() error { _, e := s.GroupMutes(ctx, app1, id); return e },
		"mute":          func() error { _, e := s.MuteGroupMembers(ctx, app1, id, []string{"u"}, 1000); return e },
		"unmute":        func() error { _, e := s.UnmuteGroupMembers(ctx, app1, id, []string{"u"}); return e },
	}
	for name, call := range calls {
		t.Run("C-09 "+name, func(t *testing.T) {
			requireCode(t, call(), ENOTFOUND, fmt.Sprintf("grpID %s does not exist!", id))
		})
	}
	t.Run("C-09 C-08 details and member list: service_resource_not_found", func(t *testing.T) {
		_, err := s.GroupMembers(ctx, app1, id, 0, 0)
		requireCode(t, err, ESVCNOTFOUND, "do not find this group:"+id)
	})
}

// names returns n usernames prefix0..prefix{n-1}.
func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}
