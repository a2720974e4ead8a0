package mockserver

func (s *Server) chatroomAdminHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listChatroomAdmins":  s.listChatroomAdmins,
		"addChatroomAdmin":    s.addChatroomAdmin,
		"removeChatroomAdmin": s.removeChatroomAdmin,
	}
}

// listChatroomAdmins: GET /chatrooms/{id}/admin (R-ADM-01).
func (s *Server) listChatroomAdmins(c *call) (*reply, error) {
	admins, err := s.store.ChatroomAdmins(c.ctx, c.app, c.param("chatroom_id"))
	if err != nil {
		return nil, err
	}
	return counted(admins)
}

// addChatroomAdmin: POST /chatrooms/{id}/admin {newadmin} (R-ADM-02).
func (s *Server) addChatroomAdmin(c *call) (*reply, error) {
	var b newAdminBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return result(s.store.AddChatroomAdmin(c.ctx, c.app, c.param("chatroom_id"), b.NewAdmin))
}

// removeChatroomAdmin: DELETE /chatrooms/{id}/admin/{oldadmin} (R-ADM-03).
func (s *Server) removeChatroomAdmin(c *call) (*reply, error) {
	return result(s.store.RemoveChatroomAdmin(c.ctx, c.app, c.param("chatroom_id"), c.param("oldadmin")))
}
