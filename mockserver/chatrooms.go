package mockserver

import "github.com/emcontract/emcontract/mockserver/store"

func (s *Server) chatroomHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listChatrooms":           s.listChatrooms,
		"listJoinedChatrooms":     s.listJoinedChatrooms,
		"getChatroomDetails":      s.getChatroomDetails,
		"createChatroom":          s.createChatroom,
		"modifyChatroom":          s.modifyChatroom,
		"deleteChatroom":          s.deleteChatroom,
		"getChatroomAnnouncement": s.getChatroomAnnouncement,
		"setChatroomAnnouncement": s.setChatroomAnnouncement,
	}
}

// listChatrooms: GET /chatrooms?limit=&cursor= (R-ROOM-01).
func (s *Server) listChatrooms(c *call) (*reply, error) {
	limit, err := c.queryInt("limit", 0)
	if err != nil {
		return nil, err
	}
	p, err := s.store.ListChatrooms(c.ctx, c.app, limit, c.query("cursor"))
	if err != nil {
		return nil, err
	}
	rep, _ := counted(p.Chatrooms)
	rep.cursor = p.Cursor
	return rep, nil
}

// listJoinedChatrooms: GET /users/{username}/joined_chatrooms?pagenum=&pagesize= (R-ROOM-02);
// with detail=true each room in the detailed, all-strings form (O-22).
func (s *Server) listJoinedChatrooms(c *call) (*reply, error) {
	pagenum, pagesize, err := c.paging()
	if err != nil {
		return nil, err
	}
	if c.query("detail") == "true" {
		rooms, err := s.store.JoinedChatroomsDetailed(c.ctx, c.app, c.param("username"), pagenum, pagesize)
		if err != nil {
			return nil, err
		}
		return counted(rooms)
	}
	rooms, err := s.store.JoinedChatrooms(c.ctx, c.app, c.param("username"), pagenum, pagesize)
	if err != nil {
		return nil, err
	}
	return counted(rooms)
}

// getChatroomDetails: GET /chatrooms/{id1}%2C{id2} (R-ROOM-03).
func (s *Server) getChatroomDetails(c *call) (*reply, error) {
	return result(s.store.ChatroomDetails(c.ctx, c.app, c.list("chatroom_id")))
}

// createChatroom: POST /chatrooms (R-ROOM-04).
func (s *Server) createChatroom(c *call) (*reply, error) {
	var nr store.NewChatroom
	if err := c.decode(&nr); err != nil {
		return nil, err
	}
	return result(s.store.CreateChatroom(c.ctx, c.app, nr))
}

// modifyChatroom: PUT /chatrooms/{id} (R-ROOM-05).
func (s *Server) modifyChatroom(c *call) (*reply, error) {
	u, err := store.DecodeChatroomUpdate(c.body)
	if err != nil {
		return nil, err
	}
	return result(s.store.ModifyChatroom(c.ctx, c.app, c.param("chatroom_id"), u))
}

// deleteChatroom: DELETE /chatrooms/{id} (R-ROOM-06).
func (s *Server) deleteChatroom(c *call) (*reply, error) {
	return result(s.store.DeleteChatroom(c.ctx, c.app, c.param("chatroom_id")))
}

// getChatroomAnnouncement: GET /chatrooms/{id}/announcement (R-ANN-01).
func (s *Server) getChatroomAnnouncement(c *call) (*reply, error) {
	return result(s.store.ChatroomAnnouncement(c.ctx, c.app, c.param("chatroom_id")))
}

// setChatroomAnnouncement: POST /chatrooms/{id}/announcement (R-ANN-02).
func (s *Server) setChatroomAnnouncement(c *call) (*reply, error) {
	var b announcementBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.Announcement == nil {
		return nil, invalid("announcement: required")
	}
	return result(s.store.SetChatroomAnnouncement(c.ctx, c.app, c.param("chatroom_id"), *b.Announcement))
}
