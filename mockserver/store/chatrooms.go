package store

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"
)

// Documented chatroom limits (R-ROOM-01..05, R-SUP-02).
const (
	MaxChatroomNameLength        = 128
	MaxChatroomDescriptionLength = 512
	MaxChatroomCustomLength      = 1024
	DefaultChatroomMaxUsers      = 1000
	MaxChatroomMaxUsers          = 10000
	DefaultChatroomListLimit     = 10
	MaxChatroomListLimit         = 100
	MaxChatroomListLimitToday    = 1000    // R-ROOM-01 (today)
	MaxChatroomCustomBytesToday  = 8 << 10 // R-ROOM-04 (today): custom at most 8 KB
	DefaultJoinedLatest          = 500     // joined rooms with neither pagenum nor pagesize
	DefaultSuperAdminPageSize    = 10
)

// SuperAdminAdded is data of POST /chatrooms/super_admin (R-SUP-01), following the example.
type SuperAdminAdded struct {
	Result   string `json:"result"` // "success"
	Resource string `json:"resource"`
}

// SuperAdminRemoved is data of DELETE /chatrooms/super_admin/{u} (R-SUP-03).
type SuperAdminRemoved struct {
	NewSuperAdmin string `json:"newSuperAdmin"`
	Resource      string `json:"resource"`
}

// ChatroomSummary is one item of GET /chatrooms (R-ROOM-01).
type ChatroomSummary struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	Owner             string `json:"owner"`
	AffiliationsCount int    `json:"affiliations_count"`
	Disabled          bool   `json:"disabled"` // O-21: false (no call of the contract disables a room)
}

// ChatroomPage is one page of GET /chatrooms. Cursor is empty on the last page.
type ChatroomPage struct {
	Chatrooms []ChatroomSummary
	Cursor    string
}

// JoinedChatroom is one item of GET /users/{u}/joined_chatrooms (R-ROOM-02).
type JoinedChatroom struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Disabled string `json:"disabled"` // the string "false"
}

// ChatroomDetails is data of GET /chatrooms/{ids} (R-ROOM-03).
type ChatroomDetails struct {
	ID                string        `json:"id"`
	Name              string        `json:"name"`
	Description       string        `json:"description"`
	MembersOnly       bool          `json:"membersonly"`
	AllowInvites      bool          `json:"allowinvites"`
	MaxUsers          int           `json:"maxusers"`
	Owner             string        `json:"owner"`
	Created           int64         `json:"created"`
	Custom            string        `json:"custom"`
	AffiliationsCount int           `json:"affiliations_count"`
	Affiliations      []Affiliation `json:"affiliations"`
	Public            bool          `json:"public"`
}

// NewChatroom is the body of POST /chatrooms (R-ROOM-04). MaxUsers 0 means 1000; Members nil
// means absent.
type NewChatroom struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	MaxUsers    FlexInt  `json:"maxusers,omitempty"`
	Owner       string   `json:"owner"`
	Members     []string `json:"members,omitempty"`
	Custom      string   `json:"custom,omitempty"`
}

// ChatroomCreated is data of POST /chatrooms.
type ChatroomCreated struct {
	ID string `json:"id"`
}

// ChatroomUpdate is the body of PUT /chatrooms/{id} (R-ROOM-05); nil fields are left alone.
type ChatroomUpdate struct {
	Name        *string  `json:"name,omitempty"`
	Description *string  `json:"description,omitempty"`
	MaxUsers    *FlexInt `json:"maxusers,omitempty"`
}

// ChatroomUpdated is data of the modify call: "groupname" (for name), "description",
// "maxusers" -> true for each field changed, as 001's example shows.
type ChatroomUpdated map[string]bool

// ChatroomDeleted is data of DELETE /chatrooms/{id} (R-ROOM-06).
type ChatroomDeleted struct {
	Success bool   `json:"success"`
	ID      string `json:"id"`
}

var chatroomUpdateFields = []string{"name", "description", "maxusers"}

// DecodeChatroomUpdate parses a modify body, rejecting any field other than name, description
// and maxusers, and wrong types, with EINVALID (R-ROOM-05).
func DecodeChatroomUpdate(body []byte) (ChatroomUpdate, error) {
	return decodeUpdate[ChatroomUpdate](body, chatroomUpdateFields)
}

