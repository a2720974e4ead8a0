package mockserver

import (
	"fmt"
	"maps"
)

// handlers is the table of every operation the mock serves, keyed by operationId: one map per
// area, merged. A key in two areas is a defect and panics at start-up.
func (s *Server) handlers() map[string]handlerFunc {
	table := map[string]handlerFunc{}
	for _, area := range []map[string]handlerFunc{
		s.authHandlers(),
		s.userHandlers(),
		s.groupHandlers(),
		s.groupMemberHandlers(),
		s.groupAdminHandlers(),
		s.groupBlockHandlers(),
		s.groupMuteHandlers(),
		s.groupFileHandlers(),
		s.groupAllowListHandlers(),
		s.groupStateHandlers(),
		s.groupMemberAttributeHandlers(),
		s.threadHandlers(),
		s.messageHandlers(),
		s.chatroomHandlers(),
		s.chatroomSuperAdminHandlers(),
		s.chatroomMemberHandlers(),
		s.chatroomAdminHandlers(),
		s.chatroomBlockHandlers(),
		s.chatroomAllowListHandlers(),
		s.chatroomMuteHandlers(),
		s.chatroomAttributeHandlers(),
	} {
		for id := range area {
			if table[id] != nil {
				panic(fmt.Sprintf("mockserver: operation %s has two handlers", id))
			}
		}
		maps.Copy(table, area)
	}
	return table
}
