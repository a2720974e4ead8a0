package mockserver

import (
	"bytes"

	"github.com/emcontract/emcontract/mockserver/store"
)

func (s *Server) userHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"registerUsers": s.registerUsers,
		"getUser":       s.getUser,
		"deleteUser":    s.deleteUser,
	}
}

// userReply is the users calls' answer as the user-registration page shows it: the users as
// `entities`, an empty `data`, and `path` "/users".
func userReply(users []store.User) (*reply, error) {
	return &reply{entities: users, data: []any{}, path: "/users"}, nil
}

// registerUsers: POST /users with one user object or an array of them.
func (s *Server) registerUsers(c *call) (*reply, error) {
	var users []store.NewUser
	if trimmed := bytes.TrimSpace(c.body); len(trimmed) > 0 && trimmed[0] == '{' {
		var one store.NewUser
		if err := c.decode(&one); err != nil {
			return nil, err
		}
		users = []store.NewUser{one}
	} else if err := c.decode(&users); err != nil {
		return nil, err
	}
	created, err := s.store.RegisterUsers(c.ctx, c.app, users)
	if err != nil {
		return nil, err
	}
	return userReply(created)
}

func (s *Server) getUser(c *call) (*reply, error) {
	u, err := s.store.GetUser(c.ctx, c.app, c.param("username"))
	if err != nil {
		return nil, err
	}
	return userReply([]store.User{u})
}

func (s *Server) deleteUser(c *call) (*reply, error) {
	u, err := s.store.DeleteUser(c.ctx, c.app, c.param("username"))
	if err != nil {
		return nil, err
	}
	return userReply([]store.User{u})
}
