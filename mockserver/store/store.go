package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"sync"
	"time"
)

// AppKey names one app: every piece of domain state belongs to exactly one, and calls on one app
// never see another's users, groups or chatrooms.
type AppKey struct {
	Org string `json:"org"`
	App string `json:"app"`
}

func (k AppKey) String() string { return k.Org + "/" + k.App }

// Store is the mock's whole state. The zero value is not usable: call New.
//
// Each app has its own RWMutex: every exported method on one app takes that app's lock once
// (for reading when it only reads), so each call is atomic, which is what lets the invariants
// (no duplicate members, count never above maxusers, owner never blocked) hold under
// concurrent use, while calls on different apps never wait for each other. Lower-case helpers
// assume the app's lock is held. mu is held for reading by every per-app call and by Snapshot
// (which copies one app at a time keeping that app's writers out, and encodes with no lock
// held; appLock says why reads never wait for it),
// and for writing by the calls that replace every app (Reset, Restore). Tokens have their own
// lock, so checking a token never waits for an app.
type Store struct {
	mu         sync.RWMutex // see above; taken through lockApp and rlockApp
	now        func() time.Time
	newID      func() string // group and chatroom ids; nil means the built-in clock+counter source
	permissive bool
	profile    Profile // which reading of the chatroom calls (profile.go)
	defaultTTL time.Duration

	appsMu sync.RWMutex // guards the apps and locks maps themselves, not what an app holds
	apps   map[AppKey]*appState
	locks  map[AppKey]*appLock // one per app key ever locked, so a lock outlives Reset and Restore

	idMu   sync.Mutex
	lastID uint64 // last id handed out by the built-in source, so ids stay unique with a frozen clock

	tokMu  sync.RWMutex // guards tokens
	tokens tokenTable   // tokens.go

	maxPermissiveApps int
	maxTokensPerApp   int
	maxTokens         int
}

// appLock is one app's lock. A call that may change the app holds writes and rw (for writing);
// a call that only reads holds rw for reading; a snapshot's copy holds writes alone. So the copy
// keeps writers out without ever queuing on rw: a writer waiting for rw would make every new
// reader wait behind it (sync.RWMutex lets no reader in while a writer waits), and reads would
// stall for the whole copy. With writes held, writers wait on writes instead, and reads go on.
type appLock struct {
	writes sync.Mutex
	rw     sync.RWMutex
}

// lockApp takes app's lock for a call that may change it, and returns the unlock.
func (s *Store) lockApp(app AppKey) (unlock func()) {
	s.mu.RLock()
	l := s.appLock(app)
	l.writes.Lock()
	l.rw.Lock()
	return func() { l.rw.Unlock(); l.writes.Unlock(); s.mu.RUnlock() }
}

// rlockApp takes app's lock for a call that only reads it, and returns the unlock.
func (s *Store) rlockApp(app AppKey) (unlock func()) {
	s.mu.RLock()
	l := s.appLock(app)
	l.rw.RLock()
	return func() { l.rw.RUnlock(); s.mu.RUnlock() }
}

// appLock returns the app's lock, making it on first use. The lock is kept apart from the
// app's state so that a read of an app that does not exist yet is ordered with its creation.
func (s *Store) appLock(app AppKey) *appLock {
	s.appsMu.RLock()
	l := s.locks[app]
	s.appsMu.RUnlock()
	if l != nil {
		return l
	}
	s.appsMu.Lock()
	defer s.appsMu.Unlock()
	if l = s.locks[app]; l == nil {
		l = new(appLock)
		s.locks[app] = l
	}
	return l
}

// lookupApp returns the app's state, nil if it has none.
func (s *Store) lookupApp(k AppKey) *appState {
	s.appsMu.RLock()
	defer s.appsMu.RUnlock()
	return s.apps[k]
}

// Option configures a Store; see New.
type Option func(*Store)

// WithClock replaces time.Now. Tests use it to move time forward past mute and token expiry
// without sleeping.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithIDSource replaces the generator of group and chatroom ids. The ids it returns must be
// strings of digits (C-05); one already in use is skipped and the source asked again.
func WithIDSource(next func() string) Option { return func(s *Store) { s.newID = next } }

