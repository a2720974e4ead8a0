package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Documented group limits.
const (
	DefaultGroupMaxUsers = 200  // G-GRP-06
	MaxGroupMaxUsers     = 2000 // G-GRP-06
	MaxCreateMembers     = 100  // G-GRP-06
	MaxGroupCustomLength = 1024 // O-19, today's modify table
	MaxGroupsPerUser     = 500  // G-GRP-14
)

// GroupSummary is one item of GET /chatgroups (G-GRP-01).
type GroupSummary struct {
	Owner        string `json:"owner"` // "org#app_username"
	GroupID      string `json:"groupid"`
	Affiliations int    `json:"affiliations"`
	Type         string `json:"type"`          // always "group"
	LastModified string `json:"last_modified"` // ms, as a string (002's first page)
	Created      int64  `json:"created"`
	GroupName    string `json:"groupname"`
}

// GroupPage is one page of GET /chatgroups. Cursor is empty on the last page.
type GroupPage struct {
	Groups []GroupSummary
	Cursor string
}

// JoinedGroup is one item of GET /users/{username}/joined_chatgroups (G-GRP-03).
type JoinedGroup struct {
	GroupID   string `json:"groupid"`
	GroupName string `json:"groupname"`
}

// Affiliation is {owner: u} or {member: u} (G-GRP-04, G-MEM-01, R-MEM-01).
type Affiliation struct {
	Owner  string `json:"owner,omitempty"`
	Member string `json:"member,omitempty"`
	// JoinedTime is when the user joined (ms), in group details asked with joined_time=true
	// (O-21); nil elsewhere.
	JoinedTime *int64 `json:"joined_time,omitempty"`
}

// GroupDetails is one item of GET /chatgroups/{ids} (G-GRP-04, G-GRP-15).
type GroupDetails struct {
	ID                string        `json:"id"`
	Name              string        `json:"name"`
	Description       string        `json:"description"`
	MembersOnly       bool          `json:"membersonly"`
	AllowInvites      bool          `json:"allowinvites"`
	MaxUsers          int           `json:"maxusers"`
	Owner             string        `json:"owner"`
	Created           int64         `json:"created"`
	Custom            string        `json:"custom"`
	Mute              bool          `json:"mute"`        // mute-all (G-BAN-08), false by default
	Disabled          bool          `json:"disabled"`    // G-DIS-04
	Avatar            string        `json:"avatar"`      // O-21: "" (no call of the contract sets it)
	ShieldGroup       bool          `json:"shieldgroup"` // O-21: false
	AffiliationsCount int           `json:"affiliations_count"`
	Affiliations      []Affiliation `json:"affiliations"`
	Public            bool          `json:"public"`
	// InviteNeedConfirm (G-GRP-09) is in the data-structure table but in no example; the mock
	// shows it, so that a scenario can read back the default (true) and a value given at creation.
	InviteNeedConfirm bool `json:"invite_need_confirm"`
}

// GroupDetailsEntry is one element of the details answer: the group, or, for an id that does
// not exist among several (G-GRP-05), {"id": id, "error": "group id doesn't exist"}.
type GroupDetailsEntry struct {
	Group     *GroupDetails
	MissingID string
}

// MarshalJSON writes the group, or the missing-id marker.
func (e GroupDetailsEntry) MarshalJSON() ([]byte, error) {
	if e.Group != nil {
		return json.Marshal(e.Group)
	}
	return json.Marshal(struct {
		ID    string `json:"id"`
		Error string `json:"error"`
	}{e.MissingID, groupMissingInDetails})
}

// NewGroup is the body of POST /chatgroups (G-GRP-06..09). MaxUsers 0 means the default (200);
// InviteNeedConfirm nil means the default (true); Members nil means absent. The description
// comes as `desc` (the documents) or `description` (today's pages, client SDKs); `desc` wins
// when both are sent (O-11).
type NewGroup struct {
	GroupName         string   `json:"groupname"`
	Description       string   `json:"desc"`
	DescriptionAlias  *string  `json:"description,omitempty"`
	Public            bool     `json:"public"`
	MaxUsers          FlexInt  `json:"maxusers,omitempty"`
	MembersOnly       bool     `json:"members_only,omitempty"`
	AllowInvites      bool     `json:"allowinvites,omitempty"`
	InviteNeedConfirm *bool    `json:"invite_need_confirm,omitempty"`
	Owner             string   `json:"owner"`
	Members           []string `json:"members,omitempty"`
	Custom            string   `json:"custom,omitempty"`
}

