package store

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"unicode/utf8"
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

// RegisterFailure is one item of a batch registration's `data`: a user that was not registered
// because it already exists (U-16).
type RegisterFailure struct {
	Username string `json:"username"`
	Reason   string `json:"registerUserFailReason"`
}

// Registration is what POST /users answers: the users created (`entities`) and, for a batch,
// the ones refused (`data`).
type Registration struct {
	Users  []User
	Failed []RegisterFailure
}

// UserPage is one page of GET or DELETE /users (U-01, U-04); Cursor is "" on the last page.
type UserPage struct {
	Users  []User
	Cursor string
}

// MaxUsersPerRegistration is the batch limit of POST /users; a username is at most 64 bytes
// (U-12), a nickname at most 100 characters (U-14).
const (
	MaxUsersPerRegistration = 60
	MaxUsernameBytes        = 64
	MaxNicknameLength       = 100
)

// User listing and bulk deletion: limit in [1,100], default 10; more than 100 gives 100 (U-01,
// U-04).
const (
	DefaultUserPageSize = 10
	MaxUserPageSize     = 100
)

// MsgUserNotFound is the user pages' 404 wording for get and delete of one user (U-08, U-10).
const MsgUserNotFound = "Service resource not found"

var usernamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,64}$`)

// RegisterUsers registers one or more users (U-11..U-16). A username already taken (compared
// case-insensitively: the service lowercases, U-13) fails the call with EDUPLICATE when it is
// the only user asked for, or when every user of the batch is taken; in a batch with others it
// is reported in Failed and the others are registered (U-16, the batch page's reading). The
// same name twice in a batch with different passwords fails the call (U-15); with the same
// password it is registered once.
func (s *Store) RegisterUsers(ctx context.Context, app AppKey, users []NewUser) (Registration, error) {
	defer s.lockApp(app)()
	if len(users) == 0 {
		return Registration{}, tooFew("users", 1, 0)
	}
	if len(users) > MaxUsersPerRegistration {
		return Registration{}, Errorf(EINVALID, "%s", MsgRegistrationTooMany(len(users), MaxUsersPerRegistration))
	}
	a := s.appFor(app)
	password := map[string]string{}
	var fresh []NewUser
	var failed []RegisterFailure
	var firstTaken string
	for _, u := range users {
		if len(u.Username) > MaxUsernameBytes {
			return Registration{}, Errorf(EINVALID, "%s", MsgUsernameTooLong)
		}
		if !usernamePattern.MatchString(u.Username) {
			return Registration{}, Errorf(EINVALID, "%s", MsgUsernameNotLegal(u.Username))
		}
		if utf8.RuneCountInString(u.Nickname) > MaxNicknameLength {
			return Registration{}, Errorf(EINVALID, "%s", MsgNicknameTooLong)
		}
		if u.Password == "" {
			return Registration{}, Errorf(EINVALID, "%s", MsgPasswordMissing)
		}
		name := canon(u.Username)
		if prev, seen := password[name]; seen {
			if prev != u.Password {
				return Registration{}, Errorf(EDUPLICATE, "the same user %s has a different password, the passwords are %s", name, "[hidden]")
			}
			continue
		}
		password[name] = u.Password
		if a.userExists(name) {
			if firstTaken == "" {
				firstTaken = name
			}
			failed = append(failed, RegisterFailure{Username: name, Reason: fmt.Sprintf("the %s already exists", name)})
			continue
		}
		fresh = append(fresh, u)
	}
	if len(fresh) == 0 {
		return Registration{}, duplicateUser(a.UUID, firstTaken)
	}
	if a.UserCap > 0 && len(a.Users)+len(fresh) > a.UserCap {
		return Registration{}, userCapReached()
	}
	now := s.nowMS()
	out := Registration{Users: make([]User, 0, len(fresh)), Failed: failed}
	for _, u := range fresh {
		st := &userState{Seq: a.next(), UUID: newUserUUID(), Username: canon(u.Username), Password: u.Password, Nickname: u.Nickname, Created: now, Modified: now}
		a.Users[st.Username] = st
		out.Users = append(out.Users, st.view())
	}
	return out, nil
}

// GetUser returns one user; ENOTFOUND if there is none.
func (s *Store) GetUser(ctx context.Context, app AppKey, username string) (User, error) {
	defer s.rlockApp(app)()
	u, ok := s.appView(app).Users[canon(username)]
	if !ok {
		return User{}, Errorf(ESVCNOTFOUND, MsgUserNotFound)
	}
	return u.view(), nil
}

// UserExists reports whether the app has the user.
func (s *Store) UserExists(ctx context.Context, app AppKey, username string) bool {
	defer s.rlockApp(app)()
	_, ok := s.appView(app).Users[canon(username)]
	return ok
}

// ListUsers pages the app's users oldest first (U-01, U-02): limit 0 is the default 10, more
// than 100 gives 100; the cursor comes back while users remain after the page.
func (s *Store) ListUsers(ctx context.Context, app AppKey, limit int, cursor string) (UserPage, error) {
	defer s.rlockApp(app)()
	users, next, err := s.userPage(s.appView(app), app, limit, cursor)
	if err != nil {
		return UserPage{}, err
	}
	out := UserPage{Users: make([]User, len(users)), Cursor: next}
	for i, u := range users {
		out.Users[i] = u.view()
	}
	return out, nil
}

// DeleteUsers deletes the oldest users (after the cursor, if any), as many as limit says, with
// every side effect of DeleteUser: groups and chatrooms they own are dissolved (U-04, U-05).
func (s *Store) DeleteUsers(ctx context.Context, app AppKey, limit int, cursor string) (UserPage, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	users, next, err := s.userPage(a, app, limit, cursor)
	if err != nil {
		return UserPage{}, err
	}
	out := UserPage{Users: make([]User, len(users)), Cursor: next}
	for i, u := range users {
		out.Users[i] = u.view()
		a.deleteUser(u.Username)
	}
	return out, nil
}

// userPage is the page of users after cursor, oldest first, and the cursor of the next page.
func (s *Store) userPage(a *appState, app AppKey, limit int, cursor string) ([]*userState, string, error) {
	if limit < 0 {
		return nil, "", Errorf(EINVALID, "limit: must be between 1 and %d, got %d", MaxUserPageSize, limit)
	}
	if limit == 0 {
		limit = DefaultUserPageSize
	}
	limit = min(limit, MaxUserPageSize)
	after, err := decodeCursor("users", app, cursor)
	if err != nil {
		return nil, "", err
	}
	all := make([]*userState, 0, len(a.Users))
	for _, u := range a.Users {
		if u.Seq > after || (after == 0 && u.Seq == 0) {
			all = append(all, u)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Seq != all[j].Seq {
			return all[i].Seq < all[j].Seq
		}
		return all[i].Username < all[j].Username
	})
	if len(all) <= limit {
		return all, "", nil
	}
	page := all[:limit]
	return page, encodeCursor("users", app, page[len(page)-1].Seq), nil
}

// DeleteUser deletes a user and everything that hangs on them (U-09).
func (s *Store) DeleteUser(ctx context.Context, app AppKey, username string) (User, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	u, ok := a.Users[canon(username)]
	if !ok {
		return User{}, Errorf(ESVCNOTFOUND, MsgUserNotFound)
	}
	a.deleteUser(u.Username)
	return u.view(), nil
}

// deleteUser removes a user: they leave every group and chatroom (with the usual side effects),
// their block, allow, mute and super-admin entries go, and groups and chatrooms they own are
// dissolved, since neither can exist without an owner (U-05, U-09).
func (a *appState) deleteUser(name string) {
	for _, g := range a.Groups {
		if g.Owner == name {
			a.forgetGroup(g)
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
}

func (u *userState) view() User {
	return User{UUID: u.UUID.String(), Type: "user", Created: u.Created, Modified: u.Modified, Username: u.Username, Activated: true, Nickname: u.Nickname}
}

// userExists is the lock-held check used by every group and chatroom rule (C-07).
func (a *appState) userExists(name string) bool {
	_, ok := a.Users[name]
	return ok
}
