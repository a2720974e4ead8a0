package mockserver

func (s *Server) groupBlockHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listGroupBlocks":   s.listGroupBlocks,
		"blockGroupUser":    s.blockGroupUser,
		"blockGroupUsers":   s.blockGroupUsers,
		"unblockGroupUsers": s.unblockGroupUsers,
	}
}

// listGroupBlocks: GET /chatgroups/{id}/blocks/users (G-BLK-01).
func (s *Server) listGroupBlocks(c *call) (*reply, error) {
	blocked, err := s.store.GroupBlocks(c.ctx, c.app, c.param("group_id"))
	if err != nil {
		return nil, err
	}
	return counted(blocked)
}

// blockGroupUser: POST /chatgroups/{id}/blocks/users/{username} (G-BLK-02..04).
func (s *Server) blockGroupUser(c *call) (*reply, error) {
	return result(s.store.BlockGroupUser(c.ctx, c.app, c.param("group_id"), c.param("username")))
}

// blockGroupUsers: POST /chatgroups/{id}/blocks/users {usernames} (G-BLK-05).
func (s *Server) blockGroupUsers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	return result(s.store.BlockGroupUsers(c.ctx, c.app, c.param("group_id"), names))
}

// unblockGroupUsers: DELETE /chatgroups/{id}/blocks/users/{u} answers an object, with a comma
// list an array (G-BLK-06/07).
func (s *Server) unblockGroupUsers(c *call) (*reply, error) {
	names := c.list("username")
	if len(names) == 1 && !c.isList("username") {
		return result(s.store.UnblockGroupUser(c.ctx, c.app, c.param("group_id"), names[0]))
	}
	return result(s.store.UnblockGroupUsers(c.ctx, c.app, c.param("group_id"), names))
}
