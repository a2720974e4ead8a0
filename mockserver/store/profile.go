package store

import "fmt"

// Profile says which reading of the chatroom calls the store follows where today's public pages
// differ from the 2019 chatroom document (001): the "R-xxx (today)" notes of
// behaviours-today.md. Each rule that differs reads the store's profile in one function, both
// readings side by side, so a profile is a value given to New, never a global.
type Profile string

const (
	// ProfileDocuments follows the three documents (001 for chatrooms), as the catalogue ranks
	// them above today's pages. The default.
	ProfileDocuments Profile = "documents"
	// ProfileCurrent follows today's public chatroom pages where they state a testable
	// difference (status, error name and words, limits, side effects).
	ProfileCurrent Profile = "current"
)

// Profiles lists every profile, the default first.
var Profiles = []Profile{ProfileDocuments, ProfileCurrent}

// ParseProfile reads a profile name; "" is the default.
func ParseProfile(s string) (Profile, error) {
	switch Profile(s) {
	case "", ProfileDocuments:
		return ProfileDocuments, nil
	case ProfileCurrent:
		return ProfileCurrent, nil
	}
	return "", fmt.Errorf("unknown profile %q: use documents or current", s)
}

// WithProfile sets the profile the store follows (default ProfileDocuments).
func WithProfile(p Profile) Option { return func(s *Store) { s.profile = p } }

// Profile is the profile the store follows.
func (s *Store) Profile() Profile { return s.profile }

// current reports whether the store follows today's pages.
func (s *Store) current() bool { return s.profile == ProfileCurrent }

// byProfile picks the documents' or today's value of one rule.
func byProfile[T any](s *Store, documents, today T) T {
	if s.current() {
		return today
	}
	return documents
}

// ProfileNote is one "R-xxx (today)" note of behaviours-today.md and what each profile does
// of it: the README's list of differences is checked against this table and the catalogue.
type ProfileNote struct {
	ID        string // the R row the note belongs to
	Documents string // what the documents profile answers (001's reading)
	Current   string // what the current profile answers (today's page)
}

