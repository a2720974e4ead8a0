package mockserver

import "github.com/emcontract/emcontract/mockserver/store"

func (s *Server) groupHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listGroups":           s.listGroups,
		"listJoinedGroups":     s.listJoinedGroups,
		"getGroupDetails":      s.getGroupDetails,
		"createGroup":          s.createGroup,
		"updateGroup":          s.updateGroup,
		"deleteGroup":          s.deleteGroup,
		"getGroupAnnouncement": s.getGroupAnnouncement,
		"setGroupAnnouncement": s.setGroupAnnouncement,
	}
}

// listGroups: GET /chatgroups?limit=&cursor= (G-GRP-01/02).
func (s *Server) listGroups(c *call) (*reply, error) {
	limit, err := c.queryInt("limit", 0)
	if err != nil {
		return nil, err
	}
	p, err := s.store.ListGroups(c.ctx, c.app, limit, c.query("cursor"))
	if err != nil {
		return nil, err
	}
	rep, _ := counted(p.Groups)
	rep.cursor = p.Cursor
	return rep, nil
}

// listJoinedGroups: GET /users/{username}/joined_chatgroups (G-GRP-03).
func (s *Server) listJoinedGroups(c *call) (*reply, error) {
	groups, err := s.store.JoinedGroups(c.ctx, c.app, c.param("username"))
	if err != nil {
		return nil, err
	}
	return counted(groups)
}

// getGroupDetails: GET /chatgroups/{id1},{id2} (G-GRP-04/05); with joined_time=true the
// affiliations say when each user joined (O-21). version=v3 answers the same shape.
func (s *Server) getGroupDetails(c *call) (*reply, error) {
	details := s.store.GroupDetails
	if c.query("joined_time") == "true" {
		details = s.store.GroupDetailsWithJoinedTime
	}
	groups, err := details(c.ctx, c.app, c.list("group_id"))
	if err != nil {
		return nil, err
	}
	// A found group is encoded as its struct: through the entry's MarshalJSON, encoding/json
	// would encode it and then check and compact the bytes again, a third of a read's cost.
	out := make([]any, len(groups))
	for i, g := range groups {
		if g.Group != nil {
			out[i] = g.Group
		} else {
			out[i] = g
		}
	}
	return counted(out)
}

// createGroup: POST /chatgroups (G-GRP-06..09).
func (s *Server) createGroup(c *call) (*reply, error) {
	var ng store.NewGroup
	if err := c.decode(&ng); err != nil {
		return nil, err
	}
	return result(s.store.CreateGroup(c.ctx, c.app, ng))
}

// updateGroup: PUT /chatgroups/{id} is two calls in one path: {newowner} transfers ownership
// (G-OWN-01/02), anything else modifies fields (G-GRP-10..12).
func (s *Server) updateGroup(c *call) (*reply, error) {
	if newOwner, ok := store.IsOwnerTransfer(c.body); ok {
		return result(s.store.TransferGroupOwner(c.ctx, c.app, c.param("group_id"), newOwner))
	}
	u, err := store.DecodeGroupUpdate(c.body)
	if err != nil {
		return nil, err
	}
	return result(s.store.UpdateGroup(c.ctx, c.app, c.param("group_id"), u))
}

// deleteGroup: DELETE /chatgroups/{id} (G-GRP-13).
func (s *Server) deleteGroup(c *call) (*reply, error) {
	return result(s.store.DeleteGroup(c.ctx, c.app, c.param("group_id")))
}

// getGroupAnnouncement: GET /chatgroups/{id}/announcement (G-ANN-01).
func (s *Server) getGroupAnnouncement(c *call) (*reply, error) {
	return result(s.store.GroupAnnouncement(c.ctx, c.app, c.param("group_id")))
}

type announcementBody struct {
	Announcement *string `json:"announcement"`
}

// setGroupAnnouncement: POST /chatgroups/{id}/announcement (G-ANN-02).
func (s *Server) setGroupAnnouncement(c *call) (*reply, error) {
	var b announcementBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.Announcement == nil {
		return nil, invalid("announcement: required")
	}
	return result(s.store.SetGroupAnnouncement(c.ctx, c.app, c.param("group_id"), *b.Announcement))
}
