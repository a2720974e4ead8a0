package mockserver

func (s *Server) groupMemberHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listGroupMembers":   s.listGroupMembers,
		"addGroupMember":     s.addGroupMember,
		"addGroupMembers":    s.addGroupMembers,
		"removeGroupMembers": s.removeGroupMembers,
	}
}

// listGroupMembers: GET /chatgroups/{id}/users?pagenum=&pagesize= (G-MEM-01).
func (s *Server) listGroupMembers(c *call) (*reply, error) {
	pagenum, pagesize, err := c.paging()
	if err != nil {
		return nil, err
	}
	members, err := s.store.GroupMembers(c.ctx, c.app, c.param("group_id"), pagenum, pagesize)
	if err != nil {
		return nil, err
	}
	return counted(members)
}

// addGroupMember: POST /chatgroups/{id}/users/{username} (G-MEM-02..04).
func (s *Server) addGroupMember(c *call) (*reply, error) {
	return result(s.store.AddGroupMember(c.ctx, c.app, c.param("group_id"), c.param("username")))
}

// addGroupMembers: POST /chatgroups/{id}/users {usernames} (G-MEM-05..07).
func (s *Server) addGroupMembers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	return result(s.store.AddGroupMembers(c.ctx, c.app, c.param("group_id"), names))
}

// removeGroupMembers: DELETE /chatgroups/{id}/users/{u} answers an object; with a comma list
// {u1},{u2} it answers an array, one element per user (G-MEM-08/09).
func (s *Server) removeGroupMembers(c *call) (*reply, error) {
	names := c.list("username")
	if len(names) == 1 && !c.isList("username") {
		return result(s.store.RemoveGroupMember(c.ctx, c.app, c.param("group_id"), names[0]))
	}
	return result(s.store.RemoveGroupMembers(c.ctx, c.app, c.param("group_id"), names))
}
