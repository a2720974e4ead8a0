package store

import (
	"context"
	"slices"
)

// The group allow list (G-WHITE, today's pages group_allowlist_*.md). Only members can be on it
// (G-WHITE-04); the owner and admins are on it by default (G-WHITE-02), so the list shows them
// first; leaving, being removed or blocked takes a member off it (removeMember, G-WHITE-09).

// Allow-list limits: at most 100 users per batch add (G-WHITE-05), 60 per removal (G-WHITE-07).
const (
	MaxGroupAllowAdd    = 100
	MaxGroupAllowRemove = 60
)

// AllowListResult is one user's outcome of an allow-list add or removal.
type AllowListResult struct {
	Result  bool   `json:"result"`
	Action  string `json:"action"` // add_user_whitelist or remove_user_whitelist
	User    string `json:"user"`
	GroupID string `json:"groupid"`
	Reason  string `json:"reason,omitempty"`
}

// allowListed: explicitly listed, or the owner or an admin (lock held).
func (g *groupState) allowListed(u string) bool {
	if u == g.Owner {
		return true
	}
	_, admin := g.Admins[u]
	_, listed := g.Allow[u]
	return admin || listed
}

// GroupAllowList lists the allow-listed users: the owner, the admins, then the others in the
// order they were added (G-WHITE-01, G-WHITE-02).
func (s *Store) GroupAllowList(ctx context.Context, app AppKey, groupID string) ([]string, error) {
	return readOne(s, app, groupID, s.group, func(g *groupState) []string {
		out := append([]string{g.Owner}, orderedKeys(g.Admins)...)
		for _, u := range orderedKeys(g.Allow) {
			if !slices.Contains(out, u) {
				out = append(out, u)
			}
		}
		return out
	})
}

// AddGroupAllowListUser adds one member (G-WHITE-03); a non-member gives 403 (G-WHITE-04).
func (s *Store) AddGroupAllowListUser(ctx context.Context, app AppKey, groupID, username string) (AllowListResult, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return AllowListResult{}, err
	}
	u := canon(username)
	if !g.inGroup(u) {
		return AllowListResult{}, notMembers([]string{u})
	}
	g.allow(a, u)
	return AllowListResult{Result: true, Action: "add_user_whitelist", User: u, GroupID: g.ID}, nil
}

// AddGroupAllowListUsers adds up to 100 users (G-WHITE-05): 403 when none is a member; else each
// non-member gets result false and a reason (G-WHITE-06, inferred).
func (s *Store) AddGroupAllowListUsers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]AllowListResult, error) {
	defer s.lockApp(app)()
	if len(usernames) == 0 {
		return nil, tooFew("usernames", 1, 0)
	}
	if len(usernames) > MaxGroupAllowAdd {
		return nil, Errorf(EINVALID, "%s", MsgAllowListAddTooMany(MaxGroupAllowAdd))
	}
	a := s.appFor(app)
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return nil, err
	}
	names := dedupe(usernames)
	outsiders := g.outsiders(names)
	if len(outsiders) == len(names) {
		return nil, notMembers(outsiders)
	}
	out := make([]AllowListResult, 0, len(names))
	for _, u := range names {
		r := AllowListResult{Action: "add_user_whitelist", User: u, GroupID: g.ID}
		if slices.Contains(outsiders, u) {
			r.Reason = notInGroupReason(u, g.ID)
		} else {
			g.allow(a, u)
			r.Result = true
		}
		out = append(out, r)
	}
	return out, nil
}

// RemoveGroupAllowListUsers removes up to 60 users (G-WHITE-07): a user not in the group gives
// 403; a member who is not on the list, or is on it only as owner or admin, gets result false
// (G-WHITE-09, inferred).
func (s *Store) RemoveGroupAllowListUsers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]AllowListResult, error) {
	defer s.lockApp(app)()
	if len(usernames) == 0 {
		return nil, tooFew("username", 1, 0)
	}
	if len(usernames) > MaxGroupAllowRemove {
		return nil, Errorf(EINVALID, "%s", MsgAllowListRemoveTooMany(MaxGroupAllowRemove))
	}
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return nil, err
	}
	names := dedupe(usernames)
	outsiders := g.outsiders(names)
	if len(outsiders) > 0 {
		return nil, notMembers(outsiders)
	}
	out := make([]AllowListResult, 0, len(names))
	for _, u := range names {
		_, listed := g.Allow[u]
		delete(g.Allow, u)
		out = append(out, AllowListResult{Result: listed, Action: "remove_user_whitelist", User: u, GroupID: g.ID})
	}
	return out, nil
}

// outsiders are the names that are neither the owner nor a member, in the order given (lock held).
func (g *groupState) outsiders(names []string) []string {
	var out []string
	for _, u := range names {
		if !g.inGroup(u) {
			out = append(out, u)
		}
	}
	return out
}

// allow puts a member on the list, keeping the first entry's place (lock held).
func (g *groupState) allow(a *appState, u string) {
	if _, ok := g.Allow[u]; !ok {
		g.Allow[u] = a.next()
	}
}
