package mockserver

import "github.com/emcontract/emcontract/mockserver/store"

func (s *Server) messageHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"sendGroupMessage": s.sendGroupMessage,
		"sendUserMessage":  s.sendUserMessage,
	}
}

// messageReceivers decodes the `to` of a send request; the contract has checked the rest of
// its shape, and the mock keeps nothing of the message but its receivers.
func (c *call) messageReceivers() (store.OutgoingMessage, error) {
	var b struct {
		To []string `json:"to"`
	}
	if err := c.decode(&b); err != nil {
		return store.OutgoingMessage{}, err
	}
	return store.OutgoingMessage{To: b.To, BodyBytes: len(c.body)}, nil
}

// sendGroupMessage: POST /messages/chatgroups {from?, to: [group ids], type, body, ext?}
// answers data {group_id: msg_id} (message_group.md).
func (s *Server) sendGroupMessage(c *call) (*reply, error) {
	m, err := c.messageReceivers()
	if err != nil {
		return nil, err
	}
	sent, err := s.store.SendGroupMessage(c.ctx, c.app, m)
	if err != nil {
		return nil, err
	}
	return &reply{data: sent, path: "/messages/chatgroups"}, nil
}

// sendUserMessage: POST /messages/users {from?, to: [usernames], type, body, ext?} answers
// data {username: msg_id} (message_single.md).
func (s *Server) sendUserMessage(c *call) (*reply, error) {
	m, err := c.messageReceivers()
	if err != nil {
		return nil, err
	}
	sent, err := s.store.SendUserMessage(c.ctx, c.app, m)
	if err != nil {
		return nil, err
	}
	return &reply{data: sent, path: "/messages/users"}, nil
}