// AddChatroomSuperAdmin makes an existing user a super admin (R-SUP-01).
func (s *Store) AddChatroomSuperAdmin(ctx context.Context, app AppKey, username string) (SuperAdminAdded, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	name := canon(username)
	if name == "" {
		return SuperAdminAdded{}, Errorf(EINVALID, "superadmin: required, must not be empty")
	}
	if !a.userExists(name) {
		return SuperAdminAdded{}, userNotFound(name)
	}
	if _, ok := a.SuperAdmins[name]; ok {
		return SuperAdminAdded{}, Errorf(EINVALID, "user %s is already a super admin", name)
	}
	a.SuperAdmins[name] = a.next()
	return SuperAdminAdded{Result: "success", Resource: ""}, nil
}

// ChatroomSuperAdmins pages the super admins, oldest first (R-SUP-02): pagenum default 1,
// pagesize default 10.
func (s *Store) ChatroomSuperAdmins(ctx context.Context, app AppKey, pagenum, pagesize int) ([]string, error) {
	defer s.rlockApp(app)()
	if err := checkPaging(pagenum, pagesize, MaxPageSize); err != nil {
		return nil, err
	}
	if pagesize == 0 {
		pagesize = DefaultSuperAdminPageSize
	}
	return page(orderedKeys(s.appView(app).SuperAdmins), pagenum, pagesize), nil
}

// RemoveChatroomSuperAdmin revokes a super admin (R-SUP-03); one who is not is ENOTFOUND.
func (s *Store) RemoveChatroomSuperAdmin(ctx context.Context, app AppKey, username string) (SuperAdminRemoved, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	name := canon(username)
	if _, ok := a.SuperAdmins[name]; !ok {
		if s.current() && !a.userExists(name) {
			return SuperAdminRemoved{}, userNotFound(name) // R-SUP-03 (today)
		}
		return SuperAdminRemoved{}, Errorf(ENOTFOUND, "user %s is not a super admin", name)
	}
	delete(a.SuperAdmins, name)
	return SuperAdminRemoved{NewSuperAdmin: name, Resource: ""}, nil
}

// ListChatrooms pages the app's chatrooms, newest first (R-ROOM-01): limit 0 means 10. 001
// takes limit in [1,100]; today's page (R-ROOM-01 (today)) takes [1,1000] and answers a limit
// over 1000 with 1000.
func (s *Store) ListChatrooms(ctx context.Context, app AppKey, limit int, cursor string) (ChatroomPage, error) {
	defer s.rlockApp(app)()
	if limit == 0 {
		limit = DefaultChatroomListLimit
	}
	if s.current() && limit > MaxChatroomListLimitToday {
		limit = MaxChatroomListLimitToday
	}
	if max := byProfile(s, MaxChatroomListLimit, MaxChatroomListLimitToday); limit < 1 || limit > max {
		return ChatroomPage{}, Errorf(EINVALID, "limit: must be between 1 and %d, got %d", max, limit)
	}
	after, err := decodeCursor("chatrooms", app, cursor)
	if err != nil {
		return ChatroomPage{}, err
	}
	out := []ChatroomSummary{}
	var last int64
	for _, r := range s.appView(app).roomsNewestFirst() {
		if after != 0 && r.Seq >= after {
			continue
		}
		if len(out) == limit {
			return ChatroomPage{Chatrooms: out, Cursor: encodeCursor("chatrooms", app, last)}, nil
		}
		out = append(out, ChatroomSummary{ID: r.ID, Name: r.Name, Owner: r.Owner, AffiliationsCount: r.affiliationsCount()})
		last = r.Seq
	}
	return ChatroomPage{Chatrooms: out}, nil
}

// JoinedChatrooms pages the rooms a user owns or is in, latest joined first (R-ROOM-02). With
// pagenum and pagesize both 0 it returns the latest 500; otherwise pagenum defaults to 1 and
// pagesize to 1000 (range 1..1000).
func (s *Store) JoinedChatrooms(ctx context.Context, app AppKey, username string, pagenum, pagesize int) ([]JoinedChatroom, error) {
	defer s.rlockApp(app)()
	rooms, err := s.joinedRooms(app, username, pagenum, pagesize)
	if err != nil {
		return nil, err
	}
	out := make([]JoinedChatroom, 0, len(rooms))
	for _, r := range rooms {
		out = append(out, JoinedChatroom{ID: r.ID, Name: r.Name, Disabled: "false"})
	}
	return out, nil
}

