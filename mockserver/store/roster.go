package store

import "slices"

// roster is what a group and a chatroom share: an owner, the members, and the admin, block and
// mute lists that hang on membership. A rule that reads the same for both is written once here;
// where the documents word the answer differently, the wording comes from kind.
//
// A roster is a view, not stored state: its maps are the group's or room's own, so writes
// through it land there, and the stored types (and so the snapshot format) stay as they are.
type roster struct {
	kind                  *rosterKind
	id, owner             string
	members               *memberSet
	admins, blocks, mutes map[string]int64
	// leave takes a member out with everything that hangs on membership, which is more for a
	// group (member attributes, join time, threads: removeMember) than for a chatroom (the
	// attributes the member set with autoDelete DELETE: leave, R-MEM-07).
	leave func(u string)
}

// rosterKind is the wording that differs between a group's and a chatroom's answer to the same
// rule.
type rosterKind struct {
	noun           string                    // "group" or "chatroom", in the messages that are ours
	ownerForbidden func() *Error             // acting on the owner
	notIn          func(u, id string) *Error // acting on a user who is not a member
}

var (
	groupKind = &rosterKind{noun: "group", ownerForbidden: ownerForbidden, notIn: notInGroup}
	roomKind  = &rosterKind{noun: "chatroom", ownerForbidden: chatroomOwnerForbidden, notIn: notInChatroom}
)

func (g *groupState) roster() roster {
	return roster{kind: groupKind, id: g.ID, owner: g.Owner, members: &g.Members, admins: g.Admins, blocks: g.Blocks, mutes: g.Mutes, leave: g.removeMember}
}

func (r *roomState) roster() roster {
	return roster{kind: roomKind, id: r.ID, owner: r.Owner, members: &r.Members, admins: r.Admins, blocks: r.Blocks, mutes: r.Mutes, leave: r.leave}
}

func (ro roster) isMember(u string) bool { return ro.members.has(u) }

// affiliations lists the owner first, then members in the order they joined (G-MEM-01, R-MEM-01).
func (ro roster) affiliations() []Affiliation { return ro.affiliationsPage(1, 0) }

// affiliationsPage is page pagenum (from 1) of pagesize affiliations (0: all of them), the way
// page cuts affiliations(), at the cost of the page alone, whatever the number of members.
func (ro roster) affiliationsPage(pagenum, pagesize int) []Affiliation {
	total := ro.members.len() + 1
	from, n := 0, total
	if pagesize > 0 {
		if pagenum < 1 {
			pagenum = 1
		}
		// Compare page numbers, not offsets: (pagenum-1)*pagesize overflows for a huge pagenum.
		if pages := (total + pagesize - 1) / pagesize; pagenum > pages {
			return []Affiliation{}
		}
		from, n = (pagenum-1)*pagesize, min(pagesize, total-(pagenum-1)*pagesize)
	}
	out := make([]Affiliation, 0, n)
	if from == 0 {
		out = append(out, Affiliation{Owner: ro.owner})
		n--
	} else {
		from-- // the owner is affiliation 0
	}
	for _, m := range ro.members.names(from, n) {
		out = append(out, Affiliation{Member: m})
	}
	return out
}

// addAdmin promotes a member (G-ADM-02, G-ADM-04, R-ADM-02): a missing user is 400; the owner, a
// non-member, an admin already, or a 100th admin are 403.
func (ro roster) addAdmin(a *appState, name string) (AdminAdded, error) {
	if !a.userExists(name) {
		return AdminAdded{}, userNotFoundInvalid(name)
	}
	if name == ro.owner {
		return AdminAdded{}, ro.kind.ownerForbidden()
	}
	if !ro.isMember(name) {
		return AdminAdded{}, ro.kind.notIn(name, ro.id)
	}
	if _, ok := ro.admins[name]; ok {
		return AdminAdded{}, Errorf(EFORBIDDEN, "user %s is already an admin of %s %s", name, ro.kind.noun, ro.id)
	}
	if len(ro.admins) >= MaxAdmins {
		return AdminAdded{}, tooManyAdmins(ro.id)
	}
	ro.admins[name] = a.next()
	return AdminAdded{Result: "success", NewAdmin: name}, nil
}

