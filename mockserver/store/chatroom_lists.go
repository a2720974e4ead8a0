package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Allow-list actions as the answers name them (R-WHITE-02..04).
const (
	ActionAddAllow    = "add_user_whitelist"
	ActionRemoveAllow = "remove_user_whitelist"
)

// ChatroomListResult is data of the single block/unblock/allow calls and one element of their
// batch answers (R-BLK-02/04/05, R-WHITE-02..04). Reason is set only when Result is false.
type ChatroomListResult struct {
	Result     bool   `json:"result"`
	Action     string `json:"action"`
	Reason     string `json:"reason,omitempty"`
	User       string `json:"user"`
	ChatroomID string `json:"chatroomid"`
	// ID names the room again on block and unblock answers: the service sends `id` where 001
	// shows `chatroomid` (O-09), so the mock sends both there.
	ID string `json:"id,omitempty"`
}

// MuteAllResult is data of POST/DELETE /chatrooms/{id}/ban (R-BAN-01, R-BAN-03).
type MuteAllResult struct {
	Mute bool `json:"mute"`
}

// ChatroomBlocks lists blocked users, oldest first (R-BLK-01).
func (s *Store) ChatroomBlocks(ctx context.Context, app AppKey, roomID string) ([]string, error) {
	return readOne(s, app, roomID, s.room, func(r *roomState) []string { return orderedKeys(r.Blocks) })
}

// BlockChatroomUser blocks one member, who leaves the room (R-BLK-02, R-BLK-03, R-MEM-07): the
// owner and a user not in the room are 403.
func (s *Store) BlockChatroomUser(ctx context.Context, app AppKey, roomID, username string) (ChatroomListResult, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return ChatroomListResult{}, err
	}
	name := canon(username)
	notMember := func(u string) *Error { return s.notInRoomForbidden(u, r.ID) }
	if err := r.roster().blockOne(s.appFor(app), name, notMember); err != nil {
		return ChatroomListResult{}, err
	}
	return ChatroomListResult{Result: true, Action: ActionAddBlocks, User: name, ChatroomID: r.ID, ID: r.ID}, nil
}

// BlockChatroomUsers blocks up to 60 members and reports each (R-BLK-04): naming the owner fails
// the whole call (403, as for groups); a user not in the room, existing or not, fails with the
// reason "user: X doesn't exist in chatroom: R" (the group call gives a missing user its own).
func (s *Store) BlockChatroomUsers(ctx context.Context, app AppKey, roomID string, usernames []string) ([]ChatroomListResult, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, blockLimit)
	if err != nil {
		return nil, err
	}
	ro := r.roster()
	if err := ro.refuseOwner(names); err != nil {
		return nil, err
	}
	return eachUser(names, ro.blockStep(s.appFor(app)), roomListAnswer(ActionAddBlocks, r.ID)), nil
}

// UnblockChatroomUser unblocks one user (R-BLK-05): a missing user is 404, one not blocked 403.
func (s *Store) UnblockChatroomUser(ctx context.Context, app AppKey, roomID, username string) (ChatroomListResult, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return ChatroomListResult{}, err
	}
	name := canon(username)
	if err := r.roster().unblock(s.appFor(app), name); err != nil {
		return ChatroomListResult{}, err
	}
	return ChatroomListResult{Result: true, Action: ActionRemoveBlocks, User: name, ChatroomID: r.ID, ID: r.ID}, nil
}

// UnblockChatroomUsers unblocks up to 60 users and reports each (R-BLK-05); one not blocked,
// existing or not, is reported with result false.
func (s *Store) UnblockChatroomUsers(ctx context.Context, app AppKey, roomID string, usernames []string) ([]ChatroomListResult, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, unblockLimit)
	if err != nil {
		return nil, err
	}
	return eachUser(names, r.roster().unblockStep, roomListAnswer(ActionRemoveBlocks, r.ID)), nil
}

// ChatroomAllowList lists allow-listed users, oldest first (R-WHITE-01).
func (s *Store) ChatroomAllowList(ctx context.Context, app AppKey, roomID string) ([]string, error) {
	return readOne(s, app, roomID, s.room, func(r *roomState) []string { return orderedKeys(r.Allow) })
}

// AddChatroomAllowListUser allow-lists one member (R-WHITE-02). The allow list says who may
// speak during a mute-all, so only people in the room (owner included) can be on it: anyone
// else is 403 "user: X doesn't exist in chatroom: R".
func (s *Store) AddChatroomAllowListUser(ctx context.Context, app AppKey, roomID, username string) (ChatroomListResult, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return ChatroomListResult{}, err
	}
	name := canon(username)
	if !r.inRoom(name) {
		return ChatroomListResult{}, s.notInRoomForbidden(name, r.ID)
	}
	if _, ok := r.Allow[name]; !ok {
		r.Allow[name] = s.appFor(app).next()
	}
	return ChatroomListResult{Result: true, Action: ActionAddAllow, User: name, ChatroomID: r.ID}, nil
}

// AddChatroomAllowListUsers allow-lists up to 60 users (100 under today's reading) and reports each (R-WHITE-03); one not in
// the room is reported with result false.
func (s *Store) AddChatroomAllowListUsers(ctx context.Context, app AppKey, roomID string, usernames []string) ([]ChatroomListResult, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, allowAddLimit)
	if err != nil {
		return nil, err
	}
	a := s.appFor(app)
	return eachUser(names, func(n string) string {
		if !r.inRoom(n) {
			return notInChatroomReason(n, r.ID)
		}
		if _, ok := r.Allow[n]; !ok {
			r.Allow[n] = a.next()
		}
		return ""
	}, roomListAnswer(ActionAddAllow, r.ID)), nil
}