// WithPermissiveAuth makes IssueToken accept any client credentials and issue a token for the
// org/app it is asked for, registering the app on the fly. Handy for pointing an existing
// client at the mock without configuring credentials.
func WithPermissiveAuth() Option { return func(s *Store) { s.permissive = true } }

// WithApp registers an app with its client credentials, like RegisterApp.
func WithApp(org, app, clientID, clientSecret string) Option {
	return func(s *Store) { _ = s.registerApp(org, app, clientID, clientSecret) }
}

// WithDefaultTokenTTL sets the lifetime of tokens requested with ttl 0 (default 7 days).
func WithDefaultTokenTTL(d time.Duration) Option { return func(s *Store) { s.defaultTTL = d } }

// New returns an empty store: no apps unless WithApp is given, strict credentials unless
// WithPermissiveAuth is given.
func New(opts ...Option) *Store {
	s := &Store{
		now:        time.Now,
		defaultTTL: DefaultTokenTTL,
		profile:    ProfileDocuments,
		apps:       map[AppKey]*appState{},
		locks:      map[AppKey]*appLock{},
		tokens:     newTokenTable(),

		maxPermissiveApps: DefaultMaxPermissiveApps,
		maxTokensPerApp:   DefaultMaxTokensPerApp,
		maxTokens:         DefaultMaxTokens,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// nowMS is the store clock in milliseconds, the unit of every timestamp in the API.
func (s *Store) nowMS() int64 { return s.now().UnixMilli() }

type requestTimeKey struct{}

// AtTime pins the moment a call is served: the store computes a mute's expiry from it (O-13),
// so the caller can stamp its answer with the same moment and `expire` is exactly `timestamp`
// plus the duration, however long the call waited for the lock.
func AtTime(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, requestTimeKey{}, t)
}

// nowMSAt is the time pinned in ctx (AtTime), else the store clock, in milliseconds.
func (s *Store) nowMSAt(ctx context.Context) int64 {
	if t, ok := ctx.Value(requestTimeKey{}).(time.Time); ok {
		return t.UnixMilli()
	}
	return s.nowMS()
}

// appFor returns the app's state, creating it on first write (app's lock held). Domain calls
// on an app that was never registered still work: in permissive mode apps appear on demand,
// and the HTTP layer has already authenticated the caller for this org/app.
func (s *Store) appFor(k AppKey) *appState {
	if a := s.lookupApp(k); a != nil {
		return a
	}
	s.appsMu.Lock()
	defer s.appsMu.Unlock()
	a := s.apps[k]
	if a == nil {
		a = newAppState(k)
		s.apps[k] = a
	}
	return a
}

// appView returns the app's state for reading; a never-seen app reads as empty without being
// created, so read-only calls can run under the read lock.
func (s *Store) appView(k AppKey) *appState {
	if a := s.lookupApp(k); a != nil {
		return a
	}
	return newAppState(k)
}

// nextRoomID hands out a group or chatroom id: milliseconds since the epoch times 1000 plus a
// counter, so 16 digits today, increasing and unique across all apps even with a frozen clock.
func (s *Store) nextRoomID(a *appState) string {
	for i := 0; ; i++ {
		var id string
		if s.newID != nil && i < 1000 {
			id = s.newID()
		} else {
			id = strconv.FormatUint(s.nextClockID(), 10)
		}
		if _, g := a.Groups[id]; g {
			continue
		}
		if _, r := a.Chatrooms[id]; r {
			continue
		}
		return id
	}
}

// nextClockID is the built-in id source: the clock in ms times 1000, or one more than the last.
func (s *Store) nextClockID() uint64 {
	s.idMu.Lock()
	defer s.idMu.Unlock()
	n := uint64(s.nowMS()) * 1000
	if n <= s.lastID {
		n = s.lastID + 1
	}
	s.lastID = n
	return n
}

// newUUID returns a random RFC 4122 version 4 UUID, the shape the service uses for app, user and
// file ids.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