// joinedRooms is the page of rooms username owns or is a member of, the latest joined first
// (R-ROOM-02); it assumes the app's lock.
func (s *Store) joinedRooms(app AppKey, username string, pagenum, pagesize int) ([]*roomState, error) {
	if s.current() && pagesize > MaxPageSize {
		pagesize = MaxPageSize // R-ROOM-02 (today): more than 1000 gives 1000; 001 refuses it
	}
	if err := checkPaging(pagenum, pagesize, MaxPageSize); err != nil {
		return nil, err
	}
	a := s.appView(app)
	name := canon(username)
	if !a.userExists(name) {
		return nil, userNotFound(name)
	}
	type joined struct {
		r   *roomState
		seq int64
	}
	var js []joined
	for _, r := range a.Chatrooms {
		switch {
		case r.Owner == name:
			js = append(js, joined{r, r.Seq})
		case r.isMember(name):
			js = append(js, joined{r, r.Members.seq(name)})
		}
	}
	sort.Slice(js, func(i, j int) bool { return js[i].seq > js[j].seq })
	out := make([]*roomState, 0, len(js))
	for _, j := range js {
		out = append(out, j.r)
	}
	if pagenum == 0 && pagesize == 0 {
		return page(out, 1, DefaultJoinedLatest), nil
	}
	if pagesize == 0 {
		pagesize = MaxPageSize
	}
	return page(out, pagenum, pagesize), nil
}

// ChatroomDetails returns details of up to 100 rooms (R-ROOM-03). Rooms that do not exist are
// left out; if none exists the call fails with ENOTFOUND.
func (s *Store) ChatroomDetails(ctx context.Context, app AppKey, ids []string) ([]ChatroomDetails, error) {
	defer s.rlockApp(app)()
	if err := checkDetailsIDs("chatroom_ids", ids); err != nil {
		return nil, err
	}
	a := s.appView(app)
	out := []ChatroomDetails{}
	for _, id := range ids {
		if r, ok := a.Chatrooms[id]; ok {
			out = append(out, r.details())
		}
	}
	if len(out) == 0 {
		return nil, s.roomMissingOnRead(ids[0])
	}
	return out, nil
}

// roomMissingOnRead is the answer of the details and member-list calls for a room that does
// not exist: 001 gives no words, so the mock uses the group wording (404 resource_not_found);
// today's pages (R-ROOM-03, R-MEM-01 (today)) give 404 service_resource_not_found "do not find
// this group:X", as the group details and member list do (C-08).
func (s *Store) roomMissingOnRead(id string) *Error {
	if s.current() {
		return Errorf(ESVCNOTFOUND, "do not find this group:%s", id)
	}
	return chatroomNotFound(id)
}

// CreateChatroom creates a room (R-ROOM-04, C-05): the owner and every member must exist.
func (s *Store) CreateChatroom(ctx context.Context, app AppKey, nr NewChatroom) (ChatroomCreated, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	r, err := s.buildChatroom(a, nr)
	if err != nil {
		return ChatroomCreated{}, err
	}
	a.Chatrooms[r.ID] = r
	return ChatroomCreated{ID: r.ID}, nil
}

func (s *Store) buildChatroom(a *appState, nr NewChatroom) (*roomState, error) {
	if strings.TrimSpace(nr.Name) == "" {
		return nil, Errorf(EINVALID, "%s", MsgChatroomNameMissing)
	}
	if err := checkRoomText(&nr.Name, &nr.Description); err != nil {
		return nil, err
	}
	if err := s.checkChatroomCustom(nr.Custom); err != nil {
		return nil, err
	}
	if nr.Owner == "" {
		return nil, Errorf(EINVALID, "owner: required, must not be empty")
	}
	maxUsers, err := initialMaxUsers(nr.MaxUsers, DefaultChatroomMaxUsers, MaxChatroomMaxUsers)
	if err != nil {
		return nil, err
	}
	owner := canon(nr.Owner)
	members, err := a.initialMembers(owner, nr.Members, maxUsers)
	if err != nil {
		return nil, err
	}
	r := &roomState{
		ID: s.nextRoomID(a), Seq: a.next(), Name: nr.Name, Description: nr.Description, MaxUsers: maxUsers,
		Owner: owner, Custom: nr.Custom, Created: s.nowMS(),
		Members: newMemberSet(), Admins: map[string]int64{}, Blocks: map[string]int64{},
		Allow: map[string]int64{}, Mutes: map[string]int64{}, Attributes: map[string]*attributeState{},
	}
	for _, m := range members {
		r.Members.put(m, a.next())
	}
	return r, nil
}

