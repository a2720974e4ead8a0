package mockserver

func (s *Server) chatroomBlockHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listChatroomBlocks":   s.listChatroomBlocks,
		"blockChatroomUser":    s.blockChatroomUser,
		"blockChatroomUsers":   s.blockChatroomUsers,
		"unblockChatroomUsers": s.unblockChatroomUsers,
	}
}

// listChatroomBlocks: GET /chatrooms/{id}/blocks/users (R-BLK-01).
func (s *Server) listChatroomBlocks(c *call) (*reply, error) {
	blocked, err := s.store.ChatroomBlocks(c.ctx, c.app, c.param("chatroom_id"))
	if err != nil {
		return nil, err
	}
	return counted(blocked)
}

// blockChatroomUser: POST /chatrooms/{id}/blocks/users/{username} (R-BLK-02/03).
func (s *Server) blockChatroomUser(c *call) (*reply, error) {
	return result(s.store.BlockChatroomUser(c.ctx, c.app, c.param("chatroom_id"), c.param("username")))
}

// blockChatroomUsers: POST /chatrooms/{id}/blocks/users {usernames} (R-BLK-04).
func (s *Server) blockChatroomUsers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	return result(s.store.BlockChatroomUsers(c.ctx, c.app, c.param("chatroom_id"), names))
}

// unblockChatroomUsers: DELETE /chatrooms/{id}/blocks/users/{u} answers an object, a comma
// list an array (R-BLK-05).
func (s *Server) unblockChatroomUsers(c *call) (*reply, error) {
	names := c.list("username")
	if len(names) == 1 && !c.isList("username") {
		return result(s.store.UnblockChatroomUser(c.ctx, c.app, c.param("chatroom_id"), names[0]))
	}
	return result(s.store.UnblockChatroomUsers(c.ctx, c.app, c.param("chatroom_id"), names))
}