// description is `desc`, else `description` (O-11; an empty `desc` counts as not sent).
func (ng NewGroup) description() string {
	if ng.Description == "" && ng.DescriptionAlias != nil {
		return *ng.DescriptionAlias
	}
	return ng.Description
}

// GroupCreated is data of POST /chatgroups.
type GroupCreated struct {
	GroupID string `json:"groupid"`
}

// GroupUpdate is the body of PUT /chatgroups/{id} when it modifies fields (G-GRP-10): nil
// fields are left alone. Use DecodeGroupUpdate to build one from a body, which also rejects
// unknown fields.
type GroupUpdate struct {
	GroupName    *string  `json:"groupname,omitempty"`
	Description  *string  `json:"description,omitempty"`
	MaxUsers     *FlexInt `json:"maxusers,omitempty"`
	MembersOnly  *bool    `json:"membersonly,omitempty"`
	AllowInvites *bool    `json:"allowinvites,omitempty"`
	// Today's modify table adds these three (O-19).
	Custom            *string `json:"custom,omitempty"`
	Public            *bool   `json:"public,omitempty"`
	InviteNeedConfirm *bool   `json:"invite_need_confirm,omitempty"`
}

// GroupUpdated is data of the modify call: field name -> true for each field changed.
type GroupUpdated map[string]bool

// OwnerTransferred is data of PUT /chatgroups/{id} {newowner} (G-OWN-01).
type OwnerTransferred struct {
	NewOwner bool `json:"newowner"`
}

// GroupDeleted is data of DELETE /chatgroups/{id} (G-GRP-13).
type GroupDeleted struct {
	Success bool   `json:"success"`
	GroupID string `json:"groupid"`
}

var groupUpdateFields = []string{"groupname", "description", "maxusers", "membersonly", "allowinvites", "custom", "public", "invite_need_confirm"}

// DecodeGroupUpdate parses a modify body, rejecting unknown or unmodifiable fields and wrong
// types with EINVALID (G-GRP-10). A body holding "newowner" is an owner transfer, not an update:
// the caller should look for it first (see IsOwnerTransfer).
func DecodeGroupUpdate(body []byte) (GroupUpdate, error) {
	return decodeUpdate[GroupUpdate](body, groupUpdateFields)
}

// decodeUpdate parses the body of a modify call (G-GRP-10, R-ROOM-05) into T, rejecting a field
// not in fields, and wrong types, with EINVALID.
func decodeUpdate[T any](body []byte, fields []string) (T, error) {
	var zero T
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return zero, Errorf(EINVALID, "request body: must be a JSON object: %v", err)
	}
	for k := range raw {
		if !slices.Contains(fields, k) {
			return zero, Errorf(EINVALID, "%s: can not be modified; allowed fields are %s", k, strings.Join(fields, ", "))
		}
	}
	var u T
	if err := json.Unmarshal(body, &u); err != nil {
		return zero, Errorf(EINVALID, "request body: %v", err)
	}
	return u, nil
}

// IsOwnerTransfer reports whether a PUT /chatgroups/{id} body is an owner transfer
// ({"newowner": ...}) and returns the new owner.
func IsOwnerTransfer(body []byte) (string, bool) {
	var b struct {
		NewOwner *string `json:"newowner"`
	}
	if json.Unmarshal(body, &b) != nil || b.NewOwner == nil {
		return "", false
	}
	return *b.NewOwner, true
}

// ListGroups pages the app's groups, newest first (G-GRP-01, G-GRP-02). limit 0 returns all of
// them; cursor is "" for the first page and otherwise a value from a previous page.
func (s *Store) ListGroups(ctx context.Context, app AppKey, limit int, cursor string) (GroupPage, error) {
	defer s.rlockApp(app)()
	if limit < 0 {
		return GroupPage{}, Errorf(EINVALID, "limit: must be a positive number, got %d", limit)
	}
	after, err := decodeCursor("chatgroups", app, cursor)
	if err != nil {
		return GroupPage{}, err
	}
	a := s.appView(app)
	groups := a.groupsNewestFirst()
	out := []GroupSummary{}
	var last int64
	for _, g := range groups {
		if after != 0 && g.Seq >= after {
			continue
		}
		if limit > 0 && len(out) == limit {
			// More remain: the cursor points just past the last item returned.
			return GroupPage{Groups: out, Cursor: encodeCursor("chatgroups", app, last)}, nil
		}
		last = g.Seq
		out = append(out, GroupSummary{
			Owner: app.Org + "#" + app.App + "_" + g.Owner, GroupID: g.ID, Affiliations: g.affiliationsCount(),
			Type: "group", LastModified: strconv.FormatInt(g.LastModified, 10), Created: g.Created, GroupName: g.Name,
		})
	}
	return GroupPage{Groups: out}, nil
}

