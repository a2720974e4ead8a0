package store

import (
	"strings"
	"unicode/utf8"
)

// check verifies that a decoded app (PUT /_mock/state, --state) is a state the API could have
// built: every entry present (a JSON null would be dereferenced by the next call), every map
// key the id or name it stands for, owners, members, admins, blocks and super admins users of
// the app, and the limits that answers are checked against in the contract. Restore refuses a
// snapshot that fails, so the running state is never replaced by one that answers 500s or
// answers the contract forbids. Absent fields are allowed: they read as zero values and empty
// maps (fillNilMaps).
func (a *appState) check() *Error {
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
		if err := a.checkRoster(key, g.ID, g.MaxUsers, MaxGroupMaxUsers, g.roster()); err != nil {
			return Errorf(EINVALID, "groups[%q]: %s", key, err.Message)
		}
		for fid, f := range g.Files {
			if f == nil || f.ID != fid {
				return Errorf(EINVALID, "groups[%q]: files[%q]: null, or an id that is not the key", key, fid)
			}
		}
	}
	for key, r := range a.Chatrooms {
		if r == nil {
			return Errorf(EINVALID, "chatrooms[%q]: null", key)
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
