package mockserver

func (s *Server) chatroomMuteHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listChatroomMutes":        s.listChatroomMutes,
		"muteChatroomMembers":      s.muteChatroomMembers,
		"unmuteChatroomMembers":    s.unmuteChatroomMembers,
		"muteAllChatroomMembers":   s.muteAllChatroomMembers,
		"unmuteAllChatroomMembers": s.unmuteAllChatroomMembers,
	}
}

// listChatroomMutes: GET /chatrooms/{id}/mute (R-MUTE-01).
func (s *Server) listChatroomMutes(c *call) (*reply, error) {
	return result(s.store.ChatroomMutes(c.ctx, c.app, c.param("chatroom_id")))
}

// muteChatroomMembers: POST /chatrooms/{id}/mute {usernames, mute_duration} (R-MUTE-02).
func (s *Server) muteChatroomMembers(c *call) (*reply, error) {
	names, duration, err := c.muteBody()
	if err != nil {
		return nil, err
	}
	return result(s.store.MuteChatroomMembers(c.ctx, c.app, c.param("chatroom_id"), names, duration))
}

// unmuteChatroomMembers: DELETE /chatrooms/{id}/mute/{u1},{u2} (R-MUTE-03).
func (s *Server) unmuteChatroomMembers(c *call) (*reply, error) {
	return result(s.store.UnmuteChatroomMembers(c.ctx, c.app, c.param("chatroom_id"), c.list("username")))
}

// muteAllChatroomMembers: POST /chatrooms/{id}/ban (R-BAN-01).
func (s *Server) muteAllChatroomMembers(c *call) (*reply, error) {
	return result(s.store.BanChatroom(c.ctx, c.app, c.param("chatroom_id")))
}

// unmuteAllChatroomMembers: DELETE /chatrooms/{id}/ban (R-BAN-03).
func (s *Server) unmuteAllChatroomMembers(c *call) (*reply, error) {
	return result(s.store.UnbanChatroom(c.ctx, c.app, c.param("chatroom_id")))
}
