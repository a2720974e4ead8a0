package store

import (
	"context"
	"maps"
	"slices"
	"strings"
)

// Custom attributes of group members (G-MATTR, today's pages group_member_attribute_*.md): each
// member has key/value pairs in each group. A key is at most 16 bytes, a value at most 512, one
// member's pairs at most 4 KB in all (G-MATTR-02); setting a key to "" deletes it (G-MATTR-03).
// Removing a member drops theirs, and deleting the group drops all (G-MATTR-12). These calls
// answer their own envelope and name their 400s metadata_error (the HTTP layer's table). The
// feature is per app and on by default; off, every call answers 403 "chatgroup user metadata
// service not allow" before anything else is checked (G-MATTR-11), as the thread switch does.

// Limits of member attributes (G-MATTR-02, G-MATTR-06, G-MATTR-09).
const (
	MaxMemberAttrKeyBytes   = 16
	MaxMemberAttrValueBytes = 512
	MaxMemberAttrsBytes     = 4096
	MaxMemberAttrTargets    = 10
	MaxMemberAttrBatchUsers = 20
)

// The pages' words (G-MATTR-02, -04, -06, -11).
const (
	msgMattrKeyTooLong    = "exceeds chatgroup user metadata single key limit"
	msgMattrValueTooLong  = "exceeds chatgroup user metadata single value limit"
	msgMattrTotalTooLarge = "exceeds chatgroup user metadata total size limit" // ours: the page gives none
	msgMattrTargets       = "query param reaches limit."
	msgMattrBatchUsers    = "exceeds chatgroup metadata batch put users limit"
	msgMattrGroupMissing  = "group not exists"
	msgMattrUserNotIn     = "user not in group"
	msgMattrNotAllowed    = "chatgroup user metadata service not allow"
)

// MemberAttrUpdate is one item of the batch set's body (G-MATTR-09).
type MemberAttrUpdate struct {
	Username string            `json:"username"`
	Metadata map[string]string `json:"metadata"`
}

// MemberAttrBatchResult is data of the batch set (G-MATTR-10).
type MemberAttrBatchResult struct {
	Succeeded []MemberAttrUpdate `json:"updateMetadataSucceeded"`
	Failed    []MemberAttrUpdate `json:"updateMetadataFailed"`
}

// SetMemberAttributesEnabled switches the member-attribute feature of an app (G-MATTR-11).
func (s *Store) SetMemberAttributesEnabled(ctx context.Context, app AppKey, on bool) {
	defer s.lockApp(app)()
	s.appFor(app).MemberAttrsOff = !on
}

// memberAttrsOpen refuses every attribute call of an app whose feature is off (lock held):
// 403 metadata_error "chatgroup user metadata service not allow" (G-MATTR-11).
func (s *Store) memberAttrsOpen(app AppKey) error {
	if a := s.lookupApp(app); a != nil && a.MemberAttrsOff {
		return Errorf(EMETADATAFORBIDDEN, msgMattrNotAllowed)
	}
	return nil
}

// memberAttrGroup opens an attribute call (lock held): 403 when the feature is off, then the
// group, 404 metadata_error when missing.
func (s *Store) memberAttrGroup(app AppKey, groupID string) (*groupState, error) {
	if err := s.memberAttrsOpen(app); err != nil {
		return nil, err
	}
	g, err := s.group(app, groupID)
	if err != nil {
		return nil, Errorf(EMETADATAMISSING, msgMattrGroupMissing)
	}
	return g, nil
}

// SetMemberAttributes sets one member's pairs (G-MATTR-01..03, -05) and returns the pairs set.
func (s *Store) SetMemberAttributes(ctx context.Context, app AppKey, groupID, username string, pairs map[string]string) (map[string]string, error) {
	defer s.lockApp(app)()
	g, err := s.memberAttrGroup(app, groupID)
	if err != nil {
		return nil, err
	}
	u := canon(username)
	if !g.inGroup(u) {
		return nil, Errorf(EMETADATANOTIN, msgMattrUserNotIn)
	}
	if len(pairs) == 0 {
		return nil, Errorf(EMETADATA, "metaData: required, at least one key")
	}
	next, err := mergeAttrs(g.MemberAttrs[u], pairs)
	if err != nil {
		return nil, err
	}
	g.setAttrs(u, next)
	return pairs, nil
}

// MemberAttributes returns all of one member's pairs ({} when none, G-MATTR-04).
func (s *Store) MemberAttributes(ctx context.Context, app AppKey, groupID, username string) (map[string]string, error) {
	defer s.rlockApp(app)()
	g, err := s.memberAttrGroup(app, groupID)
	if err != nil {
		return nil, err
	}
	u := canon(username)
	if !g.inGroup(u) {
		return nil, Errorf(EMETADATANOTIN, msgMattrUserNotIn)
	}
	out := map[string]string{}
	for k, v := range g.MemberAttrs[u] {
		out[k] = v
	}
	return out, nil
}