// ModifyChatroom changes name, description and maxusers (R-ROOM-05). A broken rule rejects the
// whole call; maxusers may not go below the current member count.
func (s *Store) ModifyChatroom(ctx context.Context, app AppKey, roomID string, u ChatroomUpdate) (ChatroomUpdated, error) {
	defer s.lockApp(app)()
	r, err := s.room(app, roomID)
	if err != nil {
		return nil, err
	}
	if err := checkRoomText(u.Name, u.Description); err != nil {
		return nil, err
	}
	out := ChatroomUpdated{}
	if u.Name != nil {
		if strings.TrimSpace(*u.Name) == "" {
			return nil, Errorf(EINVALID, "name: must not be empty")
		}
		out["groupname"] = true
	}
	if u.Description != nil {
		out["description"] = true
	}
	if u.MaxUsers != nil {
		// The member count comes first, even for a value out of range: "0" on a room with
		// members is O-07's 403 (O-23); on a room with only its owner, the range's 400.
		if r.Members.len() > 0 && int(*u.MaxUsers) < r.affiliationsCount() {
			return nil, chatroomMaxUsersBelowCount()
		}
		if err := checkMaxUsers(int(*u.MaxUsers), MaxChatroomMaxUsers); err != nil {
			return nil, err
		}
		out["maxusers"] = true
	}
	if len(out) == 0 {
		return nil, Errorf(EINVALID, "request body: set at least one of %s", strings.Join(chatroomUpdateFields, ", "))
	}
	if u.Name != nil {
		r.Name = *u.Name
	}
	if u.Description != nil {
		r.Description = *u.Description
	}
	if u.MaxUsers != nil {
		r.MaxUsers = int(*u.MaxUsers)
	}
	r.LastModified = s.nowMS()
	return out, nil
}

// DeleteChatroom deletes a room (R-ROOM-06); a missing room is ENOTFOUND.
func (s *Store) DeleteChatroom(ctx context.Context, app AppKey, roomID string) (ChatroomDeleted, error) {
	defer s.lockApp(app)()
	if _, err := s.room(app, roomID); err != nil {
		return ChatroomDeleted{}, err
	}
	delete(s.appFor(app).Chatrooms, roomID)
	return ChatroomDeleted{Success: true, ID: roomID}, nil
}

// room finds a chatroom (lock held).
func (s *Store) room(app AppKey, roomID string) (*roomState, error) {
	return lookup(s, app, roomID, func(a *appState) map[string]*roomState { return a.Chatrooms }, chatroomNotFound)
}

func (a *appState) roomsNewestFirst() []*roomState {
	return newestFirst(a.Chatrooms, func(r *roomState) int64 { return r.Seq })
}

func (r *roomState) details() ChatroomDetails {
	return ChatroomDetails{
		ID: r.ID, Name: r.Name, Description: r.Description, MaxUsers: r.MaxUsers, Owner: r.Owner,
		Created: r.Created, Custom: r.Custom, AffiliationsCount: r.affiliationsCount(),
		Affiliations: r.roster().affiliations(), Public: true,
	}
}

// checkRoomText applies the name and description length limits to whichever is given.
func checkRoomText(name, description *string) error {
	if name != nil {
		if n := utf8.RuneCountInString(*name); n > MaxChatroomNameLength {
			return tooLong("name", MaxChatroomNameLength, n)
		}
	}
	if description != nil {
		if n := utf8.RuneCountInString(*description); n > MaxChatroomDescriptionLength {
			return tooLong("description", MaxChatroomDescriptionLength, n)
		}
	}
	return nil
}

// checkChatroomCustom bounds a new room's custom: 1,024 characters in 001's reading, 8 KB
// (bytes of UTF-8) in today's (R-ROOM-04 (today)).
func (s *Store) checkChatroomCustom(custom string) error {
	if s.current() {
		if n := len(custom); n > MaxChatroomCustomBytesToday {
			return Errorf(EINVALID, "custom: at most %d bytes (8 KB), got %d", MaxChatroomCustomBytesToday, n)
		}
		return nil
	}
	if n := utf8.RuneCountInString(custom); n > MaxChatroomCustomLength {
		return tooLong("custom", MaxChatroomCustomLength, n)
	}
	return nil
}