// removeAdmin demotes an admin to member (G-ADM-03, R-ADM-03): a missing user is 400, a user who
// is not an admin 403.
func (ro roster) removeAdmin(a *appState, name string) (AdminRemoved, error) {
	if !a.userExists(name) {
		return AdminRemoved{}, userNotFoundInvalid(name)
	}
	if _, ok := ro.admins[name]; !ok {
		return AdminRemoved{}, Errorf(EFORBIDDEN, "user %s is not an admin of %s %s", name, ro.kind.noun, ro.id)
	}
	delete(ro.admins, name)
	return AdminRemoved{Result: "success", OldAdmin: name}, nil
}

// seedAdmins makes seeded admins of members (control API): each must be a member, and the
// seeded total may not pass MaxAdmins.
func (ro roster) seedAdmins(a *appState, names []string) error {
	for _, u := range dedupe(names) {
		if u == ro.owner {
			return Errorf(EINVALID, "admins: %s is the owner of the %s; admins are chosen among the members", u, ro.kind.noun)
		}
		if !ro.isMember(u) {
			return ro.kind.notIn(u, ro.id)
		}
		ro.admins[u] = a.next()
	}
	if len(ro.admins) > MaxAdmins {
		return tooManyAdmins(ro.id)
	}
	return nil
}

// removeStep is the per-user step of the batch removals (G-MEM-09, R-MEM-06): the owner is
// reported in kind's owner words, a non-member as "user: X doesn't exist in group: G", for a
// chatroom too (001's example). Whether a missing user has a reason of its own is the caller's
// rule (the group call's only).
func (ro roster) removeStep(u string) (reason string) {
	switch {
	case u == ro.owner:
		return ro.kind.ownerForbidden().Message
	case !ro.isMember(u):
		return notInGroupReason(u, ro.id)
	}
	ro.leave(u)
	return ""
}

// block puts a member out and on the block list (G-BLK-02, R-BLK-02, R-MEM-07).
func (ro roster) block(u string, seq int64) {
	ro.leave(u)
	ro.blocks[u] = seq
}

// blockOne blocks one user (G-BLK-02..04, R-BLK-02/03): the owner is 403 in kind's words; a
// user who is not a member gets notMember's refusal, which the group and chatroom pages word
// differently (G-BLK-04; R-BLK-02 and its today's reading).
func (ro roster) blockOne(a *appState, name string, notMember func(u string) *Error) error {
	if name == ro.owner {
		return ro.kind.ownerForbidden()
	}
	if !ro.isMember(name) {
		return notMember(name)
	}
	ro.block(name, a.next())
	return nil
}

// refuseOwner fails a batch block that names the owner, as a whole (G-BLK-05, R-BLK-04).
func (ro roster) refuseOwner(names []string) error {
	if slices.Contains(names, ro.owner) {
		return ro.kind.ownerForbidden()
	}
	return nil
}

// blockStep is the per-user step of the batch block calls (G-BLK-05, R-BLK-04): a user who is
// not a member is reported with kind's reason ("user: X doesn't exist in group: G", or in
// chatroom: R). Whether a missing user has a reason of its own is the caller's rule.
func (ro roster) blockStep(a *appState) func(u string) (reason string) {
	return func(u string) string {
		if !ro.isMember(u) {
			return ro.kind.notIn(u, ro.id).Message
		}
		ro.block(u, a.next())
		return ""
	}
}

// unblock takes one user off the block list (G-BLK-06, R-BLK-05): a missing user is 404 (002),
// one who is not blocked 403.
func (ro roster) unblock(a *appState, name string) error {
	if !a.userExists(name) {
		return userNotFound(name)
	}
	if _, ok := ro.blocks[name]; !ok {
		return notBlocked(name, ro.id)
	}
	delete(ro.blocks, name)
	return nil
}

// unblockStep is the per-user step of the batch unblock calls (G-BLK-07, R-BLK-05): a user who
// is not blocked is reported with result false. Whether users must exist is the caller's rule.
func (ro roster) unblockStep(u string) (reason string) {
	if _, ok := ro.blocks[u]; !ok {
		return notBlocked(u, ro.id).Message
	}
	delete(ro.blocks, u)
	return ""
}

