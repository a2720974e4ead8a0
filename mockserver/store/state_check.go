package store

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// check verifies that a decoded app (PUT /_mock/state, --state) is a state the API could have
// built: every collection a snapshot writes present and not null (a null thread member list
// used to be accepted and answer 500 on the next POST /thread/{id}/users), every entry present,
// every map key the id or name it stands for, every reference to a user, group or thread one
// the app has, and the limits that answers are checked against in the contract. Restore
// refuses a snapshot that fails, naming the path inside the state, so the running state is
// never replaced by one that answers 500s or answers the contract forbids. Only the fields a
// snapshot leaves out when empty (messages, threads, member attributes, switches) may be absent.
func (a *appState) check() *Error {
	if err := present("", map[string]bool{"users": a.Users != nil, "groups": a.Groups != nil,
		"chatrooms": a.Chatrooms != nil, "super_admins": a.SuperAdmins != nil}); err != nil {
		return err
	}
	for key, u := range a.Users {
		switch {
		case u == nil:
			return Errorf(EINVALID, "users[%q]: null", key)
		case !usernamePattern.MatchString(key) || canon(key) != key:
			return Errorf(EINVALID, "users[%q]: a username is 1 to 64 lower-case letters, digits, _, - and .", key)
		case u.Username != key:
			return Errorf(EINVALID, "users[%q]: username is %q, not the key", key, u.Username)
		}
	}
	for key, g := range a.Groups {
		if g == nil {
			return Errorf(EINVALID, "groups[%q]: null", key)
		}
		if err := present(fmt.Sprintf("groups[%q].", key), map[string]bool{"members": g.Members.seqs != nil,
			"admins": g.Admins != nil, "blocks": g.Blocks != nil, "mutes": g.Mutes != nil, "allow": g.Allow != nil,
			"files": g.Files != nil}); err != nil {
			return err
		}
		if err := a.checkRoster(key, g.ID, g.MaxUsers, MaxGroupMaxUsers, g.roster()); err != nil {
			return Errorf(EINVALID, "groups[%q]: %s", key, err.Message)
		}
		for fid, f := range g.Files {
			if f == nil || f.ID != fid {
				return Errorf(EINVALID, "groups[%q]: files[%q]: null, or an id that is not the key", key, fid)
			}
		}
		if err := a.checkGroupRefs(key, g); err != nil {
			return err
		}
	}
	for key, r := range a.Chatrooms {
		if r == nil {
			return Errorf(EINVALID, "chatrooms[%q]: null", key)
		}
		if err := present(fmt.Sprintf("chatrooms[%q].", key), map[string]bool{"members": r.Members.seqs != nil,
			"admins": r.Admins != nil, "blocks": r.Blocks != nil, "mutes": r.Mutes != nil, "allow": r.Allow != nil,
			"attributes": r.Attributes != nil}); err != nil {
			return err
		}
		if err := a.usersIn(fmt.Sprintf("chatrooms[%q].", key), r.Mutes, r.Allow); err != nil {
			return err
		}
		if _, dup := a.Groups[key]; dup {
			return Errorf(EINVALID, "chatrooms[%q]: the id is also a group's", key)
		}
		if err := a.checkRoster(key, r.ID, r.MaxUsers, MaxChatroomMaxUsers, r.roster()); err != nil {
			return Errorf(EINVALID, "chatrooms[%q]: %s", key, err.Message)
		}
		if err := checkRoomText(&r.Name, &r.Description); err != nil {
			return Errorf(EINVALID, "chatrooms[%q]: %s", key, ErrorMessage(err))
		}
		// Either profile's limit (R-ROOM-04 and its today note): a state file saved under one
		// loads under the other.
		if n := utf8.RuneCountInString(r.Custom); n > MaxChatroomCustomLength && len(r.Custom) > MaxChatroomCustomBytesToday {
			return Errorf(EINVALID, "chatrooms[%q]: %s", key, tooLong("custom", MaxChatroomCustomLength, n).Message)
		}
		for k, v := range r.Attributes {
			if v == nil {
				return Errorf(EINVALID, "chatrooms[%q]: attributes[%q]: null", key, k)
			}
		}
	}
	for key, m := range a.Messages {
		if m == nil || m.ID != key {
			return Errorf(EINVALID, "messages[%q]: null, or an id that is not the key", key)
		}
	}
	for id, gid := range a.ThreadGroup {
		if g := a.Groups[gid]; g == nil || g.Threads[id] == nil {
			return Errorf(EINVALID, "thread_group[%q]: group %q does not hold that thread", id, gid)
		}
	}
	if len(a.Messages) > MaxMessagesPerApp {
		return Errorf(EINVALID, "messages: %d, more than the %d an app keeps", len(a.Messages), MaxMessagesPerApp)
	}
	for u := range a.SuperAdmins {
		if !a.userExists(u) {
			return Errorf(EINVALID, "super_admins: %q is not a user", u)
		}
	}
	return nil
}

