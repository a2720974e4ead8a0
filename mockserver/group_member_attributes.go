package mockserver

import "github.com/emcontract/emcontract/mockserver/store"

func (s *Server) groupMemberAttributeHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"setGroupMemberAttributes":       s.setGroupMemberAttributes,
		"getGroupMemberAttributes":       s.getGroupMemberAttributes,
		"getGroupMembersAttributes":      s.getGroupMembersAttributes,
		"setGroupMembersAttributesBatch": s.setGroupMembersAttributesBatch,
	}
}

// slim is the member-attribute calls' answer: {timestamp, data, duration} (G-MATTR-01).
func slim[T any](data T, err error) (*reply, error) {
	if err != nil {
		return nil, err
	}
	return &reply{data: data, slim: true}, nil
}

// setGroupMemberAttributes: PUT /metadata/chatgroup/{id}/user/{username} {metaData} (G-MATTR-01).
func (s *Server) setGroupMemberAttributes(c *call) (*reply, error) {
	var b struct {
		MetaData map[string]string `json:"metaData"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return slim(s.store.SetMemberAttributes(c.ctx, c.app, c.param("group_id"), c.param("username"), b.MetaData))
}

// getGroupMemberAttributes: GET /metadata/chatgroup/{id}/user/{username} (G-MATTR-04).
func (s *Server) getGroupMemberAttributes(c *call) (*reply, error) {
	return slim(s.store.MemberAttributes(c.ctx, c.app, c.param("group_id"), c.param("username")))
}

// getGroupMembersAttributes: POST /metadata/chatgroup/{id}/get {targets, properties} (G-MATTR-06).
func (s *Server) getGroupMembersAttributes(c *call) (*reply, error) {
	var b struct {
		Targets    []string `json:"targets"`
		Properties []string `json:"properties"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return slim(s.store.MemberAttributesOf(c.ctx, c.app, c.param("group_id"), b.Targets, b.Properties))
}

// setGroupMembersAttributesBatch: PUT /metadata/chatgroup/{id}/users/batch [{username, metadata}]
// (G-MATTR-09, G-MATTR-10).
func (s *Server) setGroupMembersAttributesBatch(c *call) (*reply, error) {
	var items []store.MemberAttrUpdate
	if err := c.decode(&items); err != nil {
		return nil, err
	}
	return slim(s.store.SetMemberAttributesBatch(c.ctx, c.app, c.param("group_id"), items))
}