// CurrentProfileNotes are the notes the current profile follows: each states a difference a
// client can see (status, error name and words, a limit, a side effect).
var CurrentProfileNotes = []ProfileNote{
	{"R-MEM-02", "adding a member again: 400", "200 success, the member stays as is"},
	{"R-MEM-03", "an unknown user: 400 invalid_parameter", "404 resource_not_found \"username X doesn't exist!\""},
	{"R-MEM-04", "batch add: at most 60; members already in are left out of newmembers, a batch of them all is 400", "at most 100 (\"addMembers: addMembers number more than maxSize : 100\"); members already in count as added"},
	{"R-MEM-05", "removing a non-member: 400 \"user: X doesn't exist in chatroom: R\"; an unknown user likewise", "400 \"users [X] are not members of this group!\"; an unknown user 404"},
	{"R-MEM-06", "batch kick: at most 100", "at most 60 (\"kickMember: kickMembers number more than maxSize : 60\")"},
	{"R-MUTE-02", "mute: at most 60 users; mute_duration 0 is 400", "at most 100 (\"userNames size is more than max limit : 100\"); mute_duration 0 unmutes"},
	{"R-MUTE-03", "unmute over 60: the contract's words", "\"removeMute member size more than max limit :  60\""},
	{"R-BLK-05", "unblock over 60: the contract's words", "\"removeBlacklist: list size more than max limit : 60\""},
	{"R-WHITE-03", "allow-list add: at most 60", "at most 100 (\"usernames size is more than max limit : 100\")"},
	{"R-WHITE-04", "allow-list removal: a non-member is reported per user; over 60, the contract's words", "a non-member refuses the call, 400 forbidden_op; over 60, \"removeWhitelist size is more than max limit : 60\""},
	{"R-ROOM-01", "room list: limit in [1,100]", "limit in [1,1000]; over 1000 gives 1000"},
	{"R-ROOM-04", "custom: at most 1,024 characters", "custom: at most 8 KB"},
	{"R-META-01", "set over 10 pairs: 400 with the contract's words", "400 \"exceed allowed batch size 10\""},
	{"R-META-04", "forced set over 10 pairs: 400 with the contract's words", "400 \"exceed allowed batch size 10\""},
	{"R-META-06", "delete over 10 keys: 400 with the contract's words", "400 \"exceed allowed batch size 10\""},
	{"R-META-07", "forced delete over 10 keys: 400 with the contract's words", "400 \"exceed allowed batch size 10\""},
	{"R-BAN-01", "joining during mute-all: not on the mute list", "joining during mute-all puts the user on the mute list for good"},
	{"R-MEM-01", "member list of a missing room: 404 resource_not_found \"grpID X does not exist!\"", "404 service_resource_not_found \"do not find this group:X\""},
	{"R-SUP-03", "revoking an unknown user: 404 \"user X is not a super admin\"", "404 \"username X doesn't exist!\""},
	{"R-ADM-02", "promoting an unknown user: 400 invalid_parameter", "404 resource_not_found \"username X doesn't exist!\""},
	{"R-ADM-03", "demoting an unknown user: 400 invalid_parameter", "404 resource_not_found \"username X doesn't exist!\""},
	{"R-BLK-02", "blocking a non-member: 403 \"user: X doesn't exist in chatroom: R\"", "403 \"users [X] are not members of this group!\""},
	{"R-WHITE-02", "allow-listing a non-member: 403 \"user: X doesn't exist in chatroom: R\"", "403 \"users [X] are not members of this group!\""},
	{"R-ROOM-02", "joined rooms: pagesize in [1,1000]", "more than 1000 gives 1000"},
	{"R-ROOM-03", "details of a missing room: 404 resource_not_found \"grpID X does not exist!\"", "404 service_resource_not_found \"do not find this group:X\" (the details' `mute` field is not built)"},
}

// ProfileNotesLeftOut are the chatroom notes the current profile does not follow, each with
// why: the note states no difference a client can see from the mock, the mock already answers
// so in both profiles, or the difference is not built yet.
var ProfileNotesLeftOut = []ProfileNote{
	{ID: "R-SUP-01", Current: "no difference: the mock already answers an unknown user 404 \"username X doesn't exist!\" in both profiles"},
	{ID: "R-SUP-02", Current: "no difference: the mock already takes pagesize up to 1000 and refuses more in both profiles"},
	{ID: "R-ROOM-05", Current: "not built yet: name, description and maxusers all required, 403 exceed_limit for over-long fields, and the ownership transfer call (a new operation)"},
	{ID: "R-ROOM-06", Current: "no difference: a missing room is already 404 \"grpID X does not exist!\"; messages outlive the room outside the mock's calls"},
	{ID: "R-ANN-02", Current: "not built yet: an announcement over 512 characters is 400 from the contract, the page says 403 forbidden_op \"announce info length exceeds limit!\""},
	{ID: "R-META-03", Current: "not built yet: the page's request-level 400 \"others are not allowed to be set\" against the per-key errorKeys the mock answers"},
	{ID: "R-META-05", Current: "no difference: keys optional and the missing room's 404 are what the mock answers already"},
	{ID: "R-BLK-03", Current: "no difference: restates that the owner can not be blocked, with no status"},
	{ID: "R-BLK-04", Current: "no single reading: the page says 60 in its text and 100 in its error row; the mock keeps 60 in both profiles"},
	{ID: "R-WHITE-01", Current: "not testable through the REST calls (message priority, offline removal, sending), except that the owner and admins are allow-listed by default, not built yet"},
	{ID: "R-BAN-03", Current: "no difference: mute-all never expires in the mock and a missing room is already 404 \"grpID X does not exist!\""},
}
