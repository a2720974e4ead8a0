// Package store is the mock's domain: apps and their tokens, users, groups, chatrooms and
// everything hanging on them (members, admins, block/allow/mute lists, announcements, shared
// files, chatroom attributes). It uses the standard library only and knows nothing of HTTP.
// Every documented rule lives here, and every rule the real service was observed to follow
// where the documents say otherwise (catalogue part O); a handler decodes the request, calls one method, and
// encodes the result as the envelope's `data` (the result types carry the documents' JSON tags).
//
// # Calling convention
//
// Domain methods take (ctx, AppKey{Org, App}, ...) and state is isolated per app. Usernames are
// case-insensitive: they are stored and returned lowercased, as the service does. Every error is
// a *Error{Code, Message}; check it with errors.As (or ErrorCode/ErrorMessage), never ==.
// Message is the `error_description`, reproducing the documents' text where they give one; Code
// is all the HTTP layer reads to choose an answer (never the words), so a refusal an operation
// must tell apart has a code of its own (ETOKENBLANK). The codes are in errors.go; the one table
// from a code to status and Easemob error/exception is `codes` in mockserver/errors.go, with
// the families of operations that word some codes their own way (mockserver/error_families.go);
// CONTRIBUTING.md lists it, generated from that table.
//
// # Auth
//
// New(WithApp(org, app, id, secret)) or RegisterApp registers an app. IssueToken checks the
// client credentials (ECREDENTIALS) unless WithPermissiveAuth is set; ttl 0 means 7 days.
// Authorize(ctx, token, app) checks a bearer token is valid and issued for that app
// (EUNAUTHORIZED otherwise, ETOKENBLANK for no token at all); Authenticate returns the app of a token. Application(ctx, app) is
// the app UUID for the envelope. Tokens are 48 random bytes, base64url, prefixed "YWMt".
//
// # Operations
//
// Each operation's handler (mockserver/*.go, joined in the table of mockserver/handlers.go)
// decodes the request and calls one exported method here, named after the operation
// (listGroupMembers -> GroupMembers, addChatroomAdmin -> AddChatroomAdmin); the server refuses
// to start when an operation of the contract has no handler. Each method's comment names the
// catalogue IDs whose rules it keeps. (A hand-written operation index here went stale unseen:
// the handler table is the index, and the start-up check keeps it complete.)
//
// Control API: Reset(), ResetApp, Snapshot() ([]byte, error), Restore([]byte) error,
// Seed(ctx, app, SeedData) (SeedResult, error), ChatroomBan, CanSpeak, SetGroupMuteAll, Apps,
// Now (the store clock, for envelope timestamps).
//
// # Concurrency
//
// Each app has its own lock (appLock: a write gate and a sync.RWMutex): each exported method on
// one app takes it once, through lockApp (a call that may write) or rlockApp (a call that only
// reads), and lower-case helpers
// assume it is held, so every call is atomic and calls on different apps never wait for each
// other. The exceptions are the helpers an exported method hands its whole work to (readGroup,
// readRoom, setBan, setAttributes, ...): they take the lock in its place. Reset and Restore take
// the whole store; Snapshot copies one app at a time behind its write gate, so reads never wait
// for a save (clone.go). Tokens have their own lock, an expiry order and a total cap (tokens.go),
// so issuing and checking one costs the same however many are held. Options WithClock and WithIDSource make
// time and ids deterministic in tests.
//
// Groups and chatrooms share their membership rules through roster (roster.go), a view over
// either's owner, members, admins, blocks and mutes; where the documents give the two different
// behaviour, the group and chatroom methods keep their own code and their comments say how.
package store