// MemberAttributesOf returns the chosen keys (all when keys is empty) of up to 10 users;
// non-members and keys a member lacks are left out (G-MATTR-06, G-MATTR-07).
func (s *Store) MemberAttributesOf(ctx context.Context, app AppKey, groupID string, targets, keys []string) (map[string]map[string]string, error) {
	defer s.rlockApp(app)()
	if err := s.memberAttrsOpen(app); err != nil {
		return nil, err
	}
	if len(targets) > MaxMemberAttrTargets {
		return nil, Errorf(EMETADATA, msgMattrTargets)
	}
	g, err := s.memberAttrGroup(app, groupID)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, t := range dedupe(targets) {
		if !g.inGroup(t) {
			continue
		}
		pairs := map[string]string{}
		for k, v := range g.MemberAttrs[t] {
			if len(keys) == 0 || slices.Contains(keys, k) {
				pairs[k] = v
			}
		}
		out[t] = pairs
	}
	return out, nil
}

// SetMemberAttributesBatch sets pairs of up to 20 members, all or none: every user must be a
// member (G-MATTR-09..11). The same user twice: later keys add to or replace earlier ones.
func (s *Store) SetMemberAttributesBatch(ctx context.Context, app AppKey, groupID string, items []MemberAttrUpdate) (MemberAttrBatchResult, error) {
	defer s.lockApp(app)()
	if err := s.memberAttrsOpen(app); err != nil {
		return MemberAttrBatchResult{}, err
	}
	if len(items) > MaxMemberAttrBatchUsers {
		return MemberAttrBatchResult{}, Errorf(EMETADATA, msgMattrBatchUsers)
	}
	g, err := s.memberAttrGroup(app, groupID)
	if err != nil {
		return MemberAttrBatchResult{}, err
	}
	var outsiders []string
	for _, it := range items {
		u := canon(it.Username)
		if u == "" {
			return MemberAttrBatchResult{}, Errorf(EMETADATA, "username: must not be empty")
		}
		if !g.inGroup(u) && !slices.Contains(outsiders, u) {
			outsiders = append(outsiders, u)
		}
	}
	if len(outsiders) > 0 {
		return MemberAttrBatchResult{}, Errorf(EMETADATA, "Some users are not in the group: %s", strings.Join(outsiders, ","))
	}
	next := map[string]map[string]string{}
	var order []string
	for _, it := range items {
		u := canon(it.Username)
		cur, seen := next[u]
		if !seen {
			cur = g.MemberAttrs[u]
			order = append(order, u)
		}
		merged, err := mergeAttrs(cur, it.Metadata)
		if err != nil {
			return MemberAttrBatchResult{}, err
		}
		next[u] = merged
	}
	res := MemberAttrBatchResult{Succeeded: []MemberAttrUpdate{}, Failed: []MemberAttrUpdate{}}
	for _, u := range order {
		g.setAttrs(u, next[u])
		res.Succeeded = append(res.Succeeded, MemberAttrUpdate{Username: u, Metadata: next[u]})
	}
	return res, nil
}

// mergeAttrs applies pairs to cur ("" deletes a key) and checks the limits; cur is not changed.
func mergeAttrs(cur, pairs map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(cur)+len(pairs))
	maps.Copy(out, cur)
	for _, k := range slices.Sorted(maps.Keys(pairs)) {
		v := pairs[k]
		switch {
		case k == "":
			return nil, Errorf(EMETADATA, "metadata key must not be empty")
		case len(k) > MaxMemberAttrKeyBytes:
			return nil, Errorf(EMETADATA, msgMattrKeyTooLong)
		case len(v) > MaxMemberAttrValueBytes:
			return nil, Errorf(EMETADATA, msgMattrValueTooLong)
		case v == "":
			delete(out, k)
		default:
			out[k] = v
		}
	}
	total := 0
	for k, v := range out {
		total += len(k) + len(v)
	}
	if total > MaxMemberAttrsBytes {
		return nil, Errorf(EMETADATA, msgMattrTotalTooLarge)
	}
	return out, nil
}

// setAttrs stores a member's pairs, dropping the entry when none is left (lock held).
func (g *groupState) setAttrs(u string, pairs map[string]string) {
	if len(pairs) == 0 {
		delete(g.MemberAttrs, u)
		return
	}
	if g.MemberAttrs == nil {
		g.MemberAttrs = map[string]map[string]string{}
	}
	g.MemberAttrs[u] = pairs
}
