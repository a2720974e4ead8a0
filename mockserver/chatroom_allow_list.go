package mockserver

func (s *Server) chatroomAllowListHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listChatroomAllowList":        s.listChatroomAllowList,
		"addChatroomAllowListUser":     s.addChatroomAllowListUser,
		"addChatroomAllowListUsers":    s.addChatroomAllowListUsers,
		"removeChatroomAllowListUsers": s.removeChatroomAllowListUsers,
	}
}

// listChatroomAllowList: GET /chatrooms/{id}/white/users (R-WHITE-01).
func (s *Server) listChatroomAllowList(c *call) (*reply, error) {
	allowed, err := s.store.ChatroomAllowList(c.ctx, c.app, c.param("chatroom_id"))
	if err != nil {
		return nil, err
	}
	return counted(allowed)
}

// addChatroomAllowListUser: POST /chatrooms/{id}/white/users/{username} (R-WHITE-02).
func (s *Server) addChatroomAllowListUser(c *call) (*reply, error) {
	return result(s.store.AddChatroomAllowListUser(c.ctx, c.app, c.param("chatroom_id"), c.param("username")))
}

// addChatroomAllowListUsers: POST /chatrooms/{id}/white/users {usernames} (R-WHITE-03).
func (s *Server) addChatroomAllowListUsers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	return result(s.store.AddChatroomAllowListUsers(c.ctx, c.app, c.param("chatroom_id"), names))
}

// removeChatroomAllowListUsers: DELETE /chatrooms/{id}/white/users/{u1},{u2} answers an array
// even for one user (R-WHITE-04 documents only the array).
func (s *Server) removeChatroomAllowListUsers(c *call) (*reply, error) {
	return result(s.store.RemoveChatroomAllowListUsers(c.ctx, c.app, c.param("chatroom_id"), c.list("username")))
}
