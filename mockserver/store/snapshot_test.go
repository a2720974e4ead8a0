package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReset(t *testing.T) {
	s, _ := newTestStore(t)
	tok, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
	require.NoError(t, err)
	uuid := s.Application(ctx, app1)
	users(t, s, "owner")
	group(t, s, "owner")
	room(t, s, "owner")
	_, err = s.AddChatroomSuperAdmin(ctx, app1, "owner")
	require.NoError(t, err)

	s.Reset()

	assert.False(t, s.UserExists(ctx, app1, "owner"))
	p, _ := s.ListGroups(ctx, app1, 0, "")
	assert.Empty(t, p.Groups)
	rp, _ := s.ListChatrooms(ctx, app1, 0, "")
	assert.Empty(t, rp.Chatrooms)
	sa, _ := s.ChatroomSuperAdmins(ctx, app1, 0, 0)
	assert.Empty(t, sa)
	// Apps and tokens survive.
	require.NoError(t, s.Authorize(ctx, tok.AccessToken, app1))
	assert.Equal(t, uuid, s.Application(ctx, app1))
	_, err = s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
	require.NoError(t, err)

	// ResetApp clears one app only.
	users(t, s, "a")
	_, err = s.RegisterUsers(ctx, app2, []NewUser{{Username: "b", Password: "p"}})
	require.NoError(t, err)
	s.ResetApp(ctx, app2)
	s.ResetApp(ctx, AppKey{"no", "such"})
	assert.True(t, s.UserExists(ctx, app1, "a"))
	assert.False(t, s.UserExists(ctx, app2, "b"))
}

func TestSnapshotRestore(t *testing.T) {
	s, clk := newTestStore(t)
	tok, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
	require.NoError(t, err)
	users(t, s, "owner", "m1", "m2")
	g := group(t, s, "owner", "m1", "m2")
	_, err = s.AddGroupAdmin(ctx, app1, g, "m1")
	require.NoError(t, err)
	_, err = s.BlockGroupUser(ctx, app1, g, "m2")
	require.NoError(t, err)
	_, err = s.MuteGroupMembers(ctx, app1, g, []string{"m1"}, -1)
	require.NoError(t, err)
	up, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "f", Data: []byte{1, 2, 3}})
	require.NoError(t, err)
	r := room(t, s, "owner", "m1")
	_, err = s.SetChatroomAttributes(ctx, app1, r, "m1", map[string]string{"k": "v"}, "")
	require.NoError(t, err)
	_, err = s.BanChatroom(ctx, app1, r)
	require.NoError(t, err)
	_, err = s.RegisterUsers(ctx, app2, []NewUser{{Username: "x", Password: "p"}})
	require.NoError(t, err)

	data, err := s.Snapshot()
	require.NoError(t, err)
	require.True(t, json.Valid(data))

	s2 := New(WithClock(clk.Now))
	require.NoError(t, s2.Restore(data))

	// Same observable state, call by call.
	for _, call := range []func(*Store) (any, error){
		func(x *Store) (any, error) { return x.GroupDetails(ctx, app1, []string{g}) },
		func(x *Store) (any, error) { return x.GroupAdmins(ctx, app1, g) },
		func(x *Store) (any, error) { return x.GroupBlocks(ctx, app1, g) },
		func(x *Store) (any, error) { return x.GroupMutes(ctx, app1, g) },
		func(x *Store) (any, error) { return x.GroupFiles(ctx, app1, g, 0, 0) },
		func(x *Store) (any, error) { return x.DownloadGroupFile(ctx, app1, g, up.FileID) },
		func(x *Store) (any, error) { return x.ChatroomDetails(ctx, app1, []string{r}) },
		func(x *Store) (any, error) { return x.ChatroomAttributes(ctx, app1, r, nil) },
		func(x *Store) (any, error) { return x.ChatroomBan(ctx, app1, r) },
		func(x *Store) (any, error) { return x.GetUser(ctx, app2, "x") },
		func(x *Store) (any, error) { return x.ListGroups(ctx, app1, 0, "") },
	} {
		want, err1 := call(s)
		got, err2 := call(s2)
		require.NoError(t, err1)
		require.NoError(t, err2)
		assert.Equal(t, want, got)
	}
	assert.Equal(t, s.Application(ctx, app1), s2.Application(ctx, app1))
	require.NoError(t, s2.Authorize(ctx, tok.AccessToken, app1), "tokens survive a restart")
	_, err = s2.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", time.Hour)
	require.NoError(t, err, "credentials survive a restart")

	// New ids after a restore do not collide with restored ones, and writes work.
	g2 := group(t, s2, "owner")
	assert.NotEqual(t, g, g2)
	_, err = s2.AddGroupMember(ctx, app1, g2, "m1")
	require.NoError(t, err)

	t.Run("bad snapshots leave the state alone", func(t *testing.T) {
		for _, bad := range []string{`nope`, `{"version":99}`, `{"version":1,"apps":[{"key":{"org":"","app":""}}]}`, `{"version":1,"apps":[null]}`} {
			requireCode(t, s2.Restore([]byte(bad)), EINVALID, "")
		}
		assert.True(t, s2.UserExists(ctx, app1, "owner"))
	})
	t.Run("a snapshot missing a collection is refused, naming it", func(t *testing.T) {
		s3 := New()
		err := s3.Restore([]byte(`{"version":1,"tokens":{},"apps":[{"key":{"org":"o","app":"a"},"users":{"u":{"username":"u"}},"groups":{"1":{"id":"1","owner":"u","maxusers":10}},"chatrooms":{},"super_admins":{}}]}`))
		requireCode(t, err, EINVALID, `state: app o/a: groups["1"].admins: null or missing`)
		err = s3.Restore([]byte(`{"version":1,"apps":[]}`))
		requireCode(t, err, EINVALID, "")
		assert.Contains(t, ErrorMessage(err), "tokens: null or missing")
	})
	t.Run("a minimal snapshot is usable", func(t *testing.T) {
		s3 := New()
		roster := `"members":{},"admins":{},"blocks":{},"mutes":{},"allow":{}`
		require.NoError(t, s3.Restore([]byte(`{"version":1,"tokens":{},"apps":[{"key":{"org":"o","app":"a"},"users":{"u":{"username":"u"}},"super_admins":{},`+
			`"groups":{"1":{"id":"1","owner":"u","maxusers":10,"files":{},`+roster+`}},"chatrooms":{"2":{"id":"2","owner":"u","maxusers":10,"attributes":{},`+roster+`}}}]}`)))
		k := AppKey{"o", "a"}
		users := []NewUser{{Username: "v", Password: "p"}}
		_, err := s3.RegisterUsers(ctx, k, users)
		require.NoError(t, err)
		_, err = s3.AddGroupMember(ctx, k, "1", "v")
		require.NoError(t, err)
		_, err = s3.AddChatroomMember(ctx, k, "2", "v")
		require.NoError(t, err)
		_, err = s3.SetChatroomAttributes(ctx, k, "2", "v", map[string]string{"a": "b"}, "")
		require.NoError(t, err)
	})
}

