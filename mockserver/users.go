package mockserver

import (
	"bytes"
	"context"

	"github.com/emcontract/emcontract/mockserver/store"
)

func (s *Server) userHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"registerUsers": s.registerUsers,
		"getUser":       s.getUser,
		"deleteUser":    s.deleteUser,
		"listUsers":     s.listUsers,
		"deleteUsers":   s.deleteUsers,
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
	reg, err := s.store.RegisterUsers(c.ctx, c.app, users)
	if err != nil {
		return nil, err
	}
	rep, _ := userReply(reg.Users)
	if len(reg.Failed) > 0 {
		rep.data = reg.Failed // U-16: the users already registered, with why
	}
	return rep, nil
}

// listUsers: GET /users?limit=&cursor= (U-01, U-02).
func (s *Server) listUsers(c *call) (*reply, error) {
	return s.userPage(c, s.store.ListUsers)
}

// deleteUsers: DELETE /users?limit=&cursor= deletes the oldest users (U-04, U-05).
func (s *Server) deleteUsers(c *call) (*reply, error) {
	return s.userPage(c, s.store.DeleteUsers)
}

// userPage is the answer of the two paged user calls: the users as `entities`, their `count`,
// and the `cursor` while more remain.
func (s *Server) userPage(c *call, page func(context.Context, store.AppKey, int, string) (store.UserPage, error)) (*reply, error) {
	limit, err := c.queryInt("limit", 0)
	if err != nil {
		return nil, err
	}
	p, err := page(c.ctx, c.app, limit, c.query("cursor"))
	if err != nil {
		return nil, err
	}
	n := len(p.Users)
	return &reply{entities: p.Users, data: []any{}, path: "/users", count: &n, cursor: p.Cursor}, nil
}

func (s *Server) getUser(c *call) (*reply, error) {
	u, err := s.store.GetUser(c.ctx, c.app, c.param("username"))
	if err != nil {
		return nil, err
	}
	// U-08: the user as `entities` with `count: 1`, and no `data`.
	one := 1
	return &reply{entities: []store.User{u}, count: &one, path: "/users"}, nil
}

func (s *Server) deleteUser(c *call) (*reply, error) {
	u, err := s.store.DeleteUser(c.ctx, c.app, c.param("username"))
	if err != nil {
		return nil, err
	}
	return userReply([]store.User{u})
}
