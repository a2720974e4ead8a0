package store

import "fmt"

// Today's public chatroom pages' own words for the refusals whose reading differs by profile
// (the "R-xxx (today)" notes of behaviours-today.md). Exported because the contract refuses
// some of these requests before the store sees them (a batch over the wider of the two
// limits), and the HTTP layer answers the current profile with the same words.

// MsgAddMembersTooMany: R-MEM-04 (today), "addMembers number more than maxSize : 100".
func MsgAddMembersTooMany(max int) string {
	return fmt.Sprintf("addMembers: addMembers number more than maxSize : %d", max)
}

// MsgKickMembersTooMany: R-MEM-06 (today).
func MsgKickMembersTooMany(max int) string {
	return fmt.Sprintf("kickMember: kickMembers number more than maxSize : %d", max)
}

// MsgMuteTooMany: R-MUTE-02 (today).
func MsgMuteTooMany(max int) string {
	return fmt.Sprintf("userNames size is more than max limit : %d", max)
}

// MsgUnmuteTooMany: R-MUTE-03 (today), two spaces before the number as printed.
func MsgUnmuteTooMany(max int) string {
	return fmt.Sprintf("removeMute member size more than max limit :  %d", max)
}

// MsgUnblockTooMany: R-BLK-05 (today).
func MsgUnblockTooMany(max int) string {
	return fmt.Sprintf("removeBlacklist: list size more than max limit : %d", max)
}

// MsgAttributesBatchTooLarge: R-META-01/04/06/07 (today), more than 10 pairs or keys refuse the
// whole request.
func MsgAttributesBatchTooLarge(max int) string {
	return fmt.Sprintf("exceed allowed batch size %d", max)
}

// The chatroom allow list's words are the group allow list's (MsgAllowListAddTooMany,
// MsgAllowListRemoveTooMany): R-WHITE-03/04 (today).

// batchLimit is one batch call's limit in each profile, and today's words past it.
type batchLimit struct {
	field     string
	documents int // 001
	today     int // today's page
	words     func(max int) string
}

// check bounds names by the store's profile: past the documents' limit, the generic words of
// tooMany; past today's, the page's words (tooMany's where the page gives none).
func (b batchLimit) check(s *Store, names []string) error {
	if !s.current() {
		return checkBatch(b.field, names, b.documents)
	}
	if len(names) > b.today && b.words != nil {
		return Errorf(EINVALID, "%s", b.words(b.today))
	}
	return checkBatch(b.field, names, b.today)
}

// The batch calls whose limit or words differ by profile.
var (
	addMembersLimit  = batchLimit{"usernames", MaxBatchUsers, MaxChatroomBatchToday, MsgAddMembersTooMany}   // R-MEM-04
	kickMembersLimit = batchLimit{"usernames", MaxChatroomRemoveUsers, MaxBatchUsers, MsgKickMembersTooMany} // R-MEM-06
	muteLimit        = batchLimit{"usernames", MaxBatchUsers, MaxChatroomBatchToday, MsgMuteTooMany}         // R-MUTE-02
	unmuteLimit      = batchLimit{"usernames", MaxBatchUsers, MaxBatchUsers, MsgUnmuteTooMany}               // R-MUTE-03
	unblockLimit     = batchLimit{"usernames", MaxBatchUsers, MaxBatchUsers, MsgUnblockTooMany}              // R-BLK-05
	allowAddLimit    = batchLimit{"usernames", MaxBatchUsers, MaxChatroomBatchToday, MsgAllowListAddTooMany} // R-WHITE-03
	allowRemoveLimit = batchLimit{"usernames", MaxBatchUsers, MaxBatchUsers, MsgAllowListRemoveTooMany}      // R-WHITE-04
	blockLimit       = batchLimit{"usernames", MaxBatchUsers, MaxBatchUsers, nil}                            // R-BLK-04: the mock keeps 60, and its own words, in both
)

// MaxChatroomBatchToday is today's pages' limit of the chatroom batch add, mute and allow-list
// add (R-MEM-04, R-MUTE-02, R-WHITE-03 (today)); the contract's schemas take it, the wider.
const MaxChatroomBatchToday = 100

// attributeBatch bounds the pairs or keys of one attribute call (R-META-01/04/06/07): more than
// 10 refuse the whole request in both readings; today's pages give their own words.
func (s *Store) attributeBatch(field string, n int) error {
	if n <= MaxAttributesPerCall {
		return nil
	}
	if s.current() {
		return Errorf(EINVALID, "%s", MsgAttributesBatchTooLarge(MaxAttributesPerCall))
	}
	if field == "metaData" {
		return Errorf(EINVALID, "metaData: at most %d key-value pairs, got %d", MaxAttributesPerCall, n)
	}
	return tooMany(field, MaxAttributesPerCall, n)
}