// JoinedGroups lists the groups a user owns or is a member of (G-GRP-03), newest first.
func (s *Store) JoinedGroups(ctx context.Context, app AppKey, username string) ([]JoinedGroup, error) {
	defer s.rlockApp(app)()
	a := s.appView(app)
	name := canon(username)
	if !a.userExists(name) {
		return nil, userNotFound(name)
	}
	out := []JoinedGroup{}
	for _, g := range a.groupsNewestFirst() {
		if g.inGroup(name) {
			out = append(out, JoinedGroup{GroupID: g.ID, GroupName: g.Name})
		}
	}
	return out, nil
}

// GroupDetails returns details of each id (G-GRP-04). With one id that does not exist it fails
// with ESVCNOTFOUND; with several, each missing one is reported in place (G-GRP-05).
func (s *Store) GroupDetails(ctx context.Context, app AppKey, ids []string) ([]GroupDetailsEntry, error) {
	return s.groupDetails(app, ids, false)
}

// GroupDetailsWithJoinedTime is GroupDetails whose affiliations also say when each user joined
// (the query joined_time=true, O-21).
func (s *Store) GroupDetailsWithJoinedTime(ctx context.Context, app AppKey, ids []string) ([]GroupDetailsEntry, error) {
	return s.groupDetails(app, ids, true)
}

func (s *Store) groupDetails(app AppKey, ids []string, joinedTime bool) ([]GroupDetailsEntry, error) {
	defer s.rlockApp(app)()
	if err := checkDetailsIDs("group_ids", ids); err != nil {
		return nil, err
	}
	a := s.appView(app)
	if len(ids) == 1 {
		g, ok := a.Groups[ids[0]]
		if !ok {
			return nil, groupNotFoundDetails(ids[0])
		}
		return []GroupDetailsEntry{{Group: g.details(joinedTime)}}, nil
	}
	out := make([]GroupDetailsEntry, 0, len(ids))
	for _, id := range ids {
		if g, ok := a.Groups[id]; ok {
			out = append(out, GroupDetailsEntry{Group: g.details(joinedTime)})
		} else {
			out = append(out, GroupDetailsEntry{MissingID: id})
		}
	}
	return out, nil
}

// CreateGroup creates a group (G-GRP-06..09, G-GRP-14, C-05). The owner and every member must
// exist (404, 002's reading of G-GRP-07).
func (s *Store) CreateGroup(ctx context.Context, app AppKey, ng NewGroup) (GroupCreated, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	g, err := s.buildGroup(a, ng)
	if err != nil {
		return GroupCreated{}, err
	}
	a.Groups[g.ID] = g
	return GroupCreated{GroupID: g.ID}, nil
}

// buildGroup validates a NewGroup and returns the group, not yet stored.
func (s *Store) buildGroup(a *appState, ng NewGroup) (*groupState, error) {
	if strings.TrimSpace(ng.GroupName) == "" {
		return nil, Errorf(EINVALID, "groupname: required, must not be empty")
	}
	if ng.Owner == "" {
		return nil, Errorf(EINVALID, "%s", MsgGroupOwnerMissing)
	}
	maxUsers, err := initialMaxUsers(ng.MaxUsers, DefaultGroupMaxUsers, MaxGroupMaxUsers)
	if err != nil {
		return nil, err
	}
	owner := canon(ng.Owner)
	if len(ng.Members) > MaxCreateMembers { // groups only (G-GRP-06)
		return nil, tooMany("members", MaxCreateMembers, len(ng.Members))
	}
	members, err := a.initialMembers(owner, ng.Members, maxUsers)
	if err != nil {
		return nil, err
	}
	for _, u := range append([]string{owner}, members...) {
		if err := a.checkGroupQuota(u); err != nil {
			return nil, err
		}
	}
	now := s.nowMS()
	g := &groupState{
		ID: s.nextRoomID(a), Seq: a.next(), Name: ng.GroupName, Description: ng.description(),
		Public: ng.Public, MembersOnly: ng.MembersOnly, AllowInvites: ng.AllowInvites, InviteNeedConfirm: true,
		MaxUsers: maxUsers, Owner: owner, Custom: ng.Custom, Created: now, LastModified: now,
		Members: newMemberSet(), Admins: map[string]int64{}, Blocks: map[string]int64{},
		Mutes: map[string]int64{}, Allow: map[string]int64{}, Files: map[string]*fileState{},
	}
	if ng.InviteNeedConfirm != nil {
		g.InviteNeedConfirm = *ng.InviteNeedConfirm
	}
	for _, m := range members {
		g.join(a, m, now)
	}
	return g, nil
}

