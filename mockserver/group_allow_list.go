package mockserver

func (s *Server) groupAllowListHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listGroupAllowList":        s.listGroupAllowList,
		"addGroupAllowListUser":     s.addGroupAllowListUser,
		"addGroupAllowListUsers":    s.addGroupAllowListUsers,
		"removeGroupAllowListUsers": s.removeGroupAllowListUsers,
	}
}

// listGroupAllowList: GET /chatgroups/{id}/white/users (G-WHITE-01).
func (s *Server) listGroupAllowList(c *call) (*reply, error) {
	allowed, err := s.store.GroupAllowList(c.ctx, c.app, c.param("group_id"))
	if err != nil {
		return nil, err
	}
	return counted(allowed)
}

// addGroupAllowListUser: POST /chatgroups/{id}/white/users/{username} (G-WHITE-03).
func (s *Server) addGroupAllowListUser(c *call) (*reply, error) {
	return result(s.store.AddGroupAllowListUser(c.ctx, c.app, c.param("group_id"), c.param("username")))
}

// addGroupAllowListUsers: POST /chatgroups/{id}/white/users {usernames} (G-WHITE-05).
func (s *Server) addGroupAllowListUsers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	return result(s.store.AddGroupAllowListUsers(c.ctx, c.app, c.param("group_id"), names))
}

// removeGroupAllowListUsers: DELETE /chatgroups/{id}/white/users/{u1},{u2} answers an array
// even for one user (G-WHITE-07).
func (s *Server) removeGroupAllowListUsers(c *call) (*reply, error) {
	return result(s.store.RemoveGroupAllowListUsers(c.ctx, c.app, c.param("group_id"), c.list("username")))
}
