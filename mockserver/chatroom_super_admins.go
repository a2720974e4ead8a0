package mockserver

func (s *Server) chatroomSuperAdminHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"addChatroomSuperAdmin":    s.addChatroomSuperAdmin,
		"listChatroomSuperAdmins":  s.listChatroomSuperAdmins,
		"removeChatroomSuperAdmin": s.removeChatroomSuperAdmin,
	}
}

// addChatroomSuperAdmin: POST /chatrooms/super_admin {superadmin} (R-SUP-01).
func (s *Server) addChatroomSuperAdmin(c *call) (*reply, error) {
	var b struct {
		SuperAdmin string `json:"superadmin"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return result(s.store.AddChatroomSuperAdmin(c.ctx, c.app, b.SuperAdmin))
}

// listChatroomSuperAdmins: GET /chatrooms/super_admin?pagenum=&pagesize= (R-SUP-02).
func (s *Server) listChatroomSuperAdmins(c *call) (*reply, error) {
	pagenum, pagesize, err := c.paging()
	if err != nil {
		return nil, err
	}
	admins, err := s.store.ChatroomSuperAdmins(c.ctx, c.app, pagenum, pagesize)
	if err != nil {
		return nil, err
	}
	return counted(admins)
}

// removeChatroomSuperAdmin: DELETE /chatrooms/super_admin/{super_admin} (R-SUP-03), whose
// answer carries an empty top-level `properties`.
func (s *Server) removeChatroomSuperAdmin(c *call) (*reply, error) {
	rep, err := result(s.store.RemoveChatroomSuperAdmin(c.ctx, c.app, c.param("super_admin")))
	if err != nil {
		return nil, err
	}
	rep.properties = map[string]any{}
	return rep, nil
}