// UpdateGroup modifies the fields set in u (G-GRP-10..12). A rule broken by any field rejects
// the whole call (EINVALID naming the field), so a success answers true for every field sent.
func (s *Store) UpdateGroup(ctx context.Context, app AppKey, groupID string, u GroupUpdate) (GroupUpdated, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return nil, err
	}
	out := GroupUpdated{}
	if u.GroupName != nil {
		if strings.Contains(*u.GroupName, "/") {
			return nil, Errorf(EINVALID, "groupname: must not contain \"/\", got %q", *u.GroupName)
		}
		if strings.TrimSpace(*u.GroupName) == "" {
			return nil, Errorf(EINVALID, "groupname: must not be empty")
		}
		out["groupname"] = true
	}
	if u.Description != nil {
		if strings.Contains(*u.Description, "/") {
			return nil, Errorf(EINVALID, "description: must not contain \"/\", got %q", *u.Description)
		}
		out["description"] = true
	}
	if u.MaxUsers != nil {
		if err := checkNewMaxUsers(int(*u.MaxUsers), MaxGroupMaxUsers, g.affiliationsCount()); err != nil {
			return nil, err
		}
		out["maxusers"] = true
	}
	if u.MembersOnly != nil {
		out["membersonly"] = true
	}
	if u.AllowInvites != nil {
		out["allowinvites"] = true
	}
	if u.Custom != nil {
		if n := utf8.RuneCountInString(*u.Custom); n > MaxGroupCustomLength {
			return nil, tooLong("custom", MaxGroupCustomLength, n)
		}
		out["custom"] = true
	}
	if u.Public != nil {
		out["public"] = true
	}
	if u.InviteNeedConfirm != nil {
		out["invite_need_confirm"] = true
	}
	if len(out) == 0 {
		return nil, Errorf(EINVALID, "request body: set at least one of %s", strings.Join(groupUpdateFields, ", "))
	}
	if u.GroupName != nil {
		g.Name = *u.GroupName
	}
	if u.Description != nil {
		g.Description = *u.Description
	}
	if u.MaxUsers != nil {
		g.MaxUsers = int(*u.MaxUsers)
	}
	if u.MembersOnly != nil {
		g.MembersOnly = *u.MembersOnly
	}
	if u.AllowInvites != nil {
		g.AllowInvites = *u.AllowInvites
	}
	if u.Custom != nil {
		g.Custom = *u.Custom
	}
	if u.Public != nil {
		g.Public = *u.Public
	}
	if u.InviteNeedConfirm != nil {
		g.InviteNeedConfirm = *u.InviteNeedConfirm
	}
	g.LastModified = s.nowMS()
	return out, nil
}

// TransferGroupOwner makes a member the owner; the old owner becomes an ordinary member
// (G-OWN-01). A new owner who is not a member, existing or not, gets 403 (G-OWN-02).
func (s *Store) TransferGroupOwner(ctx context.Context, app AppKey, groupID, newOwner string) (OwnerTransferred, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return OwnerTransferred{}, err
	}
	name := canon(newOwner)
	if name == "" {
		return OwnerTransferred{}, Errorf(EINVALID, "newowner: required, must not be empty")
	}
	if name == g.Owner {
		return OwnerTransferred{}, Errorf(EFORBIDDEN, "user %s is already the owner of group %s", name, g.ID)
	}
	if !g.isMember(name) {
		return OwnerTransferred{}, notInGroup(name, g.ID)
	}
	a := s.appFor(app)
	old := g.Owner
	// Not removeMember: that is leaving the group, and the new owner stays in it, with their
	// member attributes (G-MATTR) and thread memberships (G-THR). Only what an owner can not
	// have goes: an admin role, a mute, an allow-list entry (the list is of members).
	g.Members.remove(name)
	delete(g.Admins, name)
	delete(g.Mutes, name)
	delete(g.Allow, name)
	g.Owner = name
	now := s.nowMS()
	g.join(a, old, now)
	g.LastModified = now
	return OwnerTransferred{NewOwner: true}, nil
}

