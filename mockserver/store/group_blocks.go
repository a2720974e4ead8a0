package store

import "context"

// Block-list actions as the answers name them.
const (
	ActionAddBlocks    = "add_blocks"
	ActionRemoveBlocks = "remove_blocks"
)

// BlockResult is data of the single block/unblock calls and one element of the batch answers
// (G-BLK-02/05/06/07). Reason is set only when Result is false.
type BlockResult struct {
	Result  bool   `json:"result"`
	Action  string `json:"action"`
	Reason  string `json:"reason,omitempty"`
	User    string `json:"user"`
	GroupID string `json:"groupid"`
}

// GroupBlocks lists blocked users, oldest first (G-BLK-01).
func (s *Store) GroupBlocks(ctx context.Context, app AppKey, groupID string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.appView(app).Groups[groupID]
	if !ok {
		return nil, groupNotFound(groupID)
	}
	return orderedKeys(g.Blocks), nil
}

// BlockGroupUser blocks one member, who leaves the group (G-BLK-02..04): the owner is 403
// "forbidden operation on group owner!"; a user who is not a member, existing or not, is 403
// "users [X] are not members of this group!" (002's reading of G-BLK-04).
func (s *Store) BlockGroupUser(ctx context.Context, app AppKey, groupID, username string) (BlockResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.group(app, groupID)
	if err != nil {
		return BlockResult{}, err
	}
	name := canon(username)
	if name == g.Owner {
		return BlockResult{}, ownerForbidden()
	}
	if !g.isMember(name) {
		return BlockResult{}, notMembers([]string{name})
	}
	g.block(name, s.appFor(app).next())
	return BlockResult{Result: true, Action: ActionAddBlocks, User: name, GroupID: g.ID}, nil
}

// BlockGroupUsers blocks up to 60 members and reports each (G-BLK-05). Naming the owner fails
// the whole call with 403; a missing user or a non-member is reported with result false.
func (s *Store) BlockGroupUsers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]BlockResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := checkBatch("usernames", usernames, MaxBatchUsers); err != nil {
		return nil, err
	}
	g, err := s.group(app, groupID)
	if err != nil {
		return nil, err
	}
	names := dedupe(usernames)
	if contains(names, g.Owner) {
		return nil, ownerForbidden()
	}
	a := s.appFor(app)
	out := make([]BlockResult, 0, len(names))
	for _, n := range names {
		r := BlockResult{Action: ActionAddBlocks, User: n, GroupID: g.ID}
		switch {
		case !a.userExists(n):
			r.Reason = blockUserMissingReason(n)
		case !g.isMember(n):
			r.Reason = notInGroupReason(n, g.ID)
		default:
			g.block(n, a.next())
			r.Result = true
		}
		out = append(out, r)
	}
	return out, nil
}

// UnblockGroupUser unblocks one user (G-BLK-06): a missing user is 404 (002), a user who is not
// blocked 403.
func (s *Store) UnblockGroupUser(ctx context.Context, app AppKey, groupID, username string) (BlockResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.group(app, groupID)
	if err != nil {
		return BlockResult{}, err
	}
	name := canon(username)
	if !s.appFor(app).userExists(name) {
		return BlockResult{}, userNotFound(name)
	}
	if _, ok := g.Blocks[name]; !ok {
		return BlockResult{}, notBlocked(name, g.ID)
	}
	delete(g.Blocks, name)
	return BlockResult{Result: true, Action: ActionRemoveBlocks, User: name, GroupID: g.ID}, nil
}

// UnblockGroupUsers unblocks up to 60 users and reports each (G-BLK-07). Any user that does not
// exist fails the whole call with 404 (002); one not blocked is reported with result false.
func (s *Store) UnblockGroupUsers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]BlockResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := checkBatch("usernames", usernames, MaxBatchUsers); err != nil {
		return nil, err
	}
	g, err := s.group(app, groupID)
	if err != nil {
		return nil, err
	}
	a := s.appFor(app)
	names := dedupe(usernames)
	for _, n := range names {
		if !a.userExists(n) {
			return nil, userNotFound(n)
		}
	}
	out := make([]BlockResult, 0, len(names))
	for _, n := range names {
		r := BlockResult{Action: ActionRemoveBlocks, User: n, GroupID: g.ID}
		if _, ok := g.Blocks[n]; ok {
			delete(g.Blocks, n)
			r.Result = true
		} else {
			r.Reason = notBlocked(n, g.ID).Message
		}
		out = append(out, r)
	}
	return out, nil
}

// block kicks a member out and puts them on the block list: out of members, admins and mutes
// (G-BLK-02).
func (g *groupState) block(u string, seq int64) {
	g.removeMember(u)
	g.Blocks[u] = seq
}

func notBlocked(u, id string) *Error {
	return Errorf(EFORBIDDEN, "user %s is not on the block list of %s", u, id)
}
