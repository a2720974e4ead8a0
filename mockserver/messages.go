package mockserver

import (
	"context"

	"github.com/emcontract/emcontract/mockserver/store"
)

func (s *Server) messageHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		// POST /messages/chatgroups {from?, to: [group ids], type, body, ext?} (message_group.md).
		"sendGroupMessage": sendMessage("/messages/chatgroups", s.store.SendGroupMessage),
		// POST /messages/users {from?, to: [usernames], type, body, ext?} (message_single.md).
		"sendUserMessage": sendMessage("/messages/users", s.store.SendUserMessage),
	}
}

// sendMessage is a send call: it answers data {receiver: msg_id}, with the envelope's `path`
// as the pages show it. The contract has checked the body's shape; the mock keeps nothing of
// the message but its receivers and its size.
func sendMessage(path string, send func(context.Context, store.AppKey, store.OutgoingMessage) (map[string]string, error)) handlerFunc {
	return func(c *call) (*reply, error) {
		var b struct {
			To []string `json:"to"`
		}
		if err := c.decode(&b); err != nil {
			return nil, err
		}
		sent, err := send(c.ctx, c.app, store.OutgoingMessage{To: b.To, BodyBytes: len(c.body)})
		if err != nil {
			return nil, err
		}
		return &reply{data: sent, path: path}, nil
	}
}
