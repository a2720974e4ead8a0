package store

import (
	"cmp"
	"context"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"time"
)

// Reset clears every app's domain state (users, groups, chatrooms, super admins) but keeps the
// apps, their credentials and the tokens issued, so a test run can reset between scenarios
// without fetching a new token.
func (s *Store) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.apps {
		a.clearDomain()
		a.Seq = 0
	}
}

// ResetApp clears one app's domain state, like Reset.
func (s *Store) ResetApp(ctx context.Context, app AppKey) {
	defer s.lockApp(app)()
	if a := s.lookupApp(app); a != nil {
		a.clearDomain()
		a.Seq = 0
	}
}

type snapshot struct {
	Version int                   `json:"version"`
	LastID  uint64                `json:"last_id"`
	Apps    []*appState           `json:"apps"`
	Tokens  map[string]tokenEntry `json:"tokens"`
}

const snapshotVersion = 1

// Snapshot encodes the whole state (apps with credentials, domain state, tokens) as JSON, for
// `--state FILE` and GET /_mock/state. Saving must never stop the mock (a 25 MB state used to
// be encoded under the store's exclusive lock, and every call waited for it): each app is
// copied with its writers kept out, one app at a time, and the copies are encoded with no lock
// held. Reads go on throughout; a write waits at most for the copy of its own app. The JSON is
// compact: indenting a 25 MB state took 2.5 times as long as encoding it, and every cycle a save
// spends is one the calls going on meanwhile do not get.
func (s *Store) Snapshot() ([]byte, error) {
	return json.Marshal(s.copyState())
}

// copyState takes the copy Snapshot encodes. Each app's copy is consistent (a call on an app is
// atomic under its lock); apps are independent of each other, so copying them one after the
// other loses nothing. The tokens are copied first, so every token's app is in the copy (apps
// are only ever removed by Restore, which mu keeps out), and the id counter last, so it is at
// least every id the copy holds.
func (s *Store) copyState() snapshot {
	s.mu.RLock() // orders the copy with Restore and Reset; calls on apps go on
	defer s.mu.RUnlock()
	s.tokMu.RLock()
	tokens := s.tokens.entries()
	s.tokMu.RUnlock()
	s.appsMu.RLock()
	keys := slices.Collect(maps.Keys(s.apps))
	s.appsMu.RUnlock()
	// In a fixed order, so that the same state always gives the same bytes.
	slices.SortFunc(keys, func(x, y AppKey) int { return cmp.Or(cmp.Compare(x.Org, y.Org), cmp.Compare(x.App, y.App)) })
	snap := snapshot{Version: snapshotVersion, Tokens: tokens, Apps: make([]*appState, 0, len(keys))}
	for _, k := range keys {
		l := s.appLock(k)
		// Writers out, readers in (appLock); the app is looked up under the lock, since a
		// failed Seed replaces it.
		l.writes.Lock()
		if a := s.lookupApp(k); a != nil {
			snap.Apps = append(snap.Apps, a.clone())
		}
		l.writes.Unlock()
	}
	s.idMu.Lock()
	snap.LastID = s.lastID
	s.idMu.Unlock()
	return snap
}

// Restore replaces the whole state with a Snapshot's. On error the state is unchanged.
func (s *Store) Restore(data []byte) error {
	var snap snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return Errorf(EINVALID, "state: not a snapshot: %v", err)
	}
	if snap.Version != snapshotVersion {
		return Errorf(EINVALID, "state: version %d, this build reads version %d", snap.Version, snapshotVersion)
	}
	if snap.Apps == nil || snap.Tokens == nil {
		return Errorf(EINVALID, "state: apps and tokens: null or missing (an empty state has [] and {})")
	}
	apps := map[AppKey]*appState{}
	for i, a := range snap.Apps {
		if a == nil || a.Key.Org == "" || a.Key.App == "" {
			return Errorf(EINVALID, "state: apps[%d]: an app without org/app", i)
		}
		if err := checkAppKey(a.Key); err != nil {
			return Errorf(EINVALID, "state: apps[%d]: %s", i, err.Message)
		}
		if apps[a.Key] != nil {
			return Errorf(EINVALID, "state: apps[%d]: app %s is there twice", i, a.Key)
		}
		if err := a.check(); err != nil {
			return Errorf(EINVALID, "state: app %s: %s", a.Key, err.Message)
		}
		a.fillNilMaps()
		apps[a.Key] = a
	}
	for tok, t := range snap.Tokens {
		if tok == "" || apps[t.App] == nil {
			return Errorf(EINVALID, "state: tokens: token %.8q... is for app %q, which the state does not have", tok, t.App.String())
		}
	}
	tokens, bad, ok := tokenTableOf(snap.Tokens)
	if !ok {
		return Errorf(EINVALID, "state: tokens: %.8q... is not a token the mock issues (YWMt and 64 base64url characters)", bad)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.appsMu.Lock()
	s.apps = apps
	s.appsMu.Unlock()
	s.lastID = snap.LastID
	s.tokMu.Lock()
	defer s.tokMu.Unlock()
	s.tokens = tokens
	return nil
}

