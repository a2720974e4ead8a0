package store

import (
	"context"
	"slices"
	"strings"
)

// MaxChatroomRemoveUsers is the batch limit of DELETE /chatrooms/{id}/users/{u1,u2} (R-MEM-06).
const MaxChatroomRemoveUsers = 100

// ChatroomMemberAdded is data of POST /chatrooms/{id}/users/{username} (R-MEM-02).
type ChatroomMemberAdded struct {
	Result bool   `json:"result"`
	Action string `json:"action"`
	ID     string `json:"id"`
	User   string `json:"user"`
}

// ChatroomMembersAdded is data of POST /chatrooms/{id}/users (R-MEM-04).
type ChatroomMembersAdded struct {
	NewMembers []string `json:"newmembers"`
	Action     string   `json:"action"`
	ID         string   `json:"id"`
}

// ChatroomMemberRemoved is data of the single removal and one element of the batch answer
// (R-MEM-05/06). Reason is set only when Result is false.
type ChatroomMemberRemoved struct {
	Result bool   `json:"result"`
	Action string `json:"action"`
	Reason string `json:"reason,omitempty"`
	User   string `json:"user"`
	ID     string `json:"id"`
}

// ChatroomMembers pages the owner and members, owner first (R-MEM-01): pagenum default 1,
// pagesize default 1000.
func (s *Store) ChatroomMembers(ctx context.Context, app AppKey, roomID string, pagenum, pagesize int) ([]Affiliation, error) {
	if err := checkPaging(pagenum, pagesize, MaxPageSize); err != nil {
		return nil, err
	}
	if pagesize == 0 {
		pagesize = MaxPageSize
	}
	defer s.rlockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return nil, s.roomMissingOnRead(roomID)
	}
	return r.roster().affiliationsPage(pagenum, pagesize), nil
}

// AddChatroomMember adds one user (R-MEM-02, R-MEM-03, R-BLK-05): a blocked user or a full room
// is 403. A missing user or one already in the room is 400 in 001's reading; today's page
// (R-MEM-02/03 (today)) answers 404 for a missing user and 200 for a member, who stays as is.
// A user who joins during mute-all is muted too under today's reading (R-BAN-01 (today)).
func (s *Store) AddChatroomMember(ctx context.Context, app AppKey, roomID, username string) (ChatroomMemberAdded, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return ChatroomMemberAdded{}, err
	}
	a := s.appFor(app)
	name := canon(username)
	if !a.userExists(name) {
		return ChatroomMemberAdded{}, byProfile(s, userNotFoundInvalid(name), userNotFound(name))
	}
	added := ChatroomMemberAdded{Result: true, Action: ActionAddMember, ID: r.ID, User: name}
	if r.inRoom(name) {
		if s.current() {
			return added, nil
		}
		return ChatroomMemberAdded{}, Errorf(EINVALID, "user %s is already in chatroom %s", name, r.ID)
	}
	if _, blocked := r.Blocks[name]; blocked {
		return ChatroomMemberAdded{}, blockedFromChatroom(name, r.ID)
	}
	if r.affiliationsCount()+1 > r.MaxUsers {
		return ChatroomMemberAdded{}, Errorf(EFORBIDDEN, "chatroom %s is full: it has maxusers %d members", r.ID, r.MaxUsers)
	}
	s.join(r, name, a.next())
	return added, nil
}

// AddChatroomMembers adds up to 60 users, 100 under today's reading (R-MEM-04). Any missing
// user fails the call (400; 404 today), as does a blocked one (403) or going over maxusers
// (403). In 001's reading users already in are left out of newmembers, and if that leaves
// nobody the call fails (400); today's page says they "count as added", so they are listed.
func (s *Store) AddChatroomMembers(ctx context.Context, app AppKey, roomID string, usernames []string) (ChatroomMembersAdded, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, addMembersLimit)
	if err != nil {
		return ChatroomMembersAdded{}, err
	}
	a := s.appFor(app)
	var fresh []string
	for _, n := range names {
		if !a.userExists(n) {
			return ChatroomMembersAdded{}, byProfile(s, userNotFoundInvalid(n), userNotFound(n))
		}
		if _, blocked := r.Blocks[n]; blocked {
			return ChatroomMembersAdded{}, blockedFromChatroom(n, r.ID)
		}
		if !r.inRoom(n) {
			fresh = append(fresh, n)
		}
	}
	if len(fresh) == 0 && !s.current() {
		return ChatroomMembersAdded{}, Errorf(EINVALID, "users [%s] are already in chatroom %s", strings.Join(names, ", "), r.ID)
	}
	if r.affiliationsCount()+len(fresh) > r.MaxUsers {
		return ChatroomMembersAdded{}, Errorf(EFORBIDDEN, "chatroom %s can not take %d more members: it has %d of maxusers %d", r.ID, len(fresh), r.affiliationsCount(), r.MaxUsers)
	}
	for _, n := range fresh {
		s.join(r, n, a.next())
	}
	return ChatroomMembersAdded{NewMembers: byProfile(s, fresh, names), Action: ActionAddMember, ID: r.ID}, nil
}