// checkGroupRefs checks what hangs on a group's members: mutes and the allow list name users,
// member attributes belong to the owner or a member, and each thread is the group's, listed in
// the app's thread index, with members who are in the group (G-THR-17).
func (a *appState) checkGroupRefs(key string, g *groupState) *Error {
	if err := a.usersIn(fmt.Sprintf("groups[%q].", key), g.Mutes, g.Allow); err != nil {
		return err
	}
	for u := range g.MemberAttrs {
		if !g.inGroup(u) {
			return Errorf(EINVALID, "groups[%q].member_attributes[%q]: not the owner or a member", key, u)
		}
	}
	for tid, t := range g.Threads {
		path := fmt.Sprintf("groups[%q].threads[%q]", key, tid)
		switch {
		case t == nil:
			return Errorf(EINVALID, "%s: null", path)
		case t.Members == nil:
			return Errorf(EINVALID, "%s.members: null or missing", path)
		case t.ID != tid:
			return Errorf(EINVALID, "%s: id is %q, not the key", path, t.ID)
		case t.GroupID != key:
			return Errorf(EINVALID, "%s: group_id is %q, not the group holding it", path, t.GroupID)
		case a.ThreadGroup[tid] != key:
			return Errorf(EINVALID, "%s: thread_group[%q] is %q, not this group", path, tid, a.ThreadGroup[tid])
		}
		for u := range t.Members {
			if !g.inGroup(u) {
				return Errorf(EINVALID, "%s.members: %q is not in the group", path, u)
			}
		}
	}
	return nil
}

// usersIn checks that a group's or chatroom's mutes and allow list name users of the app.
func (a *appState) usersIn(prefix string, mutes, allow map[string]int64) *Error {
	for name, set := range map[string]map[string]int64{"mutes": mutes, "allow": allow} {
		for u := range set {
			if !a.userExists(u) {
				return Errorf(EINVALID, "%s%s: %q is not a user", prefix, name, u)
			}
		}
	}
	return nil
}

// present refuses the first collection (in name order) that is null or missing, naming its path.
func present(prefix string, has map[string]bool) *Error {
	for _, name := range slices.Sorted(maps.Keys(has)) {
		if !has[name] {
			return Errorf(EINVALID, "%s%s: null or missing", prefix, name)
		}
	}
	return nil
}

// checkRoster checks what groups and chatrooms share: the id, the owner, maxusers and the
// membership lists (state.go: members exclude the owner, admins are members, blocked users are
// neither members nor the owner).
func (a *appState) checkRoster(key, id string, maxUsers, max int, ro roster) *Error {
	switch {
	case id != key:
		return Errorf(EINVALID, "id is %q, not the key", id)
	case !digits.MatchString(id):
		return Errorf(EINVALID, "id: must be a string of digits")
	case !a.userExists(ro.owner):
		return Errorf(EINVALID, "owner %q is not a user", ro.owner)
	}
	if err := checkMaxUsers(maxUsers, max); err != nil {
		return Errorf(EINVALID, "%s", ErrorMessage(err))
	}
	if n := ro.members.len() + 1; n > maxUsers {
		return Errorf(EINVALID, "%d members with the owner, more than maxusers %d", n, maxUsers)
	}
	for m := range ro.members.all() {
		if !a.userExists(m) || m == ro.owner {
			return Errorf(EINVALID, "members: %q is not a user, or is the owner", m)
		}
	}
	for m := range ro.admins {
		if !ro.isMember(m) {
			return Errorf(EINVALID, "admins: %q is not a member", m)
		}
	}
	for m := range ro.blocks {
		if !a.userExists(m) || m == ro.owner || ro.isMember(m) {
			return Errorf(EINVALID, "blocks: %q is not a user, or is the owner or a member", m)
		}
	}
	return nil
}

// checkAppKey: an org or app name is one segment of the URL path, so it can not hold "/" (an app
// named so could never be called).
func checkAppKey(k AppKey) *Error {
	if k.Org == "" || k.App == "" {
		return Errorf(EINVALID, "org and app: must not be empty, got %q and %q", k.Org, k.App)
	}
	if strings.Contains(k.Org, "/") || strings.Contains(k.App, "/") {
		return Errorf(EINVALID, "org and app: one segment of the URL path each, without \"/\", got %q and %q", k.Org, k.App)
	}
	return nil
}
