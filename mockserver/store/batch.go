package store

import "strings"

// checkBatch bounds a list of names: 1..max items, none empty.
func checkBatch(field string, names []string, max int) error {
	if len(names) == 0 {
		return tooFew(field, 1, 0)
	}
	if len(names) > max {
		return tooMany(field, max, len(names))
	}
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			return Errorf(EINVALID, "%s: items must not be empty", field)
		}
	}
	return nil
}

// MaxDetailsIDs bounds the ids of one details call (groups: our choice; chatrooms: R-ROOM-03).
const MaxDetailsIDs = 100

// checkDetailsIDs bounds the ids of one details call: 1..MaxDetailsIDs.
func checkDetailsIDs(field string, ids []string) error {
	if len(ids) == 0 {
		return tooFew(field, 1, 0)
	}
	if len(ids) > MaxDetailsIDs {
		return tooMany(field, MaxDetailsIDs, len(ids))
	}
	return nil
}

// eachUser is the loop of the batch calls that answer for every user: it runs step on each name
// in the order given and builds one answer element per name. step returns "" when it acted on the
// user, or the reason it did not, which the element reports with result false.
func eachUser[T any](names []string, step func(u string) (reason string), answer func(u, reason string) T) []T {
	out := make([]T, 0, len(names))
	for _, n := range names {
		out = append(out, answer(n, step(n)))
	}
	return out
}

// groupBatch starts a batch call on a group (lock held): the names are checked (1..60, none
// empty) before the group is looked up, and come back lowercased without repeats.
func (s *Store) groupBatch(app AppKey, groupID string, usernames []string) (*groupState, []string, error) {
	if err := checkBatch("usernames", usernames, MaxBatchUsers); err != nil {
		return nil, nil, err
	}
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return nil, nil, err
	}
	return g, dedupe(usernames), nil
}

// roomBatch is groupBatch for a chatroom, whose batch calls take up to lim's names in the
// store's profile.
func (s *Store) roomBatch(app AppKey, roomID string, usernames []string, lim batchLimit) (*roomState, []string, error) {
	if err := lim.check(s, usernames); err != nil {
		return nil, nil, err
	}
	r, err := s.room(app, roomID)
	if err != nil {
		return nil, nil, err
	}
	return r, dedupe(usernames), nil
}