// join makes a user a member. Under today's reading a user who joins during mute-all is muted
// too, for good (R-BAN-01 (today)); 001 says nothing of it, and mute-all alone keeps them quiet.
func (s *Store) join(r *roomState, u string, seq int64) {
	r.Members.put(u, seq)
	if r.Ban && s.current() {
		r.Mutes[u] = PermanentMuteExpire
	}
}

// RemoveChatroomMember removes one member (R-MEM-05, R-MEM-07). A user not in the room (or
// missing) is ENOTINROOM (the catalogue infers 400 forbidden_op); the owner EFORBIDDEN (403, as
// for other forbidden operations on the owner). Today's page (R-MEM-05 (today)) answers a
// missing user 404 and words a non-member "users [X] are not members of this group!".
func (s *Store) RemoveChatroomMember(ctx context.Context, app AppKey, roomID, username string) (ChatroomMemberRemoved, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return ChatroomMemberRemoved{}, err
	}
	name := canon(username)
	if name == r.Owner {
		return ChatroomMemberRemoved{}, chatroomOwnerForbidden()
	}
	if !r.isMember(name) {
		if !s.current() {
			return ChatroomMemberRemoved{}, Errorf(ENOTINROOM, "%s", notInChatroomReason(name, r.ID))
		}
		if !s.appFor(app).userExists(name) {
			return ChatroomMemberRemoved{}, userNotFound(name)
		}
		return ChatroomMemberRemoved{}, Errorf(ENOTINROOM, "users [%s] are not members of this group!", name)
	}
	r.leave(name)
	return ChatroomMemberRemoved{Result: true, Action: ActionRemoveMember, User: name, ID: r.ID}, nil
}

// RemoveChatroomMembers removes up to 100 members, 60 under today's reading, and reports each (R-MEM-06); a failure has
// the reason "user: X doesn't exist in group: R" (001's example), the owner the chatroom owner
// wording. Unlike the group call, a missing user gets no reason of its own. If nobody is removed
// the call fails: ENOTINROOM, or EFORBIDDEN when the owner alone is named.
func (s *Store) RemoveChatroomMembers(ctx context.Context, app AppKey, roomID string, usernames []string) ([]ChatroomMemberRemoved, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, kickMembersLimit)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(names, r.isMember) {
		if slices.Contains(names, r.Owner) && len(names) == 1 {
			return nil, chatroomOwnerForbidden()
		}
		return nil, Errorf(ENOTINROOM, "users [%s] are not members of chatroom %s", strings.Join(names, ", "), r.ID)
	}
	return eachUser(names, r.roster().removeStep, func(n, reason string) ChatroomMemberRemoved {
		return ChatroomMemberRemoved{Result: reason == "", Action: ActionRemoveMember, Reason: reason, User: n, ID: r.ID}
	}), nil
}

// ChatroomAdmins lists the admins, oldest first (R-ADM-01).
func (s *Store) ChatroomAdmins(ctx context.Context, app AppKey, roomID string) ([]string, error) {
	return readOne(s, app, roomID, s.room, func(r *roomState) []string { return orderedKeys(r.Admins) })
}

// AddChatroomAdmin promotes a member (R-ADM-02): a missing user is 400 (404 under today's
// reading, R-ADM-02 (today)); the owner, a non-member, an admin already or a 100th admin are 403.
func (s *Store) AddChatroomAdmin(ctx context.Context, app AppKey, roomID, username string) (AdminAdded, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return AdminAdded{}, err
	}
	a, name := s.appFor(app), canon(username)
	if s.current() && !a.userExists(name) {
		return AdminAdded{}, userNotFound(name)
	}
	return r.roster().addAdmin(a, name)
}

// RemoveChatroomAdmin demotes an admin to member (R-ADM-03): a missing user is 400 (404 under
// today's reading, R-ADM-03 (today)).
func (s *Store) RemoveChatroomAdmin(ctx context.Context, app AppKey, roomID, username string) (AdminRemoved, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return AdminRemoved{}, err
	}
	a, name := s.appFor(app), canon(username)
	if s.current() && !a.userExists(name) {
		return AdminRemoved{}, userNotFound(name)
	}
	return r.roster().removeAdmin(a, name)
}

// leave takes a member out of the room with everything that hangs on being there: admin role,
// mute, allow-list entry, and the attributes they set with autoDelete DELETE (R-MEM-07).
func (r *roomState) leave(u string) {
	r.Members.remove(u)
	delete(r.Admins, u)
	delete(r.Mutes, u)
	delete(r.Allow, u)
	r.dropAttributesOf(u)
}

func blockedFromChatroom(u, roomID string) *Error {
	return Errorf(EFORBIDDEN, "user %s is blocked in chatroom %s: unblock the user first", u, roomID)
}