// DeleteGroup deletes a group (G-GRP-13).
func (s *Store) DeleteGroup(ctx context.Context, app AppKey, groupID string) (GroupDeleted, error) {
	defer s.lockApp(app)()
	if _, err := s.group(app, groupID); err != nil {
		return GroupDeleted{}, err
	}
	a := s.appFor(app)
	a.forgetGroup(a.Groups[groupID])
	return GroupDeleted{Success: true, GroupID: groupID}, nil
}

// forgetGroup deletes a group with everything that hangs on it in the app's indexes: its
// threads (G-THR-17) leave the thread index, and the messages sent in it or in its threads
// leave the message store, so neither counts toward a cap nor is scanned again (lock held).
// Its member attributes, files and lists live in the group and go with it.
func (a *appState) forgetGroup(g *groupState) {
	for id := range g.Threads {
		delete(a.ThreadGroup, id)
	}
	gone := func(id string) bool {
		m := a.Messages[id]
		return m != nil && (m.GroupID == g.ID || g.Threads[m.ThreadID] != nil)
	}
	if slices.ContainsFunc(a.MessageOrder, gone) {
		a.MessageOrder = slices.DeleteFunc(a.MessageOrder, func(id string) bool {
			if gone(id) {
				delete(a.Messages, id)
				return true
			}
			return false
		})
	}
	delete(a.Groups, g.ID)
}

// SetGroupMuteAll turns the whole-group mute (details' `mute`, G-GRP-15) on or off. No
// documented call does this; it is for the control API.
func (s *Store) SetGroupMuteAll(ctx context.Context, app AppKey, groupID string, on bool) error {
	_, err := writeOne(s, app, groupID, s.group, func(g *groupState) (bool, error) { g.MuteAll = on; return on, nil })
	return err
}

// group finds a group (lock held).
func (s *Store) group(app AppKey, groupID string) (*groupState, error) {
	return lookup(s, app, groupID, func(a *appState) map[string]*groupState { return a.Groups }, groupNotFound)
}

func (a *appState) groupsNewestFirst() []*groupState {
	return newestFirst(a.Groups, func(g *groupState) int64 { return g.Seq })
}

// checkGroupQuota enforces G-GRP-14 for a user about to join one more group.
func (a *appState) checkGroupQuota(u string) error {
	n := 0
	for _, g := range a.Groups {
		if g.inGroup(u) {
			n++
		}
	}
	if n >= MaxGroupsPerUser {
		return Errorf(EFORBIDDEN, "user %s is already in %d groups, the most allowed", u, MaxGroupsPerUser)
	}
	return nil
}

func (g *groupState) details(joinedTime bool) *GroupDetails {
	d := &GroupDetails{
		ID: g.ID, Name: g.Name, Description: g.Description, MembersOnly: g.MembersOnly,
		AllowInvites: g.AllowInvites, MaxUsers: g.MaxUsers, Owner: g.Owner, Created: g.Created,
		Custom: g.Custom, Mute: g.MuteAll, Disabled: g.Disabled, AffiliationsCount: g.affiliationsCount(),
		Affiliations: g.roster().affiliations(), Public: g.Public, InviteNeedConfirm: g.InviteNeedConfirm,
	}
	if joinedTime {
		d.Affiliations = g.withJoinedTimes(d.Affiliations)
	}
	return d
}

// The cursor is opaque to clients; inside it names the listing, the app and the sequence number
// of the last item returned, so pages stay stable when groups are created between calls.
func encodeCursor(kind string, app AppKey, seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + app.Org + "#" + app.App + ":" + strconv.FormatInt(seq, 10)))
}

func decodeCursor(kind string, app AppKey, cursor string) (int64, error) {
	if cursor == "" {
		return 0, nil
	}
	bad := Errorf(EINVALID, "cursor: not a cursor this server returned for %s, got %q", kind, cursor)
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return 0, bad
	}
	prefix := kind + ":" + app.Org + "#" + app.App + ":"
	rest, ok := strings.CutPrefix(string(b), prefix)
	if !ok {
		return 0, bad
	}
	seq, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || seq <= 0 {
		return 0, bad
	}
	return seq, nil
}