// checkMutable says whether every user a mute call names may be muted (G-MUTE-05, R-MUTE-02,
// O-06): the owner is 403 in kind's words; users who are not members, registered or not, are
// named together in one 400 "users [X, Y] are not members of this group!", for a chatroom too
// (observed; the documents give 400 for a missing user and 403 for a non-member).
func (ro roster) checkMutable(names []string) error {
	var outsiders []string
	for _, n := range names {
		if n == ro.owner {
			return ro.kind.ownerForbidden()
		}
		if !ro.isMember(n) {
			outsiders = append(outsiders, n)
		}
	}
	if len(outsiders) > 0 {
		return notMembersInvalid(outsiders)
	}
	return nil
}

// mute sets the mute of each user, who checkMutable has let through, and answers for each
// (G-MUTE-01, R-MUTE-02). Muting a muted user again sets the new expiry.
func (ro roster) mute(names []string, expire int64) []MuteResult {
	out := make([]MuteResult, 0, len(names))
	for _, n := range names {
		ro.mutes[n] = expire
		out = append(out, MuteResult{Result: true, Expire: expire, User: n})
	}
	return out
}

// unmute lifts the mute of each user (G-MUTE-03, R-MUTE-03): any missing user fails the call
// (400); one who is not muted, or whose mute expired, is reported with result false.
func (ro roster) unmute(a *appState, names []string, nowMS int64) ([]UnmuteResult, error) {
	for _, n := range names {
		if !a.userExists(n) {
			return nil, userNotFoundInvalid(n)
		}
	}
	out := make([]UnmuteResult, 0, len(names))
	for _, n := range names {
		out = append(out, UnmuteResult{Result: isMuted(ro.mutes, n, nowMS), User: n})
		delete(ro.mutes, n)
	}
	return out, nil
}

// The limits on the roster's size, for groups and chatrooms alike; max differs by kind.

// initialMembers checks the members given at creation (G-GRP-06/07, R-ROOM-04, O-16, O-18): with
// the owner they fit maxUsers; the owner and every member exist (404). It returns them
// lowercased, without repeats and without the owner.
func (a *appState) initialMembers(owner string, members []string, maxUsers int) ([]string, error) {
	// An empty or null list is no members (O-18); the owner listed among the members stays
	// the owner only, counted once (O-16).
	members = slices.DeleteFunc(dedupe(members), func(m string) bool { return m == owner })
	if len(members)+1 > maxUsers {
		return nil, Errorf(EINVALID, "members: %d members and the owner exceed maxusers %d", len(members), maxUsers)
	}
	if !a.userExists(owner) {
		return nil, userNotFound(owner)
	}
	for _, m := range members {
		if !a.userExists(m) {
			return nil, userNotFound(m)
		}
	}
	return members, nil
}

// initialMaxUsers is maxusers at creation: the one given, def when none is (0), within 1..max
// (G-GRP-06, R-ROOM-04).
func initialMaxUsers(given FlexInt, def, max int) (int, error) {
	maxUsers := int(given)
	if maxUsers == 0 {
		maxUsers = def
	}
	return maxUsers, checkMaxUsers(maxUsers, max)
}

// checkMaxUsers bounds maxusers to 1..max (G-GRP-06, R-ROOM-04).
func checkMaxUsers(maxUsers, max int) error {
	if maxUsers < 1 || maxUsers > max {
		return Errorf(EINVALID, "maxusers: must be between 1 and %d, got %d", max, maxUsers)
	}
	return nil
}

// checkNewMaxUsers is checkMaxUsers for a modify call (G-GRP-10, R-ROOM-05), which may not go
// below count, the owner and members there are now.
func checkNewMaxUsers(maxUsers, max, count int) error {
	if err := checkMaxUsers(maxUsers, max); err != nil {
		return err
	}
	if maxUsers < count {
		return Errorf(EINVALID, "maxusers: must be at least the current member count %d, got %d", count, maxUsers)
	}
	return nil
}