// fillNilMaps makes a decoded app safe to write to: JSON null or absent maps become empty.
func (a *appState) fillNilMaps() {
	if a.UUID == "" {
		a.UUID = newUUID()
	}
	if a.Users == nil {
		a.Users = map[string]*userState{}
	}
	if a.Groups == nil {
		a.Groups = map[string]*groupState{}
	}
	if a.Chatrooms == nil {
		a.Chatrooms = map[string]*roomState{}
	}
	if a.SuperAdmins == nil {
		a.SuperAdmins = map[string]int64{}
	}
	a.orderMessages()
	for _, g := range a.Groups {
		for _, m := range []*map[string]int64{&g.Admins, &g.Blocks, &g.Mutes, &g.Allow} {
			if *m == nil {
				*m = map[string]int64{}
			}
		}
		if g.Files == nil {
			g.Files = map[string]*fileState{}
		}
	}
	for _, r := range a.Chatrooms {
		for _, m := range []*map[string]int64{&r.Admins, &r.Blocks, &r.Allow, &r.Mutes} {
			if *m == nil {
				*m = map[string]int64{}
			}
		}
		if r.Attributes == nil {
			r.Attributes = map[string]*attributeState{}
		}
	}
}

// SeedData is what the control API's seed call loads into one app. Users that already exist are
// kept as they are; groups and chatrooms follow the same rules as the API calls.
type SeedData struct {
	Users       []NewUser      `json:"users,omitempty"`
	Groups      []SeedGroup    `json:"groups,omitempty"`
	Chatrooms   []SeedChatroom `json:"chatrooms,omitempty"`
	SuperAdmins []string       `json:"super_admins,omitempty"`
}

// SeedGroup is a group to seed: ID "" means a generated id. Admins must be among the members.
type SeedGroup struct {
	ID string `json:"id,omitempty"`
	NewGroup
	Admins []string `json:"admins,omitempty"`
}

// SeedChatroom is a chatroom to seed: ID "" means a generated id.
type SeedChatroom struct {
	ID string `json:"id,omitempty"`
	NewChatroom
	Admins []string `json:"admins,omitempty"`
}

// SeedResult lists the ids of what was seeded, in the order given.
type SeedResult struct {
	Users     []string `json:"users"`
	Groups    []string `json:"groups"`
	Chatrooms []string `json:"chatrooms"`
}

var digits = regexp.MustCompile(`^[0-9]{1,32}$`)

// Seed loads users, groups, chatrooms and super admins into an app, all or nothing.
func (s *Store) Seed(ctx context.Context, app AppKey, d SeedData) (SeedResult, error) {
	if err := checkAppKey(app); err != nil {
		return SeedResult{}, err
	}
	defer s.lockApp(app)()
	a := s.appFor(app)
	backup, err := json.Marshal(a)
	if err != nil {
		return SeedResult{}, Errorf(EINVALID, "seed: %v", err)
	}
	res, err := s.seed(a, d)
	if err != nil {
		var restored appState
		_ = json.Unmarshal(backup, &restored)
		restored.fillNilMaps()
		s.appsMu.Lock()
		s.apps[app] = &restored
		s.appsMu.Unlock()
		return SeedResult{}, err
	}
	return res, nil
}

func (s *Store) seed(a *appState, d SeedData) (SeedResult, error) {
	res := SeedResult{Users: []string{}, Groups: []string{}, Chatrooms: []string{}}
	now := s.nowMS()
	for _, u := range d.Users {
		if !usernamePattern.MatchString(u.Username) {
			return res, Errorf(EINVALID, "users: username must be 1 to 64 characters of letters, digits, _, - and ., got %q", u.Username)
		}
		name := canon(u.Username)
		if !a.userExists(name) {
			a.Users[name] = &userState{Seq: a.next(), UUID: newUserUUID(), Username: name, Password: u.Password, Nickname: u.Nickname, Created: now, Modified: now}
		}
		res.Users = append(res.Users, name)
	}
	for _, sg := range d.Groups {
		g, err := s.buildGroup(a, sg.NewGroup)
		if err != nil {
			return res, err
		}
		if err := s.seedID(a, sg.ID, &g.ID); err != nil {
			return res, err
		}
		if err := g.roster().seedAdmins(a, sg.Admins); err != nil {
			return res, err
		}
		a.Groups[g.ID] = g
		res.Groups = append(res.Groups, g.ID)
	}
	for _, sr := range d.Chatrooms {
		r, err := s.buildChatroom(a, sr.NewChatroom)
		if err != nil {
			return res, err
		}
		if err := s.seedID(a, sr.ID, &r.ID); err != nil {
			return res, err
		}
		if err := r.roster().seedAdmins(a, sr.Admins); err != nil {
			return res, err
		}
		a.Chatrooms[r.ID] = r
		res.Chatrooms = append(res.Chatrooms, r.ID)
	}
	for _, u := range dedupe(d.SuperAdmins) {
		if !a.userExists(u) {
			return res, userNotFound(u)
		}
		if _, ok := a.SuperAdmins[u]; !ok {
			a.SuperAdmins[u] = a.next()
		}
	}
	return res, nil
}

// seedID applies a fixed id from seed data, which must be digits (C-05) and unused.
func (s *Store) seedID(a *appState, want string, id *string) error {
	if want == "" {
		return nil
	}
	if !digits.MatchString(want) {
		return Errorf(EINVALID, "id: must be a string of digits, got %q", want)
	}
	_, g := a.Groups[want]
	_, r := a.Chatrooms[want]
	if g || r {
		return Errorf(EINVALID, "id: %s is already in use", want)
	}
	*id = want
	return nil
}

// Now returns the store clock, so the HTTP layer stamps envelopes with the same time the
// domain uses.
func (s *Store) Now() time.Time { return s.now() }
