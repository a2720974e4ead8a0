package store

import (
	"context"
	"math"
)

// PermanentMuteExpire is the expire of a mute_duration of -1: 2117-01-01 00:00:00 UTC+8
// (G-MUTE-02; R-MUTE-02 by inference).
const PermanentMuteExpire int64 = 4638873600000

// MuteResult is one element of the mute answer (G-MUTE-01, R-MUTE-02).
type MuteResult struct {
	Result bool   `json:"result"`
	Expire int64  `json:"expire"`
	User   string `json:"user"`
}

// UnmuteResult is one element of the unmute answer (G-MUTE-03, R-MUTE-03).
type UnmuteResult struct {
	Result bool   `json:"result"`
	User   string `json:"user"`
}

// Mute is one element of the mute list (G-MUTE-04, R-MUTE-01).
type Mute struct {
	Expire int64  `json:"expire"`
	User   string `json:"user"`
}

// muteExpire turns mute_duration (ms, -1 permanent) into an expire timestamp.
func muteExpire(nowMS, durationMS int64) (int64, error) {
	switch {
	case durationMS == -1:
		return PermanentMuteExpire, nil
	case durationMS <= 0:
		return 0, Errorf(EINVALID, "mute_duration: must be -1 (permanent) or a positive number of milliseconds, got %d", durationMS)
	case durationMS > math.MaxInt64-nowMS:
		// now + duration would wrap to a negative expire: a mute that "succeeds" and is
		// already over.
		return 0, Errorf(EINVALID, "mute_duration: at most %d milliseconds from now (the expire must fit in a 64-bit timestamp), got %d", math.MaxInt64-nowMS, durationMS)
	}
	return nowMS + durationMS, nil
}

// activeMutes lists the mutes that have not expired, oldest expiry first; an expired mute is no
// longer listed (G-MUTE-04, inferred). Expired entries are left in place and ignored, so a read
// never writes.
func activeMutes(m map[string]int64, nowMS int64) []Mute {
	out := []Mute{}
	for _, u := range orderedKeys(m) {
		if active(m[u], nowMS) {
			out = append(out, Mute{Expire: m[u], User: u})
		}
	}
	return out
}

func isMuted(m map[string]int64, u string, nowMS int64) bool {
	exp, ok := m[u]
	return ok && active(exp, nowMS)
}

// active: a permanent mute never lapses, even for a clock moved past 2117.
func active(expire, nowMS int64) bool {
	return expire == PermanentMuteExpire || expire > nowMS
}

// GroupMutes lists muted users whose mute has not expired (G-MUTE-04).
func (s *Store) GroupMutes(ctx context.Context, app AppKey, groupID string) ([]Mute, error) {
	return readOne(s, app, groupID, s.group, func(g *groupState) []Mute { return activeMutes(g.Mutes, s.nowMS()) })
}

// MuteGroupMembers mutes up to 60 members for durationMS milliseconds, -1 for ever (G-MUTE-01,
// G-MUTE-02, G-MUTE-05, O-06). The owner is 403; users who are not members, registered or not,
// are named together in one 400 "users [X, Y] are not members of this group!" (observed; the
// documents give 400 for a missing user and 403 for a non-member). Muting a muted user again
// sets the new expiry.
func (s *Store) MuteGroupMembers(ctx context.Context, app AppKey, groupID string, usernames []string, durationMS int64) ([]MuteResult, error) {
	defer s.lockApp(app)()
	g, names, err := s.groupBatch(app, groupID, usernames)
	if err != nil {
		return nil, err
	}
	expire, err := muteExpire(s.nowMSAt(ctx), durationMS)
	if err != nil {
		return nil, err
	}
	ro := g.roster()
	if err := ro.checkMutable(names); err != nil {
		return nil, err
	}
	return ro.mute(names, expire), nil
}

// UnmuteGroupMembers unmutes up to 60 users (G-MUTE-03). A missing user is 400; a user who is
// not muted (or whose mute expired) is reported with result false.
func (s *Store) UnmuteGroupMembers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]UnmuteResult, error) {
	defer s.lockApp(app)()
	g, names, err := s.groupBatch(app, groupID, usernames)
	if err != nil {
		return nil, err
	}
	return g.roster().unmute(s.appFor(app), names, s.nowMS())
}
