package store

import (
	"cmp"
	"maps"
	"slices"
)

// The calls that look at or change one group or chatroom and nothing else take the app's lock,
// find it, and act on it. find is how it is found, and so which refusal a missing one gets:
// s.group (a group, even a disabled one), s.writableGroup (a group that may be changed,
// G-DIS-06) or s.room (a chatroom).

// readOne runs read on one group or chatroom under the app's read lock.
func readOne[S, T any](s *Store, app AppKey, id string, find func(AppKey, string) (S, error), read func(S) T) (T, error) {
	defer s.rlockApp(app)()
	x, err := find(app, id)
	if err != nil {
		var zero T
		return zero, err
	}
	return read(x), nil
}

// writeOne runs write on one group or chatroom under the app's write lock.
func writeOne[S, T any](s *Store, app AppKey, id string, find func(AppKey, string) (S, error), write func(S) (T, error)) (T, error) {
	defer s.lockApp(app)()
	x, err := find(app, id)
	if err != nil {
		var zero T
		return zero, err
	}
	return write(x)
}

// lookup finds id among the app's groups or chatrooms, which pick names (lock held); a missing
// one is missing's refusal. It never creates the app, so it serves reads too.
func lookup[S any](s *Store, app AppKey, id string, pick func(*appState) map[string]S, missing func(string) *Error) (S, error) {
	if a := s.lookupApp(app); a != nil {
		if x, ok := pick(a)[id]; ok {
			return x, nil
		}
	}
	var zero S
	return zero, missing(id)
}

// newestFirst lists groups or chatrooms, the last created (the highest seq) first.
func newestFirst[S any](m map[string]S, seq func(S) int64) []S {
	return slices.SortedFunc(maps.Values(m), func(x, y S) int { return cmp.Compare(seq(y), seq(x)) })
}
