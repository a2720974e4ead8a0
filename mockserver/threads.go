package mockserver

import (
	"bytes"
	"encoding/json"

	"github.com/emcontract/emcontract/mockserver/store"
)

func (s *Server) threadHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"createThread":              s.createThread,
		"renameThread":              s.renameThread,
		"deleteThread":              s.deleteThread,
		"listThreads":               s.listThreads,
		"listUserThreads":           s.listUserThreads,
		"listUserThreadsInGroup":    s.listUserThreadsInGroup,
		"listThreadMembers":         s.listThreadMembers,
		"addThreadMembers":          s.addThreadMembers,
		"removeThreadMembers":       s.removeThreadMembers,
		"removeThreadMembersPlural": s.removeThreadMembers,
	}
}

// threadOK is data {status: "ok"} of the thread calls that answer nothing else.
var threadOK = map[string]string{"status": "ok"}

// createThread: POST /thread {group_id, name, msg_id, owner} (G-THR-02).
func (s *Server) createThread(c *call) (*reply, error) {
	var b struct {
		GroupID json.RawMessage `json:"group_id"` // the page's example sends numbers
		Name    string          `json:"name"`
		MsgID   json.RawMessage `json:"msg_id"`
		Owner   string          `json:"owner"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return result(s.store.CreateThread(c.ctx, c.app, store.NewThread{GroupID: idString(b.GroupID), Name: b.Name, MsgID: idString(b.MsgID), Owner: b.Owner}))
}

// idString reads an id the page types String but sends as a number in its example: a JSON
// string, or the digits of a JSON number as written (a float64 would round 18-digit ids).
func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if n, ok := integralNumber(string(bytes.TrimSpace(raw))); ok {
		return n
	}
	return string(bytes.TrimSpace(raw))
}

// renameThread: PUT /thread/{thread_id} {name} (G-THR-07).
func (s *Server) renameThread(c *call) (*reply, error) {
	var b struct {
		Name string `json:"name"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	name, err := s.store.RenameThread(c.ctx, c.app, c.param("thread_id"), b.Name)
	if err != nil {
		return nil, err
	}
	return ok(map[string]string{"name": name})
}

// deleteThread: DELETE /thread/{thread_id} (G-THR-08).
func (s *Server) deleteThread(c *call) (*reply, error) {
	if err := s.store.DeleteThread(c.ctx, c.app, c.param("thread_id")); err != nil {
		return nil, err
	}
	return ok(threadOK)
}

// threadPage reads limit, cursor and sort.
func (c *call) threadPage() (int, string, string, error) {
	limit, err := c.queryInt("limit", 0)
	return limit, c.query("cursor"), c.query("sort"), err
}

// listThreads: GET /thread?limit&cursor&sort answers entities [{id}] and properties.cursor (G-THR-09).
func (s *Server) listThreads(c *call) (*reply, error) {
	limit, cursor, sort, err := c.threadPage()
	if err != nil {
		return nil, err
	}
	p, err := s.store.ThreadIDs(c.ctx, c.app, limit, cursor, sort)
	if err != nil {
		return nil, err
	}
	return &reply{entities: p.Items, properties: map[string]string{"cursor": p.Cursor}}, nil
}

// listUserThreads: GET /threads/user/{username} (G-THR-10).
func (s *Server) listUserThreads(c *call) (*reply, error) {
	return s.userThreads(c, "")
}

// listUserThreadsInGroup: GET /threads/chatgroups/{group_id}/user/{username} (G-THR-11).
func (s *Server) listUserThreadsInGroup(c *call) (*reply, error) {
	return s.userThreads(c, c.param("group_id"))
}

// userThreads pages a user's threads, in one group when groupID is not "".
func (s *Server) userThreads(c *call, groupID string) (*reply, error) {
	limit, cursor, sort, err := c.threadPage()
	if err != nil {
		return nil, err
	}
	p, err := s.store.UserThreads(c.ctx, c.app, groupID, c.param("username"), limit, cursor, sort)
	if err != nil {
		return nil, err
	}
	return &reply{entities: p.Items, properties: map[string]string{"cursor": p.Cursor}}, nil
}

// listThreadMembers: GET /thread/{thread_id}/users answers data.affiliations (G-THR-12).
func (s *Server) listThreadMembers(c *call) (*reply, error) {
	limit, err := c.queryInt("limit", 0)
	if err != nil {
		return nil, err
	}
	p, err := s.store.ThreadMembers(c.ctx, c.app, c.param("thread_id"), limit, c.query("cursor"))
	if err != nil {
		return nil, err
	}
	return &reply{data: map[string][]string{"affiliations": p.Items}, properties: map[string]string{"cursor": p.Cursor}}, nil
}

// addThreadMembers: POST /thread/{thread_id}/users {usernames} (G-THR-13).
func (s *Server) addThreadMembers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	if err := s.store.AddThreadMembers(c.ctx, c.app, c.param("thread_id"), names); err != nil {
		return nil, err
	}
	return ok(threadOK)
}

// removeThreadMembers: DELETE /thread/{thread_id}/users with a JSON body {usernames} answers
// entities [{result, user}] (G-THR-15); also served on /threads/... (G-THR-16).
func (s *Server) removeThreadMembers(c *call) (*reply, error) {
	names, err := c.usernames()
	if err != nil {
		return nil, err
	}
	res, err := s.store.RemoveThreadMembers(c.ctx, c.app, c.param("thread_id"), names)
	if err != nil {
		return nil, err
	}
	return &reply{entities: res}, nil
}
