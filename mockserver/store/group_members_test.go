package store

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupMembers(t *testing.T) {
	t.Run("G-MEM-01 pages owner first then members in join order", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2", "user3", "user4")
		g := group(t, s, "user1", "user3", "user2")
		_, err := s.AddGroupMember(ctx, app1, g, "user4")
		require.NoError(t, err)
		all, err := s.GroupMembers(ctx, app1, g, 0, 0)
		require.NoError(t, err)
		assert.Equal(t, []Affiliation{{Owner: "user1"}, {Member: "user3"}, {Member: "user2"}, {Member: "user4"}}, all)
		p2, err := s.GroupMembers(ctx, app1, g, 2, 2)
		require.NoError(t, err)
		assert.Equal(t, []Affiliation{{Member: "user2"}, {Member: "user4"}}, p2)
		p3, err := s.GroupMembers(ctx, app1, g, 3, 2)
		require.NoError(t, err)
		assert.Empty(t, p3)
		p1, err := s.GroupMembers(ctx, app1, g, 0, 3)
		require.NoError(t, err)
		assert.Len(t, p1, 3, "pagenum defaults to 1")
		_, err = s.GroupMembers(ctx, app1, g, 1, 1001)
		requireCode(t, err, EINVALID, "pagesize: must be between 1 and 1000, got 1001")
		_, err = s.GroupMembers(ctx, app1, g, -1, 10)
		requireCode(t, err, EINVALID, "")
	})

	single := []struct {
		name string
		user string
		code Code
		msg  string
	}{
		{"G-MEM-02 add one", "User4", "", ""},
		{"G-MEM-03 already a member: 403", "user2", EFORBIDDEN, ""},
		{"G-MEM-03 the owner is already in: 403", "user1", EFORBIDDEN, ""},
		{"G-MEM-04 user does not exist: 404 (002)", "user8", ENOTFOUND, "username user8 doesn't exist!"},
		{"G-BLK-08 blocked user can not be added back", "blocked", EFORBIDDEN, ""},
	}
	for _, c := range single {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "user1", "user2", "user4", "blocked")
			g := group(t, s, "user1", "user2", "blocked")
			_, err := s.BlockGroupUser(ctx, app1, g, "blocked")
			require.NoError(t, err)
			res, err := s.AddGroupMember(ctx, app1, g, c.user)
			if c.code != "" {
				requireCode(t, err, c.code, c.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, MemberAdded{Result: true, GroupID: g, Action: "add_member", User: "user4"}, res)
			mem, _ := s.GroupMembers(ctx, app1, g, 0, 0)
			assert.Contains(t, memberNames(mem), "user4")
		})
	}
	t.Run("G-BLK-08 added again once unblocked", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "blocked")
		g := group(t, s, "user1", "blocked")
		_, err := s.BlockGroupUser(ctx, app1, g, "blocked")
		require.NoError(t, err)
		_, err = s.AddGroupMembers(ctx, app1, g, []string{"blocked"})
		requireCode(t, err, EFORBIDDEN, "")
		_, err = s.UnblockGroupUser(ctx, app1, g, "blocked")
		require.NoError(t, err)
		_, err = s.AddGroupMember(ctx, app1, g, "blocked")
		require.NoError(t, err)
	})
	t.Run("G-MEM-11 count never above maxusers, owner included", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner", "m1", "m2", "m3")
		res, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "owner", MaxUsers: 2})
		require.NoError(t, err)
		_, err = s.AddGroupMember(ctx, app1, res.GroupID, "m1")
		require.NoError(t, err)
		_, err = s.AddGroupMember(ctx, app1, res.GroupID, "m2")
		requireCode(t, err, EFORBIDDEN, "group "+res.GroupID+" is full: it has maxusers 2 members")
		_, err = s.RemoveGroupMember(ctx, app1, res.GroupID, "m1")
		require.NoError(t, err)
		_, err = s.AddGroupMembers(ctx, app1, res.GroupID, []string{"m2", "m3"})
		requireCode(t, err, EFORBIDDEN, "")
		mem, _ := s.GroupMembers(ctx, app1, res.GroupID, 0, 0)
		assert.Len(t, mem, 1, "an over-full batch adds nobody")
	})
}

