package store

import (
	"context"
	"strconv"
)

// JoinedChatroomDetail is one item of GET /users/{username}/joined_chatrooms?detail=true: the
// room as a flat object whose values are all strings, as the 2026 service answers (O-22).
// Fields whose meaning the capture does not show keep the values captured on every room of it
// (the catalogue row says so): curr_page "1", pg_size "3000", slice_num "1", identify "",
// debut_msg_num "10", owner_can_leave "true", scale "large".
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
	CurrPage          string `json:"curr_page"`
	PgSize            string `json:"pg_size"`
	SliceNum          string `json:"slice_num"`
	Identify          string `json:"identify"`
	DebutMsgNum       string `json:"debut_msg_num"`
	OwnerCanLeave     string `json:"owner_can_leave"`
	Scale             string `json:"scale"`
}

// capturedJoinedDetail holds the values of the fields whose meaning the 2026 capture does not
// show, as captured (the same on both rooms it shows).
var capturedJoinedDetail = JoinedChatroomDetail{
	CurrPage: "1", PgSize: "3000", SliceNum: "1", Identify: "", DebutMsgNum: "10", OwnerCanLeave: "true", Scale: "large",
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
		d := capturedJoinedDetail
		d.ID, d.Title, d.Description, d.Owner, d.AppKey = r.ID, r.Name, r.Description, appKey+"_"+r.Owner, appKey
		d.MaxUsers, d.Mute, d.Public = strconv.Itoa(r.MaxUsers), strconv.FormatBool(r.Ban), "true"
		d.MembersOnly, d.AllowUserInvites, d.InviteNeedConfirm, d.Disabled = "false", "false", "false", "false"
		d.Created, d.LastModified = strconv.FormatInt(r.Created, 10), strconv.FormatInt(modified, 10)
		d.Custom, d.Type, d.MuteDuration = r.Custom, "chatroom", "-1"
		out = append(out, d)
	}
	return out, nil
}
