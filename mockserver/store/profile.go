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