func TestGroupMembersBatch(t *testing.T) {
	cases := []struct {
		name  string
		users []string
		want  []string
		code  Code
		msg   string
	}{
		{"G-MEM-05 add several", []string{"user3", "User4"}, []string{"user3", "user4"}, "", ""},
		{"G-MEM-06 some already members: only the new ones listed", []string{"user2", "user3"}, []string{"user3"}, "", ""},
		{"G-MEM-06 all already members: 403", []string{"user2"}, nil, EFORBIDDEN, ""},
		{"G-MEM-07 owner named as a member: 404 (000)", []string{"user3", "user1"}, nil, ENOTFOUND, ""},
		{"G-MEM-07 user does not exist: 404 (002)", []string{"user3", "ghost"}, nil, ENOTFOUND, "username ghost doesn't exist!"},
		{"G-MEM-05 more than 60: 400", names("x", 61), nil, EINVALID, "usernames: at most 60 items, got 61"},
		{"G-MEM-05 none: 400", []string{}, nil, EINVALID, "usernames: at least 1 item, got 0"},
		{"G-MEM-05 empty name: 400", []string{""}, nil, EINVALID, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "user1", "user2", "user3", "user4")
			g := group(t, s, "user1", "user2")
			res, err := s.AddGroupMembers(ctx, app1, g, c.users)
			if c.code != "" {
				requireCode(t, err, c.code, c.msg)
				mem, _ := s.GroupMembers(ctx, app1, g, 0, 0)
				assert.Equal(t, []string{"user2"}, memberNames(mem), "a failed batch adds nobody")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, MembersAdded{NewMembers: c.want, GroupID: g, Action: "add_member"}, res)
		})
	}
}

func TestGroupRemoveMembers(t *testing.T) {
	single := []struct {
		name string
		user string
		code Code
		msg  string
	}{
		{"G-MEM-08 remove one", "User3", "", ""},
		{"G-MEM-08 not a member: 403", "user8", EFORBIDDEN, "users [user8] are not members of this group!"},
		{"G-MEM-08 user does not exist: 404", "ghost", ENOTFOUND, "username ghost doesn't exist!"},
		{"G-MEM-10 the owner: 403", "user1", EFORBIDDEN, "forbidden operation on group owner!"},
	}
	for _, c := range single {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "user1", "user2", "user3", "user8")
			g := group(t, s, "user1", "user2", "user3")
			res, err := s.RemoveGroupMember(ctx, app1, g, c.user)
			if c.code != "" {
				requireCode(t, err, c.code, c.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, MemberRemoved{Result: true, Action: "remove_member", User: "user3", GroupID: g}, res)
			mem, _ := s.GroupMembers(ctx, app1, g, 0, 0)
			assert.Equal(t, []string{"user2"}, memberNames(mem))
		})
	}
	t.Run("G-MEM-09 remove several with per-user results", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2", "user3", "user8")
		g := group(t, s, "user1", "user2", "user3")
		res, err := s.RemoveGroupMembers(ctx, app1, g, []string{"ghost", "user2", "user8", "user1", "user3"})
		require.NoError(t, err)
		assert.Equal(t, []MemberRemoved{
			{Result: false, Action: "remove_member", Reason: "user ghost doesn't exist.", User: "ghost", GroupID: g},
			{Result: true, Action: "remove_member", User: "user2", GroupID: g},
			{Result: false, Action: "remove_member", Reason: fmt.Sprintf("user: user8 doesn't exist in group: %s", g), User: "user8", GroupID: g},
			{Result: false, Action: "remove_member", Reason: "forbidden operation on group owner!", User: "user1", GroupID: g},
			{Result: true, Action: "remove_member", User: "user3", GroupID: g},
		}, res)
		mem, _ := s.GroupMembers(ctx, app1, g, 0, 0)
		assert.Empty(t, memberNames(mem))
	})
	t.Run("G-MEM-09 none of them a member: 403", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2", "user8")
		g := group(t, s, "user1", "user2")
		_, err := s.RemoveGroupMembers(ctx, app1, g, []string{"user8", "ghost"})
		requireCode(t, err, EFORBIDDEN, "users [user8, ghost] are not members of this group!")
		_, err = s.RemoveGroupMembers(ctx, app1, g, names("x", 61))
		requireCode(t, err, EINVALID, "usernames: at most 60 items, got 61")
	})
	t.Run("removing a member drops their admin role and mute", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2")
		g := group(t, s, "user1", "user2")
		_, err := s.AddGroupAdmin(ctx, app1, g, "user2")
		require.NoError(t, err)
		_, err = s.MuteGroupMembers(ctx, app1, g, []string{"user2"}, 1000)
		require.NoError(t, err)
		_, err = s.RemoveGroupMember(ctx, app1, g, "user2")
		require.NoError(t, err)
		admins, _ := s.GroupAdmins(ctx, app1, g)
		mutes, _ := s.GroupMutes(ctx, app1, g)
		assert.Empty(t, admins)
		assert.Empty(t, mutes)
	})
}

