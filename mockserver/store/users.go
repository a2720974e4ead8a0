package store

import (
	"context"
	"regexp"
)

// User is one entity of POST/GET/DELETE /users (the `entities` array).
type User struct {
	UUID      string `json:"uuid"`
	Type      string `json:"type"` // always "user"
	Created   int64  `json:"created"`
	Modified  int64  `json:"modified"`
	Username  string `json:"username"`
	Activated bool   `json:"activated"`
	Nickname  string `json:"nickname,omitempty"`
}

// NewUser is one element of the registration body.
type NewUser struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Nickname string `json:"nickname,omitempty"`
}

// MaxUsersPerRegistration is the batch limit of POST /users.
const MaxUsersPerRegistration = 60

var usernamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,64}$`)

// RegisterUsers registers one or more users, all or none: a username already taken (compared
// case-insensitively, the service lowercases) or repeated in the batch gives EDUPLICATE.
func (s *Store) RegisterUsers(ctx context.Context, app AppKey, users []NewUser) ([]User, error) {
	defer s.lockApp(app)()
	if len(users) == 0 {
		return nil, tooFew("users", 1, 0)
	}
	if len(users) > MaxUsersPerRegistration {
		return nil, tooMany("users", MaxUsersPerRegistration, len(users))
	}
	a := s.appFor(app)
	seen := map[string]bool{}
	for _, u := range users {
		if !usernamePattern.MatchString(u.Username) {
			return nil, Errorf(EINVALID, "username: 1 to 64 characters of letters, digits, _, - and ., got %q", u.Username)
		}
		if u.Password == "" {
			return nil, Errorf(EINVALID, "password: must not be empty (user %s)", u.Username)
		}
		name := canon(u.Username)
		if _, taken := a.Users[name]; taken || seen[name] {
			return nil, duplicateUser(a.UUID, name)
		}
		seen[name] = true
	}
	now := s.nowMS()
	out := make([]User, 0, len(users))
	for _, u := range users {
		st := &userState{UUID: newUserUUID(), Username: canon(u.Username), Password: u.Password, Nickname: u.Nickname, Created: now, Modified: now}
		a.Users[st.Username] = st
		out = append(out, st.view())
	}
	return out, nil
}

// GetUser returns one user; ENOTFOUND if there is none.
func (s *Store) GetUser(ctx context.Context, app AppKey, username string) (User, error) {
	defer s.rlockApp(app)()
	u, ok := s.appView(app).Users[canon(username)]
	if !ok {
		return User{}, userNotFound(canon(username))
	}
	return u.view(), nil
}

// UserExists reports whether the app has the user.
func (s *Store) UserExists(ctx context.Context, app AppKey, username string) bool {
	defer s.rlockApp(app)()
	_, ok := s.appView(app).Users[canon(username)]
	return ok
}

// DeleteUser deletes a user and everything that hangs on them: they leave every group and
// chatroom (with the usual side effects), their block, allow, mute and super-admin entries go,
// and groups and chatrooms they own are deleted, since neither can exist without an owner.
func (s *Store) DeleteUser(ctx context.Context, app AppKey, username string) (User, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	name := canon(username)
	u, ok := a.Users[name]
	if !ok {
		return User{}, userNotFound(name)
	}
	for id, g := range a.Groups {
		if g.Owner == name {
			delete(a.Groups, id)
			continue
		}
		g.removeMember(name)
		delete(g.Blocks, name)
	}
	for id, r := range a.Chatrooms {
		if r.Owner == name {
			delete(a.Chatrooms, id)
			continue
		}
		r.leave(name) // allow-list entry and autoDelete attributes too
		delete(r.Blocks, name)
	}
	delete(a.SuperAdmins, name)
	delete(a.Users, name)
	return u.view(), nil
}

func (u *userState) view() User {
	return User{UUID: u.UUID.String(), Type: "user", Created: u.Created, Modified: u.Modified, Username: u.Username, Activated: true, Nickname: u.Nickname}
}

// userExists is the lock-held check used by every group and chatroom rule (C-07).
func (a *appState) userExists(name string) bool {
	_, ok := a.Users[name]
	return ok
}
