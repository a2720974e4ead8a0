package store

import (
	"context"
	"strconv"
)

// JoinedChatroomDetail is one item of GET /users/{username}/joined_chatrooms?detail=true: the
// room as a flat object whose values are all strings, as the 2026 service answers (O-22).
// Fields whose meaning the capture does not show (curr_page, pg_size, slice_num, identify,
// debut_msg_num, owner_can_leave, scale) are not sent: the contract declares them.
type JoinedChatroomDetail struct {
	ID                string `json:"id"`
	Title             string `json:"title"`
	Description       string `json:"description"`
	Owner             string `json:"owner"`  // {org}#{app}_{username}
	AppKey            string `json:"appkey"` // {org}#{app}
	MaxUsers          string `json:"max_users"`
	Mute              string `json:"mute"` // the room's mute-all
	Public            string `json:"public"`
	MembersOnly       string `json:"members_only"`
	AllowUserInvites  string `json:"allow_user_invites"`
	InviteNeedConfirm string `json:"invite_need_confirm"`
	Disabled          string `json:"disabled"`
	Created           string `json:"created"`
	LastModified      string `json:"last_modified"`
	Custom            string `json:"custom"`
	Type              string `json:"type"`          // "chatroom"
	MuteDuration      string `json:"mute_duration"` // "-1": the mock's mute-all never expires
}

// JoinedChatroomsDetailed is JoinedChatrooms with detail=true (O-22): the same rooms, in the
// same order and pages, each in the detailed form.
func (s *Store) JoinedChatroomsDetailed(ctx context.Context, app AppKey, username string, pagenum, pagesize int) ([]JoinedChatroomDetail, error) {
	defer s.rlockApp(app)()
	rooms, err := s.joinedRooms(app, username, pagenum, pagesize)
	if err != nil {
		return nil, err
	}
	appKey := app.Org + "#" + app.App
	out := make([]JoinedChatroomDetail, 0, len(rooms))
	for _, r := range rooms {
		modified := r.LastModified
		if modified == 0 {
			modified = r.Created
		}
		out = append(out, JoinedChatroomDetail{
			ID: r.ID, Title: r.Name, Description: r.Description, Owner: appKey + "_" + r.Owner, AppKey: appKey,
			MaxUsers: strconv.Itoa(r.MaxUsers), Mute: strconv.FormatBool(r.Ban), Public: "true",
			MembersOnly: "false", AllowUserInvites: "false", InviteNeedConfirm: "false", Disabled: "false",
			Created: strconv.FormatInt(r.Created, 10), LastModified: strconv.FormatInt(modified, 10),
			Custom: r.Custom, Type: "chatroom", MuteDuration: "-1",
		})
	}
	return out, nil
}
