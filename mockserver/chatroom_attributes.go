package mockserver

func (s *Server) chatroomAttributeHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"setChatroomAttributes":         s.setChatroomAttributes,
		"forceSetChatroomAttributes":    s.forceSetChatroomAttributes,
		"getChatroomAttributes":         s.getChatroomAttributes,
		"deleteChatroomAttributes":      s.deleteChatroomAttributes,
		"forceDeleteChatroomAttributes": s.forceDeleteChatroomAttributes,
	}
}

type setAttributesBody struct {
	MetaData   map[string]string `json:"metaData"`
	AutoDelete string            `json:"autoDelete"`
}

type attributeKeysBody struct {
	Keys []string `json:"keys"`
}

func (c *call) attributes() (setAttributesBody, error) {
	var b setAttributesBody
	if err := c.decode(&b); err != nil {
		return b, err
	}
	if b.MetaData == nil {
		return b, invalid("metaData: required, an object of key/value strings")
	}
	return b, nil
}

// keys reads {keys: [...]}; an empty body means no keys.
func (c *call) keys() ([]string, error) {
	if len(c.body) == 0 {
		return nil, nil
	}
	var b attributeKeysBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return b.Keys, nil
}

// setChatroomAttributes: PUT /metadata/chatroom/{id}/user/{username} (R-META-01..03).
func (s *Server) setChatroomAttributes(c *call) (*reply, error) {
	b, err := c.attributes()
	if err != nil {
		return nil, err
	}
	return result(s.store.SetChatroomAttributes(c.ctx, c.app, c.param("chatroom_id"), c.param("username"), b.MetaData, b.AutoDelete))
}

// forceSetChatroomAttributes: PUT .../user/{username}/forced (R-META-04).
func (s *Server) forceSetChatroomAttributes(c *call) (*reply, error) {
	b, err := c.attributes()
	if err != nil {
		return nil, err
	}
	return result(s.store.ForceSetChatroomAttributes(c.ctx, c.app, c.param("chatroom_id"), c.param("username"), b.MetaData, b.AutoDelete))
}

// getChatroomAttributes: POST /metadata/chatroom/{id} {keys?} (R-META-05).
func (s *Server) getChatroomAttributes(c *call) (*reply, error) {
	keys, err := c.keys()
	if err != nil {
		return nil, err
	}
	return result(s.store.ChatroomAttributes(c.ctx, c.app, c.param("chatroom_id"), keys))
}

// deleteChatroomAttributes: DELETE /metadata/chatroom/{id}/user/{username} {keys} (R-META-06).
func (s *Server) deleteChatroomAttributes(c *call) (*reply, error) {
	keys, err := c.keys()
	if err != nil {
		return nil, err
	}
	return result(s.store.DeleteChatroomAttributes(c.ctx, c.app, c.param("chatroom_id"), c.param("username"), keys))
}

// forceDeleteChatroomAttributes: DELETE .../user/{username}/forced {keys} (R-META-07).
func (s *Server) forceDeleteChatroomAttributes(c *call) (*reply, error) {
	keys, err := c.keys()
	if err != nil {
		return nil, err
	}
	return result(s.store.ForceDeleteChatroomAttributes(c.ctx, c.app, c.param("chatroom_id"), c.param("username"), keys))
}
