package steps

import (
	"net/url"
	"strings"
)

// Shared plumbing of the chatroom steps: naming rooms, building paths and texts. Users, lists
// of users and the shapes of answers are read with the helpers both halves share (names.go,
// assert.go, calls.go). Everything a scenario learns lives in its World.

const (
	// roomKey is the key the scenario's main chatroom id is remembered under, so that paths
	// may say {room}.
	roomKey = "room"
	// missingRoomID names a chatroom that does not exist: a string of digits, like real ids
	// (C-05), far above anything a fresh app hands out.
	missingRoomID = "999999999999999"

	// Documented limits (001) the steps need in order to say when a request breaks the spec
	// on purpose.
	maxRoomName           = 128
	maxRoomDescription    = 512
	maxRoomUsers          = 10000
	roomMaxAnnouncement   = 512
	roomMaxBatchNames     = 60
	roomMaxRemoveNames    = 100
	maxAttrsPerCall       = 10
	roomMaxMemberPageSize = 1000

	// Where the profiles differ, the contract takes the wider limit and the mock refuses per
	// profile (README "Profiles"): these are the contract's, past which a request breaks it.
	roomSpecBatchNames = 100  // add, mute and allow-list add (001: 60; today: 100)
	maxRoomCustomSpec  = 8192 // custom (001: 1,024 characters; today: 8 KB)
)

// roomCommaPath joins user names for a path segment the way 001 writes it: "%2C" between names.
func roomCommaPath(names []string) string {
	esc := make([]string, len(names))
	for i, n := range names {
		esc[i] = url.PathEscape(n)
	}
	return strings.Join(esc, "%2C")
}