// RemoveChatroomAllowListUsers takes up to 60 users off the allow list and reports each
// (R-WHITE-04); one not on it is reported with result false. Today's page (R-WHITE-04 (today))
// refuses the whole call when a user named is not in the room: 400 forbidden_op "users [X] are
// not members of this group!".
func (s *Store) RemoveChatroomAllowListUsers(ctx context.Context, app AppKey, roomID string, usernames []string) ([]ChatroomListResult, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, allowRemoveLimit)
	if err != nil {
		return nil, err
	}
	if s.current() {
		if outsiders := slices.DeleteFunc(slices.Clone(names), r.inRoom); len(outsiders) > 0 {
			return nil, Errorf(ENOTINROOM, "users [%s] are not members of this group!", strings.Join(outsiders, ", "))
		}
	}
	return eachUser(names, func(n string) string {
		if _, ok := r.Allow[n]; !ok {
			return fmt.Sprintf("user %s is not on the allow list of %s", n, r.ID)
		}
		delete(r.Allow, n)
		return ""
	}, roomListAnswer(ActionRemoveAllow, r.ID)), nil
}

// ChatroomMutes lists muted users whose mute has not expired (R-MUTE-01).
func (s *Store) ChatroomMutes(ctx context.Context, app AppKey, roomID string) ([]Mute, error) {
	return readOne(s, app, roomID, s.room, func(r *roomState) []Mute { return activeMutes(r.Mutes, s.nowMS()) })
}

// MuteChatroomMembers mutes up to 60 members (100 under today's reading) for durationMS, -1
// for ever (expire 4638873600000) (R-MUTE-02, O-06). The owner is 403; users who are not
// members, registered or not, are named together in one 400 with the group call's words
// (observed). A duration of 0 is 400 in 001's reading; today's page (R-MUTE-02 (today)) makes
// it unmute the users, each answered with result true and expire 0.
func (s *Store) MuteChatroomMembers(ctx context.Context, app AppKey, roomID string, usernames []string, durationMS int64) ([]MuteResult, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, muteLimit)
	if err != nil {
		return nil, err
	}
	unmute := durationMS == 0 && s.current()
	var expire int64
	if !unmute {
		if expire, err = muteExpire(s.nowMSAt(ctx), durationMS); err != nil {
			return nil, err
		}
	}
	ro := r.roster()
	if err := ro.checkMutable(names); err != nil {
		return nil, err
	}
	if unmute {
		out := make([]MuteResult, 0, len(names))
		for _, n := range names {
			delete(r.Mutes, n)
			out = append(out, MuteResult{Result: true, User: n})
		}
		return out, nil
	}
	return ro.mute(names, expire), nil
}

// UnmuteChatroomMembers unmutes up to 60 users (R-MUTE-03); a user not muted gets result false.
func (s *Store) UnmuteChatroomMembers(ctx context.Context, app AppKey, roomID string, usernames []string) ([]UnmuteResult, error) {
	defer s.lockApp(app)()
	r, names, err := s.roomBatch(app, roomID, usernames, unmuteLimit)
	if err != nil {
		return nil, err
	}
	return r.roster().unmute(s.appFor(app), names, s.nowMS())
}

// BanChatroom turns mute-all on (R-BAN-01). It does not touch the mute list.
func (s *Store) BanChatroom(ctx context.Context, app AppKey, roomID string) (MuteAllResult, error) {
	return s.setBan(app, roomID, true)
}

// UnbanChatroom turns mute-all off (R-BAN-03).
func (s *Store) UnbanChatroom(ctx context.Context, app AppKey, roomID string) (MuteAllResult, error) {
	return s.setBan(app, roomID, false)
}

// ChatroomBan reports whether mute-all is on (R-BAN-02: for the control API, since sending is
// outside the documented calls).
func (s *Store) ChatroomBan(ctx context.Context, app AppKey, roomID string) (bool, error) {
	return readOne(s, app, roomID, s.room, func(r *roomState) bool { return r.Ban })
}

// CanSpeak reports whether a user may send to the room now: in the room, not muted, and, while
// mute-all is on, allow-listed (R-BAN-02). For the control API.
func (s *Store) CanSpeak(ctx context.Context, app AppKey, roomID, username string) (bool, error) {
	name := canon(username)
	return readOne(s, app, roomID, s.room, func(r *roomState) bool {
		if !r.inRoom(name) || isMuted(r.Mutes, name, s.nowMS()) {
			return false
		}
		_, allowed := r.Allow[name]
		return !r.Ban || allowed
	})
}

func (s *Store) setBan(app AppKey, roomID string, on bool) (MuteAllResult, error) {
	return writeOne(s, app, roomID, s.room, func(r *roomState) (MuteAllResult, error) {
		r.Ban = on
		return MuteAllResult{Mute: on}, nil
	})
}

// roomListAnswer builds the elements of the chatroom block and allow-list answers: result true
// when there is no reason.
func roomListAnswer(action, roomID string) func(u, reason string) ChatroomListResult {
	id := ""
	if action == ActionAddBlocks || action == ActionRemoveBlocks {
		id = roomID // O-09
	}
	return func(u, reason string) ChatroomListResult {
		return ChatroomListResult{Result: reason == "", Action: action, Reason: reason, User: u, ChatroomID: roomID, ID: id}
	}
}

// notInRoomForbidden is the 403 of blocking or allow-listing one user who is not in the room:
// 001's batch-block reason "user: X doesn't exist in chatroom: R", or today's pages' "users [X]
// are not members of this group!" (R-BLK-02, R-WHITE-02 (today)).
func (s *Store) notInRoomForbidden(name, roomID string) *Error {
	if s.current() {
		return notMembers([]string{name})
	}
	return notInChatroom(name, roomID)
}
