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
	return readOne(s, app, groupID, s.group, func(g *groupState) []string { return orderedKeys(g.Blocks) })
}

// BlockGroupUser blocks one member, who leaves the group (G-BLK-02..04): the owner is 403
// "forbidden operation on group owner!"; a user who is not a member, existing or not, is 403
// "users [X] are not members of this group!" (002's reading of G-BLK-04).
func (s *Store) BlockGroupUser(ctx context.Context, app AppKey, groupID, username string) (BlockResult, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return BlockResult{}, err
	}
	name := canon(username)
	if err := g.roster().blockOne(s.appFor(app), name, notMemberOfGroup); err != nil {
		return BlockResult{}, err
	}
	return BlockResult{Result: true, Action: ActionAddBlocks, User: name, GroupID: g.ID}, nil
}

// BlockGroupUsers blocks up to 60 members and reports each (G-BLK-05). Naming the owner fails
// the whole call with 403; a missing user (000's reason) or a non-member is reported with result
// false.
func (s *Store) BlockGroupUsers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]BlockResult, error) {
	defer s.lockApp(app)()
	g, names, err := s.groupBatch(app, groupID, usernames)
	if err != nil {
		return nil, err
	}
	ro := g.roster()
	if err := ro.refuseOwner(names); err != nil {
		return nil, err
	}
	a := s.appFor(app)
	block := ro.blockStep(a)
	return eachUser(names, func(n string) string {
		if !a.userExists(n) {
			return blockUserMissingReason(n) // groups only (G-BLK-05)
		}
		return block(n)
	}, blockAnswer(ActionAddBlocks, g.ID)), nil
}

// UnblockGroupUser unblocks one user (G-BLK-06): a missing user is 404 (002), a user who is not
// blocked 403.
func (s *Store) UnblockGroupUser(ctx context.Context, app AppKey, groupID, username string) (BlockResult, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return BlockResult{}, err
	}
	name := canon(username)
	if err := g.roster().unblock(s.appFor(app), name); err != nil {
		return BlockResult{}, err
	}
	return BlockResult{Result: true, Action: ActionRemoveBlocks, User: name, GroupID: g.ID}, nil
}

// UnblockGroupUsers unblocks up to 60 users and reports each (G-BLK-07). Any user that does not
// exist fails the whole call with 404 (002), which the chatroom call does not do; one not blocked
// is reported with result false.
func (s *Store) UnblockGroupUsers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]BlockResult, error) {
	defer s.lockApp(app)()
	g, names, err := s.groupBatch(app, groupID, usernames)
	if err != nil {
		return nil, err
	}
	a := s.appFor(app)
	for _, n := range names {
		if !a.userExists(n) {
			return nil, userNotFound(n)
		}
	}
	return eachUser(names, g.roster().unblockStep, blockAnswer(ActionRemoveBlocks, g.ID)), nil
}

// blockAnswer builds the elements of the group block answers: result true when there is no
// reason.
func blockAnswer(action, groupID string) func(u, reason string) BlockResult {
	return func(u, reason string) BlockResult {
		return BlockResult{Result: reason == "", Action: action, Reason: reason, User: u, GroupID: groupID}
	}
}

// notMemberOfGroup is the 403 of blocking one user who is not a member of the group, existing
// or not: "users [X] are not members of this group!" (002's reading of G-BLK-04).
func notMemberOfGroup(u string) *Error { return notMembers([]string{u}) }

func notBlocked(u, id string) *Error {
	return Errorf(EFORBIDDEN, "user %s is not on the block list of %s", u, id)
}