func TestSeed(t *testing.T) {
	t.Run("seed users, groups with admins, chatrooms, super admins", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "existing")
		res, err := s.Seed(ctx, app1, SeedData{
			Users: []NewUser{{Username: "Owner", Password: "p"}, {Username: "m1"}, {Username: "existing"}},
			Groups: []SeedGroup{
				{ID: "123456789012345", NewGroup: NewGroup{GroupName: "seeded", Owner: "owner", Members: []string{"m1"}}, Admins: []string{"m1"}},
				{NewGroup: NewGroup{GroupName: "second", Owner: "m1"}},
			},
			Chatrooms:   []SeedChatroom{{NewChatroom: NewChatroom{Name: "room", Owner: "owner", Members: []string{"m1"}}, Admins: []string{"m1"}}},
			SuperAdmins: []string{"owner"},
		})
		require.NoError(t, err)
		assert.Equal(t, []string{"owner", "m1", "existing"}, res.Users)
		require.Len(t, res.Groups, 2)
		assert.Equal(t, "123456789012345", res.Groups[0])
		admins, _ := s.GroupAdmins(ctx, app1, "123456789012345")
		assert.Equal(t, []string{"m1"}, admins)
		radmins, _ := s.ChatroomAdmins(ctx, app1, res.Chatrooms[0])
		assert.Equal(t, []string{"m1"}, radmins)
		sa, _ := s.ChatroomSuperAdmins(ctx, app1, 0, 0)
		assert.Equal(t, []string{"owner"}, sa)
	})
	failures := []struct {
		name string
		d    SeedData
	}{
		{"bad username", SeedData{Users: []NewUser{{Username: "a b"}}}},
		{"group owner missing", SeedData{Groups: []SeedGroup{{NewGroup: NewGroup{GroupName: "g", Owner: "ghost"}}}}},
		{"id not digits", SeedData{Users: []NewUser{{Username: "o"}}, Groups: []SeedGroup{{ID: "abc", NewGroup: NewGroup{GroupName: "g", Owner: "o"}}}}},
		{"id used twice", SeedData{Users: []NewUser{{Username: "o"}}, Groups: []SeedGroup{{ID: "1", NewGroup: NewGroup{GroupName: "g", Owner: "o"}}}, Chatrooms: []SeedChatroom{{ID: "1", NewChatroom: NewChatroom{Name: "r", Owner: "o"}}}}},
		{"group admin not a member", SeedData{Users: []NewUser{{Username: "o"}, {Username: "x"}}, Groups: []SeedGroup{{NewGroup: NewGroup{GroupName: "g", Owner: "o"}, Admins: []string{"x"}}}}},
		{"room admin not a member", SeedData{Users: []NewUser{{Username: "o"}, {Username: "x"}}, Chatrooms: []SeedChatroom{{NewChatroom: NewChatroom{Name: "r", Owner: "o"}, Admins: []string{"x"}}}}},
		{"group admin is the owner", SeedData{Users: []NewUser{{Username: "o"}, {Username: "x"}}, Groups: []SeedGroup{{NewGroup: NewGroup{GroupName: "g", Owner: "o", Members: []string{"x"}}, Admins: []string{"o"}}}}},
		{"room owner missing", SeedData{Chatrooms: []SeedChatroom{{NewChatroom: NewChatroom{Name: "r", Owner: "ghost"}}}}},
		{"super admin missing", SeedData{Users: []NewUser{{Username: "o"}}, SuperAdmins: []string{"ghost"}}},
	}
	for _, c := range failures {
		t.Run("all or nothing: "+c.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			users(t, s, "keep")
			before, err := s.Snapshot()
			require.NoError(t, err)
			_, err = s.Seed(ctx, app1, c.d)
			require.Error(t, err)
			assert.Contains(t, []Code{EINVALID, ENOTFOUND, EFORBIDDEN}, ErrorCode(err))
			after, err := s.Snapshot()
			require.NoError(t, err)
			assert.Equal(t, appsOf(t, before), appsOf(t, after), "ids may be used up, nothing else changes")
			assert.True(t, s.UserExists(ctx, app1, "keep"))
			users(t, s, "writable") // the restored state takes writes
		})
	}
}

