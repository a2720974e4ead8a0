package store

import (
	"context"
	"slices"
	"strings"
)

// Member and admin limits.
const (
	MaxBatchUsers      = 60   // G-MEM-05, G-BLK-05, mutes, R-MEM-04, R-BLK-04/05, R-WHITE-03/04, R-MUTE-02/03
	MaxPageSize        = 1000 // G-MEM-01, G-FILE-01, R-MEM-01, R-ROOM-02
	MaxAdmins          = 99   // G-ADM-04, R-ADM-02
	ActionAddMember    = "add_member"
	ActionRemoveMember = "remove_member"
)

// MemberAdded is data of POST /chatgroups/{id}/users/{username} (G-MEM-02).
type MemberAdded struct {
	Result  bool   `json:"result"`
	GroupID string `json:"groupid"`
	Action  string `json:"action"`
	User    string `json:"user"`
}

// MembersAdded is data of POST /chatgroups/{id}/users (G-MEM-05).
type MembersAdded struct {
	NewMembers []string `json:"newmembers"`
	GroupID    string   `json:"groupid"`
	Action     string   `json:"action"`
}

// MemberRemoved is data of DELETE /chatgroups/{id}/users/{username}, and one element of the
// batch answer (G-MEM-08/09). Reason is set only when Result is false.
type MemberRemoved struct {
	Result  bool   `json:"result"`
	Action  string `json:"action"`
	Reason  string `json:"reason,omitempty"`
	User    string `json:"user"`
	GroupID string `json:"groupid"`
}

// AdminAdded is data of POST .../admin (G-ADM-02, R-ADM-02); Result is the string "success".
type AdminAdded struct {
	Result   string `json:"result"`
	NewAdmin string `json:"newadmin"`
}

// AdminRemoved is data of DELETE .../admin/{oldadmin} (G-ADM-03, R-ADM-03).
type AdminRemoved struct {
	Result   string `json:"result"`
	OldAdmin string `json:"oldadmin"`
}

// GroupMembers pages the owner and members, owner first (G-MEM-01). pagenum counts from 1;
// pagesize 0 returns everyone. A missing group is ESVCNOTFOUND (C-08).
func (s *Store) GroupMembers(ctx context.Context, app AppKey, groupID string, pagenum, pagesize int) ([]Affiliation, error) {
	defer s.rlockApp(app)()
	if err := checkPaging(pagenum, pagesize, MaxPageSize); err != nil {
		return nil, err
	}
	g, ok := s.appView(app).Groups[groupID]
	if !ok {
		return nil, groupNotFoundDetails(groupID)
	}
	return g.roster().affiliationsPage(pagenum, pagesize), nil
}

// AddGroupMember adds one user (G-MEM-02..04, G-MEM-11, G-BLK-08, G-GRP-14).
func (s *Store) AddGroupMember(ctx context.Context, app AppKey, groupID, username string) (MemberAdded, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return MemberAdded{}, err
	}
	a := s.appFor(app)
	name := canon(username)
	if !a.userExists(name) {
		return MemberAdded{}, userNotFound(name) // 002's reading of G-MEM-04
	}
	if _, blocked := g.Blocks[name]; blocked {
		return MemberAdded{}, blockedFromGroup(name, g.ID)
	}
	if g.inGroup(name) {
		return MemberAdded{}, alreadyMember(name, g.ID)
	}
	if g.affiliationsCount()+1 > g.MaxUsers {
		return MemberAdded{}, groupFull(g.ID, g.MaxUsers)
	}
	if err := a.checkGroupQuota(name); err != nil {
		return MemberAdded{}, err
	}
	g.join(a, name, s.nowMS())
	return MemberAdded{Result: true, GroupID: g.ID, Action: ActionAddMember, User: name}, nil
}

// AddGroupMembers adds up to 60 users at once (G-MEM-05..07). It fails as a whole when any user
// does not exist (404), names the owner (404, 000), is blocked (403), would go over maxusers or
// over 500 groups (403), or when every one is already a member (403); otherwise the members
// already in are skipped and only the new ones are listed.
func (s *Store) AddGroupMembers(ctx context.Context, app AppKey, groupID string, usernames []string) (MembersAdded, error) {
	defer s.lockApp(app)()
	g, names, err := s.groupBatch(app, groupID, usernames)
	if err != nil {
		return MembersAdded{}, err
	}
	a := s.appFor(app)
	for _, n := range names {
		if !a.userExists(n) {
			return MembersAdded{}, userNotFound(n)
		}
	}
	if slices.Contains(names, g.Owner) {
		return MembersAdded{}, Errorf(ENOTFOUND, "user %s is the owner of group %s and can not be added as a member", g.Owner, g.ID)
	}
	var fresh []string
	for _, n := range names {
		if _, blocked := g.Blocks[n]; blocked {
			return MembersAdded{}, blockedFromGroup(n, g.ID)
		}
		if !g.isMember(n) {
			fresh = append(fresh, n)
		}
	}
	if len(fresh) == 0 {
		return MembersAdded{}, Errorf(EFORBIDDEN, "users [%s] are already members of group %s", strings.Join(names, ", "), g.ID)
	}
	if g.affiliationsCount()+len(fresh) > g.MaxUsers {
		return MembersAdded{}, Errorf(EFORBIDDEN, "group %s can not take %d more members: it has %d of maxusers %d", g.ID, len(fresh), g.affiliationsCount(), g.MaxUsers)
	}
	for _, n := range fresh {
		if err := a.checkGroupQuota(n); err != nil {
			return MembersAdded{}, err
		}
	}
	now := s.nowMS()
	for _, n := range fresh {
		g.join(a, n, now)
	}
	return MembersAdded{NewMembers: fresh, GroupID: g.ID, Action: ActionAddMember}, nil
}