func TestGroupQuota(t *testing.T) {
	t.Run("G-GRP-14 a user is in at most 500 groups", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "busy", "other", "third")
		var last string
		for range MaxGroupsPerUser {
			last = group(t, s, "other", "busy")
		}
		_, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "busy"})
		requireCode(t, err, EFORBIDDEN, "user busy is already in 500 groups, the most allowed")
		_, err = s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Owner: "third", Members: []string{"busy"}})
		requireCode(t, err, EFORBIDDEN, "")
		g := group(t, s, "third")
		_, err = s.AddGroupMember(ctx, app1, g, "busy")
		requireCode(t, err, EFORBIDDEN, "")
		_, err = s.AddGroupMembers(ctx, app1, g, []string{"busy"})
		requireCode(t, err, EFORBIDDEN, "")
		// Leaving one makes room.
		_, err = s.RemoveGroupMember(ctx, app1, last, "busy")
		require.NoError(t, err)
		_, err = s.AddGroupMember(ctx, app1, g, "busy")
		require.NoError(t, err)
	})
}

func TestGroupAdmins(t *testing.T) {
	t.Run("G-ADM-01 G-ADM-02 G-ADM-03 promote, list, demote", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1", "user2", "user3")
		g := group(t, s, "user1", "user2", "user3")
		admins, err := s.GroupAdmins(ctx, app1, g)
		require.NoError(t, err)
		assert.NotNil(t, admins)
		assert.Empty(t, admins)
		res, err := s.AddGroupAdmin(ctx, app1, g, "User3")
		require.NoError(t, err)
		assert.Equal(t, AdminAdded{Result: "success", NewAdmin: "user3"}, res)
		_, err = s.AddGroupAdmin(ctx, app1, g, "user2")
		require.NoError(t, err)
		admins, _ = s.GroupAdmins(ctx, app1, g)
		assert.Equal(t, []string{"user3", "user2"}, admins)
		rem, err := s.RemoveGroupAdmin(ctx, app1, g, "user3")
		require.NoError(t, err)
		assert.Equal(t, AdminRemoved{Result: "success", OldAdmin: "user3"}, rem)
		admins, _ = s.GroupAdmins(ctx, app1, g)
		assert.Equal(t, []string{"user2"}, admins)
		mem, _ := s.GroupMembers(ctx, app1, g, 0, 0)
		assert.Contains(t, memberNames(mem), "user3", "a demoted admin stays a member")
	})
	failures := []struct {
		name string
		call func(s *Store, g string) error
		code Code
		msg  string
	}{
		{"O-04 user does not exist: 404", func(s *Store, g string) error { _, e := s.AddGroupAdmin(ctx, app1, g, "ghost"); return e }, ENOTFOUND, "user: ghost doesn't exist in group: {g}"},
		{"O-04 not a member: 404", func(s *Store, g string) error { _, e := s.AddGroupAdmin(ctx, app1, g, "outsider"); return e }, ENOTFOUND, "user: outsider doesn't exist in group: {g}"},
		{"G-ADM-02 the owner: 403", func(s *Store, g string) error { _, e := s.AddGroupAdmin(ctx, app1, g, "user1"); return e }, EFORBIDDEN, "forbidden operation on group owner!"},
		{"G-ADM-02 already an admin: 403", func(s *Store, g string) error {
			if _, e := s.AddGroupAdmin(ctx, app1, g, "user2"); e != nil {
				return e
			}
			_, e := s.AddGroupAdmin(ctx, app1, g, "user2")
			return e
		}, EFORBIDDEN, ""},
		{"G-ADM-03 user does not exist: 400", func(s *Store, g string) error { _, e := s.RemoveGroupAdmin(ctx, app1, g, "ghost"); return e }, EINVALID, "username ghost doesn't exist!"},
		{"O-05 not an admin: 403", func(s *Store, g string) error { _, e := s.RemoveGroupAdmin(ctx, app1, g, "user2"); return e }, EFORBIDDEN, "user:user2 is not admin of group:{g}"},
	}
	for _, c := range failures {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "user1", "user2", "outsider")
			g := group(t, s, "user1", "user2")
			requireCode(t, c.call(s, g), c.code, strings.ReplaceAll(c.msg, "{g}", g))
		})
	}
	t.Run("G-ADM-04 at most 99 admins", func(t *testing.T) {
		s, _ := newTestStore(t)
		ms := names("m", 100)
		users(t, s, append([]string{"owner"}, ms...)...)
		g := group(t, s, "owner", ms...)
		for _, m := range ms[:99] {
			_, err := s.AddGroupAdmin(ctx, app1, g, m)
			require.NoError(t, err)
		}
		_, err := s.AddGroupAdmin(ctx, app1, g, ms[99])
		requireCode(t, err, EFORBIDDEN, g+" already has 99 admins, the most allowed")
	})
}
