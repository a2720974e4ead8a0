package mockserver

func (s *Server) groupStateHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"muteAllGroupMembers":   s.muteAllGroupMembers,
		"unmuteAllGroupMembers": s.unmuteAllGroupMembers,
		"disableGroup":          s.disableGroup,
		"enableGroup":           s.enableGroup,
		"isGroupMember":         s.isGroupMember,
		"isGroupMemberPost":     s.isGroupMember,
		"listJoinedGroupsPaged": s.listJoinedGroupsPaged,
	}
}

// muteAllGroupMembers: POST /chatgroups/{id}/ban (G-BAN-01).
func (s *Server) muteAllGroupMembers(c *call) (*reply, error) {
	return result(s.store.MuteAllGroup(c.ctx, c.app, c.param("group_id")))
}

// unmuteAllGroupMembers: DELETE /chatgroups/{id}/ban (G-BAN-02).
func (s *Server) unmuteAllGroupMembers(c *call) (*reply, error) {
	return result(s.store.UnmuteAllGroup(c.ctx, c.app, c.param("group_id")))
}

// disableGroup: POST /chatgroups/{id}/disable answers data and an empty `properties` (G-DIS-01).
func (s *Server) disableGroup(c *call) (*reply, error) {
	res, err := s.store.DisableGroup(c.ctx, c.app, c.param("group_id"))
	if err != nil {
		return nil, err
	}
	return &reply{data: res, properties: map[string]any{}}, nil
}

// enableGroup: POST /chatgroups/{id}/enable (G-DIS-02).
func (s *Server) enableGroup(c *call) (*reply, error) {
	res, err := s.store.EnableGroup(c.ctx, c.app, c.param("group_id"))
	if err != nil {
		return nil, err
	}
	return &reply{data: res, properties: map[string]any{}}, nil
}

// isGroupMember: GET /chatgroups/{id}/user/{username}/is_joined answers a bare Boolean in the
// page's six-field envelope (G-JOIN-01); it also serves POST, the rate tables' method (isGroupMemberPost, G-JOIN-04).
func (s *Server) isGroupMember(c *call) (*reply, error) {
	joined, err := s.store.IsJoined(c.ctx, c.app, c.param("group_id"), c.param("username"))
	if err != nil {
		return nil, err
	}
	return &reply{data: joined, check: true}, nil
}

// listJoinedGroupsPaged: GET /chatgroups/user/{username}?pagesize&pagenum answers the groups as
// `entities` and their number as `total`, with no `data` or `count` (G-JOIN-05, G-JOIN-06).
func (s *Server) listJoinedGroupsPaged(c *call) (*reply, error) {
	pagenum, pagesize, err := c.paging()
	if err != nil {
		return nil, err
	}
	p, err := s.store.JoinedGroupsPage(c.ctx, c.app, c.param("username"), pagenum, pagesize)
	if err != nil {
		return nil, err
	}
	return &reply{entities: p.Groups, total: &p.Total}, nil
}