// RemoveGroupMember removes one member (G-MEM-08, G-MEM-10): a missing user is 404, the owner
// and a non-member are 403.
func (s *Store) RemoveGroupMember(ctx context.Context, app AppKey, groupID, username string) (MemberRemoved, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return MemberRemoved{}, err
	}
	name := canon(username)
	if !s.appFor(app).userExists(name) {
		return MemberRemoved{}, userNotFound(name)
	}
	if name == g.Owner {
		return MemberRemoved{}, ownerForbidden()
	}
	if !g.isMember(name) {
		return MemberRemoved{}, notMembers([]string{name})
	}
	g.removeMember(name)
	return MemberRemoved{Result: true, Action: ActionRemoveMember, User: name, GroupID: g.ID}, nil
}

// RemoveGroupMembers removes several members and reports each (G-MEM-09). If none of them is a
// member the call fails with 403; otherwise a missing user, the owner and a non-member are each
// reported with result false and a reason of their own.
func (s *Store) RemoveGroupMembers(ctx context.Context, app AppKey, groupID string, usernames []string) ([]MemberRemoved, error) {
	defer s.lockApp(app)()
	g, names, err := s.groupBatch(app, groupID, usernames)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(names, g.isMember) {
		return nil, notMembers(names)
	}
	a, ro := s.appFor(app), g.roster()
	return eachUser(names, func(n string) string {
		if !a.userExists(n) {
			return batchUserMissingReason(n) // groups only (G-MEM-09)
		}
		return ro.removeStep(n)
	}, func(n, reason string) MemberRemoved {
		return MemberRemoved{Result: reason == "", Action: ActionRemoveMember, Reason: reason, User: n, GroupID: g.ID}
	}), nil
}

// GroupAdmins lists the admins, oldest first (G-ADM-01).
func (s *Store) GroupAdmins(ctx context.Context, app AppKey, groupID string) ([]string, error) {
	return readOne(s, app, groupID, s.group, func(g *groupState) []string { return orderedKeys(g.Admins) })
}

// AddGroupAdmin promotes a member (G-ADM-02, G-ADM-04, O-04): a user who is not in the group,
// registered or not, is 404 "user: X doesn't exist in group: G" (observed; the documents say
// 400 for a missing user); the owner, an admin already, or a 100th admin are 403.
func (s *Store) AddGroupAdmin(ctx context.Context, app AppKey, groupID, username string) (AdminAdded, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return AdminAdded{}, err
	}
	u := canon(username)
	if !g.inGroup(u) {
		return AdminAdded{}, notInGroupMissing(u, g.ID)
	}
	return g.roster().addAdmin(s.appFor(app), u)
}

// RemoveGroupAdmin demotes an admin to member (G-ADM-03, O-05): a missing user is 400, a user
// who is not an admin 403 "user:X is not admin of group:G" (observed).
func (s *Store) RemoveGroupAdmin(ctx context.Context, app AppKey, groupID, username string) (AdminRemoved, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return AdminRemoved{}, err
	}
	a, u := s.appFor(app), canon(username)
	if _, admin := g.Admins[u]; a.userExists(u) && !admin {
		return AdminRemoved{}, notGroupAdmin(u, g.ID)
	}
	return g.roster().removeAdmin(a, u)
}

// removeMember takes a user out of the group with everything that hangs on membership.
func (g *groupState) removeMember(u string) {
	g.Members.remove(u)
	delete(g.Joined, u)
	delete(g.Admins, u)
	delete(g.Mutes, u)
	delete(g.Allow, u)       // G-WHITE-09
	delete(g.MemberAttrs, u) // G-MATTR-12
	for _, t := range g.Threads {
		delete(t.Members, u) // G-THR-17
	}
}

func alreadyMember(u, groupID string) *Error {
	return Errorf(EFORBIDDEN, "user %s is already a member of group %s", u, groupID)
}

func blockedFromGroup(u, groupID string) *Error {
	return Errorf(EFORBIDDEN, "user %s is blocked in group %s: unblock the user first", u, groupID)
}

func groupFull(groupID string, maxUsers int) *Error {
	return Errorf(EFORBIDDEN, "group %s is full: it has maxusers %d members", groupID, maxUsers)
}

func tooManyAdmins(id string) *Error {
	return Errorf(EFORBIDDEN, "%s already has %d admins, the most allowed", id, MaxAdmins)
}

// checkPaging validates pagenum (0 = default 1) and pagesize (0 = default) against max.
func checkPaging(pagenum, pagesize, max int) error {
	if pagenum < 0 {
		return Errorf(EINVALID, "pagenum: must be 1 or more, got %d", pagenum)
	}
	if pagesize < 0 || pagesize > max {
		return Errorf(EINVALID, "pagesize: must be between 1 and %d, got %d", max, pagesize)
	}
	return nil
}
