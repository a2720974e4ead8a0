package mockserver

func (s *Server) groupMuteHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"muteGroupMembers":   s.muteGroupMembers,
		"unmuteGroupMembers": s.unmuteGroupMembers,
		"listGroupMutes":     s.listGroupMutes,
	}
}

type muteBody struct {
	Usernames    []string `json:"usernames"`
	MuteDuration *int64   `json:"mute_duration"`
}

func (c *call) muteBody() ([]string, int64, error) {
	var b muteBody
	if err := c.decode(&b); err != nil {
		return nil, 0, err
	}
	if b.MuteDuration == nil {
		return nil, 0, invalid("mute_duration: required, an integer number of milliseconds or -1 for ever")
	}
	return b.Usernames, *b.MuteDuration, nil
}

// muteGroupMembers: POST /chatgroups/{id}/mute {usernames, mute_duration} (G-MUTE-01/02/05).
func (s *Server) muteGroupMembers(c *call) (*reply, error) {
	names, duration, err := c.muteBody()
	if err != nil {
		return nil, err
	}
	return result(s.store.MuteGroupMembers(c.ctx, c.app, c.param("group_id"), names, duration))
}

// unmuteGroupMembers: DELETE /chatgroups/{id}/mute/{u1},{u2} (G-MUTE-03).
func (s *Server) unmuteGroupMembers(c *call) (*reply, error) {
	return result(s.store.UnmuteGroupMembers(c.ctx, c.app, c.param("group_id"), c.list("username")))
}

// listGroupMutes: GET /chatgroups/{id}/mute (G-MUTE-04).
func (s *Server) listGroupMutes(c *call) (*reply, error) {
	return result(s.store.GroupMutes(c.ctx, c.app, c.param("group_id")))
}
