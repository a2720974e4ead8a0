package store

import "context"

// Membership check and joined groups by page (G-JOIN, today's pages group_check_joined.md and
// group_obtain_joined.md).

// Joined-groups paging: pagesize 1 to 20, default 5, a larger value gives 20; pagenum counts
// from 0 (G-JOIN-05, G-JOIN-08).
const (
	DefaultJoinedPageSize = 5
	MaxJoinedPageSize     = 20
)

// JoinedGroupItem is one element of GET /chatgroups/user/{username}'s `entities` (G-JOIN-06).
type JoinedGroupItem struct {
	GroupID      string `json:"groupId"`
	ID           string `json:"id"`
	Name         string `json:"name"`
	Avatar       string `json:"avatar"`
	Owner        string `json:"owner"`
	Description  string `json:"description"`
	Disabled     bool   `json:"disabled"`
	Public       bool   `json:"public"`
	AllowInvites bool   `json:"allowinvites"`
	MembersOnly  bool   `json:"membersonly"`
	MaxUsers     int    `json:"maxusers"`
	Created      int64  `json:"created"`
}

// JoinedGroupPage is one page of a user's groups and how many they are in all (`total`).
type JoinedGroupPage struct {
	Groups []JoinedGroupItem
	Total  int
}

// IsJoined reports whether the user is in the group, the owner included (G-JOIN-01/02). A
// missing group or user gives 404 (G-JOIN-03, inferred).
func (s *Store) IsJoined(ctx context.Context, app AppKey, groupID, username string) (bool, error) {
	defer s.rlockApp(app)()
	g, err := s.group(app, groupID)
	if err != nil {
		return false, err
	}
	u := canon(username)
	if !s.appView(app).userExists(u) {
		return false, userNotFound(u)
	}
	return g.inGroup(u), nil
}

// JoinedGroupsPage pages the groups a user owns or is a member of, newest first (G-JOIN-05..10):
// pagenum counts from 0; disabled groups are listed with disabled true.
func (s *Store) JoinedGroupsPage(ctx context.Context, app AppKey, username string, pagenum, pagesize int) (JoinedGroupPage, error) {
	defer s.rlockApp(app)()
	if pagenum < 0 {
		return JoinedGroupPage{}, Errorf(EINVALID, "pagenum: must be 0 or more, got %d", pagenum)
	}
	if pagesize < 0 {
		return JoinedGroupPage{}, Errorf(EINVALID, "pagesize: must be between 1 and %d, got %d", MaxJoinedPageSize, pagesize)
	}
	if pagesize == 0 {
		pagesize = DefaultJoinedPageSize
	}
	pagesize = min(pagesize, MaxJoinedPageSize)
	a := s.appView(app)
	u := canon(username)
	if !a.userExists(u) {
		return JoinedGroupPage{}, userNotFound(u)
	}
	var all []JoinedGroupItem
	for _, g := range a.groupsNewestFirst() {
		if g.inGroup(u) {
			all = append(all, JoinedGroupItem{
				GroupID: g.ID, ID: g.ID, Name: g.Name, Owner: g.Owner, Description: g.Description,
				Disabled: g.Disabled, Public: g.Public, AllowInvites: g.AllowInvites, MembersOnly: g.MembersOnly,
				MaxUsers: g.MaxUsers, Created: g.Created,
			})
		}
	}
	if pagenum >= len(all) { // also keeps pagenum+1 from overflowing
		return JoinedGroupPage{Groups: []JoinedGroupItem{}, Total: len(all)}, nil
	}
	return JoinedGroupPage{Groups: append([]JoinedGroupItem{}, page(all, pagenum+1, pagesize)...), Total: len(all)}, nil
}
