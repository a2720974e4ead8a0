package mockserver

func (s *Server) groupAdminHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listGroupAdmins":  s.listGroupAdmins,
		"addGroupAdmin":    s.addGroupAdmin,
		"removeGroupAdmin": s.removeGroupAdmin,
	}
}

// listGroupAdmins: GET /chatgroups/{id}/admin (G-ADM-01).
func (s *Server) listGroupAdmins(c *call) (*reply, error) {
	admins, err := s.store.GroupAdmins(c.ctx, c.app, c.param("group_id"))
	if err != nil {
		return nil, err
	}
	return counted(admins)
}

type newAdminBody struct {
	NewAdmin string `json:"newadmin"`
}

// addGroupAdmin: POST /chatgroups/{id}/admin {newadmin} (G-ADM-02/04).
func (s *Server) addGroupAdmin(c *call) (*reply, error) {
	var b newAdminBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return result(s.store.AddGroupAdmin(c.ctx, c.app, c.param("group_id"), b.NewAdmin))
}

// removeGroupAdmin: DELETE /chatgroups/{id}/admin/{oldadmin} (G-ADM-03).
func (s *Server) removeGroupAdmin(c *call) (*reply, error) {
	return result(s.store.RemoveGroupAdmin(c.ctx, c.app, c.param("group_id"), c.param("oldadmin")))
}
