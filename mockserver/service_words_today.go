package mockserver

import (
	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// todayServiceWords are today's public chatroom pages' words for a request the contract
// refuses (a batch over the wider of the two readings' limits), said only by a mock of the
// current profile (README "Profiles"; the "R-xxx (today)" notes). The store says the same words
// past today's limit when a request reaches it; the documents profile keeps serviceWords and
// the contract's own description.
var todayServiceWords = map[refusalRule]func(value any) string{
	{"addChatroomMembers", "body", "usernames", "maxItems"}:             said(store.MsgAddMembersTooMany(store.MaxChatroomBatchToday)),      // R-MEM-04
	{"removeChatroomMembers", "path", "username", "maxItems"}:           said(store.MsgKickMembersTooMany(store.MaxBatchUsers)),             // R-MEM-06
	{"muteChatroomMembers", "body", "usernames", "maxItems"}:            said(store.MsgMuteTooMany(store.MaxChatroomBatchToday)),            // R-MUTE-02
	{"unmuteChatroomMembers", "path", "username", "maxItems"}:           said(store.MsgUnmuteTooMany(store.MaxBatchUsers)),                  // R-MUTE-03
	{"unblockChatroomUsers", "path", "username", "maxItems"}:            said(store.MsgUnblockTooMany(store.MaxBatchUsers)),                 // R-BLK-05
	{"addChatroomAllowListUsers", "body", "usernames", "maxItems"}:      said(store.MsgAllowListAddTooMany(store.MaxChatroomBatchToday)),    // R-WHITE-03
	{"removeChatroomAllowListUsers", "path", "username", "maxItems"}:    said(store.MsgAllowListRemoveTooMany(store.MaxBatchUsers)),         // R-WHITE-04
	{"setChatroomAttributes", "body", "metaData", "maxProperties"}:      said(store.MsgAttributesBatchTooLarge(store.MaxAttributesPerCall)), // R-META-01
	{"forceSetChatroomAttributes", "body", "metaData", "maxProperties"}: said(store.MsgAttributesBatchTooLarge(store.MaxAttributesPerCall)), // R-META-04
	{"deleteChatroomAttributes", "body", "keys", "maxItems"}:            said(store.MsgAttributesBatchTooLarge(store.MaxAttributesPerCall)), // R-META-06
	{"forceDeleteChatroomAttributes", "body", "keys", "maxItems"}:       said(store.MsgAttributesBatchTooLarge(store.MaxAttributesPerCall)), // R-META-07
}

// profileRefusalMessage is refusalMessage in the store's profile: under the current profile
// today's words come first when they cover the refusal.
func (s *Server) profileRefusalMessage(operationID string, vs []openapi.Violation, body []byte, pathParams map[string]string) string {
	if s.store.Profile() == store.ProfileCurrent {
		for _, v := range vs {
			if words, ok := todayServiceWords[refusalRule{operationID, v.In, anyIndex(v.Field), v.Rule}]; ok {
				return words(nil)
			}
		}
	}
	return refusalMessage(operationID, vs, body, pathParams)
}