// appsOf decodes the apps part of a snapshot.
func appsOf(t *testing.T, snap []byte) any {
	t.Helper()
	var v struct{ Apps any }
	require.NoError(t, json.Unmarshal(snap, &v))
	return v.Apps
}

// TestRestoreRefusesInconsistentState: PUT /_mock/state used to accept any snapshot that
// decoded. A null group or room panicked (500), a null user, file or attribute made later calls
// panic, and a dangling owner, an oversized name or maxusers 0 made answers the contract
// forbids. Each is now refused, naming the entry, and the running state stays as it was.
func TestRestoreRefusesInconsistentState(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
	require.NoError(t, err)
	users(t, s, "owner", "m1", "m2", "m3")
	g := group(t, s, "owner", "m1", "m2")
	_, err = s.AddGroupAdmin(ctx, app1, g, "m1")
	require.NoError(t, err)
	up, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "f", Data: []byte{1}})
	require.NoError(t, err)
	r := room(t, s, "owner", "m1")
	_, err = s.SetChatroomAttributes(ctx, app1, r, "m1", map[string]string{"k": "v"}, "")
	require.NoError(t, err)
	_, err = s.AddChatroomSuperAdmin(ctx, app1, "m1")
	require.NoError(t, err)
	_, err = s.SetMemberAttributes(ctx, app1, g, "m1", map[string]string{"k": "v"})
	require.NoError(t, err)
	sent, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{g}})
	require.NoError(t, err)
	th, err := s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: sent[g], Owner: "owner"})
	require.NoError(t, err)
	thread := th.ThreadID
	require.NoError(t, s.AddThreadMembers(ctx, app1, thread, []string{"m1"}))
	good, err := s.Snapshot()
	require.NoError(t, err)

	// mutate decodes the good snapshot, changes the first app's JSON, and encodes it again.
	mutate := func(f func(app map[string]any)) []byte {
		var snap map[string]any
		require.NoError(t, json.Unmarshal(good, &snap))
		f(snap["apps"].([]any)[0].(map[string]any))
		out, err := json.Marshal(snap)
		require.NoError(t, err)
		return out
	}
	sub := func(app map[string]any, path ...string) map[string]any {
		m := app
		for _, p := range path {
			m = m[p].(map[string]any)
		}
		return m
	}
	cases := []struct {
		name string
		snap []byte
		msg  string
	}{
		{"null group", mutate(func(a map[string]any) { sub(a, "groups")["5"] = nil }), `groups["5"]: null`},
		{"null chatroom", mutate(func(a map[string]any) { sub(a, "chatrooms")["6"] = nil }), `chatrooms["6"]: null`},
		{"null user", mutate(func(a map[string]any) { sub(a, "users")["zz"] = nil }), `users["zz"]: null`},
		{"null file", mutate(func(a map[string]any) { sub(a, "groups", g, "files")["f"] = nil }), `files["f"]`},
		{"null attribute", mutate(func(a map[string]any) { sub(a, "chatrooms", r, "attributes")["k2"] = nil }), `attributes["k2"]: null`},
		{"user key not the username", mutate(func(a map[string]any) { sub(a, "users", "m3")["username"] = "other" }), `username is "other"`},
		{"upper-case username", mutate(func(a map[string]any) {
			sub(a, "users")["BIG"] = map[string]any{"username": "BIG"}
		}), `users["BIG"]`},
		{"group key not its id", mutate(func(a map[string]any) { sub(a, "groups", g)["id"] = "1" }), `id is "1", not the key`},
		{"group id not digits", mutate(func(a map[string]any) {
			grp := sub(a, "groups", g)
			grp["id"] = "abc"
			sub(a, "groups")["abc"] = grp
			delete(sub(a, "groups"), g)
		}), "id: must be a string of digits"},
		{"group owner not a user", mutate(func(a map[string]any) { sub(a, "groups", g)["owner"] = "ghost" }), `owner "ghost" is not a user`},
		{"group member not a user", mutate(func(a map[string]any) { sub(a, "groups", g, "members")["ghost"] = 1 }), `members: "ghost"`},
		{"owner also a member", mutate(func(a map[string]any) { sub(a, "groups", g, "members")["owner"] = 1 }), `members: "owner"`},
		{"admin not a member", mutate(func(a map[string]any) { sub(a, "groups", g, "admins")["m3"] = 1 }), `admins: "m3" is not a member`},
		{"member blocked", mutate(func(a map[string]any) { sub(a, "groups", g, "blocks")["m2"] = 1 }), `blocks: "m2"`},
		{"maxusers 0", mutate(func(a map[string]any) { sub(a, "groups", g)["maxusers"] = 0 }), "maxusers: must be between 1 and 2000, got 0"},
		{"more members than maxusers", mutate(func(a map[string]any) { sub(a, "groups", g)["maxusers"] = 2 }), "3 members with the owner, more than maxusers 2"},
		{"chatroom owner empty", mutate(func(a map[string]any) { sub(a, "chatrooms", r)["owner"] = "" }), `owner "" is not a user`},
		{"chatroom name too long", mutate(func(a map[string]any) { sub(a, "chatrooms", r)["name"] = strings.Repeat("x", 129) }), "name: at most 128 characters, got 129"},
		{"chatroom id also a group's", mutate(func(a map[string]any) {
			room := sub(a, "chatrooms", r)
			room["id"] = g
			sub(a, "chatrooms")[g] = room
			delete(sub(a, "chatrooms"), r)
		}), "the id is also a group's"},
		{"super admin not a user", mutate(func(a map[string]any) { sub(a, "super_admins")["ghost"] = 1 }), `super_admins: "ghost"`},
		{"users of the wrong type", mutate(func(a map[string]any) { a["users"] = []any{1} }), "not a snapshot"},
		{"org with a slash", mutate(func(a map[string]any) { sub(a, "key")["org"] = "a/b" }), `without "/"`},
		{"app twice", func() []byte {
			var snap map[string]any
			require.NoError(t, json.Unmarshal(good, &snap))
			snap["apps"] = append(snap["apps"].([]any), snap["apps"].([]any)[0])
			out, _ := json.Marshal(snap)
			return out
		}(), "is there twice"},
		{"token for an unknown app", func() []byte {
			var snap map[string]any
			require.NoError(t, json.Unmarshal(good, &snap))
			snap["tokens"].(map[string]any)["tok"] = nil
			out, _ := json.Marshal(snap)
			return out
		}(), "which the state does not have"},
		// Issue 20: null or missing collections and dangling references, each named by its path.
		{"null thread members", mutate(func(a map[string]any) { sub(a, "groups", g, "threads", thread)["members"] = nil }),
			fmt.Sprintf(`groups[%q].threads[%q].members: null or missing`, g, thread)},
		{"missing thread members", mutate(func(a map[string]any) { delete(sub(a, "groups", g, "threads", thread), "members") }),
			fmt.Sprintf(`groups[%q].threads[%q].members: null or missing`, g, thread)},
		{"null thread", mutate(func(a map[string]any) { sub(a, "groups", g, "threads")[thread] = nil }), fmt.Sprintf(`threads[%q]: null`, thread)},
		{"thread member not in the group", mutate(func(a map[string]any) { sub(a, "groups", g, "threads", thread, "members")["m3"] = 1 }),
			`members: "m3" is not in the group`},
		{"thread of another group", mutate(func(a map[string]any) { sub(a, "groups", g, "threads", thread)["group_id"] = "42" }), `group_id is "42"`},
		{"thread missing from the index", mutate(func(a map[string]any) { delete(sub(a, "thread_group"), thread) }), fmt.Sprintf(`thread_group[%q] is ""`, thread)},
		{"index entry for no thread", mutate(func(a map[string]any) { sub(a, "thread_group")["77"] = g }), `thread_group["77"]: group`},
		{"index entry for no group", mutate(func(a map[string]any) { sub(a, "thread_group")[thread] = "42" }), `thread_group[`},
		{"null group members", mutate(func(a map[string]any) { sub(a, "groups", g)["members"] = nil }), fmt.Sprintf(`groups[%q].members: null or missing`, g)},
		{"missing group admins", mutate(func(a map[string]any) { delete(sub(a, "groups", g), "admins") }), fmt.Sprintf(`groups[%q].admins: null or missing`, g)},
		{"null group files", mutate(func(a map[string]any) { sub(a, "groups", g)["files"] = nil }), `.files: null or missing`},
		{"null room members", mutate(func(a map[string]any) { sub(a, "chatrooms", r)["members"] = nil }), fmt.Sprintf(`chatrooms[%q].members: null or missing`, r)},
		{"missing room attributes", mutate(func(a map[string]any) { delete(sub(a, "chatrooms", r), "attributes") }), `.attributes: null or missing`},
		{"null users", mutate(func(a map[string]any) { a["users"] = nil }), `users: null or missing`},
		{"missing super admins", mutate(func(a map[string]any) { delete(a, "super_admins") }), `super_admins: null or missing`},
		{"mute of no user", mutate(func(a map[string]any) { sub(a, "groups", g, "mutes")["ghost"] = 1 }), `.mutes: "ghost" is not a user`},
		{"room allow of no user", mutate(func(a map[string]any) { sub(a, "chatrooms", r, "allow")["ghost"] = 1 }), `.allow: "ghost" is not a user`},
		{"attributes of a non-member", mutate(func(a map[string]any) { sub(a, "groups", g, "member_attributes")["m3"] = map[string]any{} }),
			`member_attributes["m3"]: not the owner or a member`},
		{"null tokens", func() []byte {
			var snap map[string]any
			require.NoError(t, json.Unmarshal(good, &snap))
			snap["tokens"] = nil
			out, _ := json.Marshal(snap)
			return out
		}(), "tokens: null or missing"},
		{"trailing garbage", append(append([]byte{}, good...), "x"...), "not a snapshot"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := s.Restore(c.snap)
			requireCode(t, err, EINVALID, "")
			assert.Contains(t, ErrorMessage(err), c.msg)
			after, err := s.Snapshot()
			require.NoError(t, err)
			assert.Equal(t, string(good), string(after), "a refused snapshot changes nothing")
		})
	}
	t.Run("the good snapshot still restores, and reads work", func(t *testing.T) {
		require.NoError(t, s.Restore(good))
		_, err := s.DownloadGroupFile(ctx, app1, g, up.FileID)
		require.NoError(t, err)
		_, err = s.ChatroomAttributes(ctx, app1, r, nil)
		require.NoError(t, err)
	})
}

func TestSnapshotIsDeterministic(t *testing.T) {
	s, _ := newTestStore(t)
	for i := range 20 {
		require.NoError(t, s.RegisterApp("org", fmt.Sprintf("app%02d", i), "id", "secret"))
	}
	first, err := s.Snapshot()
	require.NoError(t, err)
	for range 5 {
		again, err := s.Snapshot()
		require.NoError(t, err)
		require.Equal(t, string(first), string(again), "apps come out in a fixed order")
	}
}

func TestAppNamesAreOnePathSegment(t *testing.T) {
	s, _ := newTestStore(t)
	requireCode(t, s.RegisterApp("a/b", "c", "id", "secret"), EINVALID, `org and app: one segment of the URL path each, without "/", got "a/b" and "c"`)
	_, err := s.Seed(ctx, AppKey{"a", "b/c"}, SeedData{})
	requireCode(t, err, EINVALID, "")
	assert.Len(t, s.Apps(ctx), 1, "no app was made")
}
