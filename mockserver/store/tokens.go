package store

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"
)

// DefaultMaxTokens caps the unexpired tokens held over all apps. Each costs about 214 bytes of
// live heap (BenchmarkTokenMemory; README, "Limits and durability"), so the cap bounds tokens to
// some 21 MB of heap whatever the number of apps; before it, the per-app cap alone let 1,000
// apps of 10,000 tokens reach 8.5 GB.
const DefaultMaxTokens = 100_000

// WithMaxTokens sets DefaultMaxTokens's cap.
func WithMaxTokens(n int) Option { return func(s *Store) { s.maxTokens = n } }

// A token the mock issues is "YWMt" (the service's prefix) and 48 random bytes in unpadded
// base64url. The table keys tokens by those bytes, not the string: a record is a fixed 48-byte
// key and a 16-byte value with no pointer in either, so a million tokens are a few flat arrays
// the garbage collector never scans, instead of a million strings and time.Time values.
const (
	tokenPrefix = "YWMt"
	tokenBytes  = 48
)

// 48 bytes are exactly 64 characters, with no spare bits: one string per key.
var tokenEncoding = base64.RawURLEncoding

type tokenKey [tokenBytes]byte

func (k tokenKey) String() string { return tokenPrefix + tokenEncoding.EncodeToString(k[:]) }

// parseToken returns the key of a token in the mock's shape; false for anything else (such a
// token was never issued, so it is not held).
func parseToken(tok string) (tokenKey, bool) {
	var k tokenKey
	rest, ok := strings.CutPrefix(tok, tokenPrefix)
	if !ok || len(rest) != tokenEncoding.EncodedLen(tokenBytes) {
		return k, false
	}
	n, err := tokenEncoding.Decode(k[:], []byte(rest))
	return k, err == nil && n == tokenBytes
}

func newTokenKey() tokenKey {
	var k tokenKey
	_, _ = rand.Read(k[:])
	return k
}

// tokenRecord is what the table keeps of a token: its app (an index into tokenTable.apps) and
// when it expires.
type tokenRecord struct {
	expires int64 // Unix nanoseconds
	app     uint32
}

// tokenEntry is a token as the state file holds it (snapshot.go).
type tokenEntry struct {
	App     AppKey    `json:"app"`
	Expires time.Time `json:"expires"`
}

// tokenTable holds the live tokens (under Store.tokMu): by key, in order of expiry, and counted
// per app for the per-app cap. Apps are numbered on their first token; apps are never removed
// but by Restore, which builds a new table, so the numbering is bounded by the apps held.
type tokenTable struct {
	byKey  map[tokenKey]tokenRecord
	expiry tokenExpiry
	apps   []AppKey
	appIDs map[AppKey]uint32
	perApp []int
}

func newTokenTable() tokenTable {
	return tokenTable{byKey: map[tokenKey]tokenRecord{}, appIDs: map[AppKey]uint32{}}
}

// tokenTableOf builds the table of a restored state; false names a token not in the mock's shape.
func tokenTableOf(entries map[string]tokenEntry) (tokenTable, string, bool) {
	t := newTokenTable()
	t.byKey = make(map[tokenKey]tokenRecord, len(entries))
	for tok, e := range entries {
		k, ok := parseToken(tok)
		if !ok {
			return tokenTable{}, tok, false
		}
		id := t.appID(e.App)
		t.byKey[k] = tokenRecord{expires: e.Expires.UnixNano(), app: id}
		t.perApp[id]++
	}
	t.expiry = newTokenExpiry(t.byKey)
	return t, "", true
}

func (t *tokenTable) appID(app AppKey) uint32 {
	id, ok := t.appIDs[app]
	if !ok {
		id = uint32(len(t.apps))
		t.apps = append(t.apps, app)
		t.appIDs[app] = id
		t.perApp = append(t.perApp, 0)
	}
	return id
}

func (t *tokenTable) len() int { return len(t.byKey) }

// count is how many tokens app holds.
func (t *tokenTable) count(app AppKey) int {
	if id, ok := t.appIDs[app]; ok {
		return t.perApp[id]
	}
	return 0
}

func (t *tokenTable) lookup(k tokenKey) (AppKey, int64, bool) {
	r, ok := t.byKey[k]
	if !ok {
		return AppKey{}, 0, false
	}
	return t.apps[r.app], r.expires, true
}

// add and drop are the only writers of byKey, so the per-app counts stay exact.
func (t *tokenTable) add(k tokenKey, app AppKey, expires time.Time) {
	id := t.appID(app)
	t.byKey[k] = tokenRecord{expires: expires.UnixNano(), app: id}
	t.perApp[id]++
	t.expiry.add(k, expires.UnixNano())
}

func (t *tokenTable) drop(k tokenKey) {
	if r, ok := t.byKey[k]; ok {
		delete(t.byKey, k)
		t.perApp[r.app]--
	}
}

// prune drops the tokens that have expired at now. They are taken from the front of the expiry
// order, so the cost is that of the tokens dropped, never of the ones held: each token is
// pruned once, and issuing one stays cheap however many are live.
func (t *tokenTable) prune(now time.Time) {
	n := now.UnixNano()
	for {
		k, expires, ok := t.expiry.first()
		if !ok || n < expires {
			return
		}
		t.expiry.drop()
		if r, held := t.byKey[k]; held && r.expires == expires {
			t.drop(k)
		}
	}
}

// entries lists the tokens as the state file holds them.
func (t *tokenTable) entries() map[string]tokenEntry {
	out := make(map[string]tokenEntry, len(t.byKey))
	for k, r := range t.byKey {
		out[k.String()] = tokenEntry{App: t.apps[r.app], Expires: time.Unix(0, r.expires).UTC()}
	}
	return out
}
