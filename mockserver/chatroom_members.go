package mockserver

func (s *Server) chatroomMemberHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listChatroomMembers":   s.listChatroomMembers,
		"addChatroomMember":     s.addChatroomMember,
		"addChatroomMembers":    s.addChatroomMembers,
		"removeChatroomMembers": s.removeChatroomMembers,
	}
}

// listChatroomMembers: GET /chatrooms/{id}/users?pagenum=&pagesize= (R-MEM-01).
func (s *Server) listChatroomMembers(c *call) (*reply, error) {
	pagenum, pagesize, err := c.paging()
	if err != nil {
		return nil, err
	}
	members, err := s.store.ChatroomMembers(c.ctx, c.app, c.param("chatroom_id"), pagenum, pagesize)
	if err != nil {
		return nil, err
	}
	return counted(members)
}

// addChatroomMember: POST /chatrooms/{id}/users/{username} (R-MEM-02/03).
func (s *Server) addChatroomMember(c *call) (*reply, error) {
	return result(s.store.AddChatroomMember(c.ctx, c.app, c.param("chatroom_id"), c.param("username")))
}

// addChatroomMembers: POST /chatrooms/{id}/users {usernames} (R-MEM-04).
func (s *Server) addChatroomMembers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	return result(s.store.AddChatroomMembers(c.ctx, c.app, c.param("chatroom_id"), names))
}

// removeChatroomMembers: DELETE /chatrooms/{id}/users/{u} answers an object; a comma list
// (%2C) answers an array (R-MEM-05/06).
func (s *Server) removeChatroomMembers(c *call) (*reply, error) {
	names := c.list("username")
	if len(names) == 1 && !c.isList("username") {
		return result(s.store.RemoveChatroomMember(c.ctx, c.app, c.param("chatroom_id"), names[0]))
	}
	return result(s.store.RemoveChatroomMembers(c.ctx, c.app, c.param("chatroom_id"), names))
}
