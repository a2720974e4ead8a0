package store

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies a store error: one code for each answer an operation may have to tell apart,
// so the HTTP layer never reads a message to choose one. The HTTP layer owns the one table
// (`codes` in mockserver/errors.go, listed in CONTRIBUTING.md) that maps each code to a status
// and to the Easemob `error` / `exception` strings; the store owns the messages, which become
// `error_description`. The values are the Easemob `error` names the codes usually map to.
type Code string

const (
	ENOTFOUND     Code = "resource_not_found"               // 404: missing group, chatroom or user
	ESVCNOTFOUND  Code = "service_resource_not_found"       // 404: missing group on details and member list (C-08)
	EFILENOTFOUND Code = "not_found"                        // 404: unknown shared file (G-FILE-03/04)
	EFORBIDDEN    Code = "forbidden_op"                     // 403
	EINVALID      Code = "invalid_parameter"                // 400: a rule on the input or on the state is broken (O-02; user and token calls name it illegal_argument)
	ENOTINROOM    Code = "forbidden_op_not_in_room"         // 400 forbidden_op: removing users who are not in the chatroom (R-MEM-05/06)
	ETOOLARGE     Code = "payload_too_large"                // 413: shared file over 10 MB
	EUNAUTHORIZED Code = "group_authorization"              // 401: a malformed, unknown or expired token, or another app's
	ETOKENBLANK   Code = "group_authorization/blank"        // 401: no token at all (O-03; the register pages say it in their own words, U-17)
	ECREDENTIALS  Code = "invalid_grant"                    // 401: bad client credentials on /token
	EDUPLICATE    Code = "duplicate_unique_property_exists" // 400: username already registered
	ELIMIT        Code = "reach_limit"                      // 429: a cap of the mock (caps.go) is reached
	ELIMITED      Code = "resource_limited"                 // 429: the app's user cap (the free plan, U-18)
	// Today's pages name their own errors, one name for several statuses, so each status has
	// its own code (the values only need to differ; the HTTP layer's table gives the names).
	EMETADATA          Code = "metadata_error"     // 400: a member-attribute rule (G-MATTR-02, -06, -11)
	EMETADATAMISSING   Code = "metadata_error/404" // 404 metadata_error: the group is missing (G-MATTR-11)
	EMETADATAFORBIDDEN Code = "metadata_error/403" // 403 metadata_error: the app's feature is off (G-MATTR-11)
	EMETADATANOTIN     Code = "MetadataException"  // 404: the user is not in the group (G-MATTR-04)
	ETHREAD            Code = "group_error"        // 400: a thread rule (G-THR-03..15)
	EMESSAGE           Code = "message_send_error" // 400: a message over 5 KB or to too many receivers
	ETHREADFORBIDDEN   Code = "group_error/403"    // 403 group_error: the feature is off, a thread limit
	ETHREADMISSING     Code = "group_error/404"    // 404 group_error: thread, group, message or member missing
)

// Error is the only error type store methods return.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Errorf builds an *Error.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a store error, or "" for any other error (or nil).
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// ErrorMessage returns the message of a store error, or err.Error() for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// One constructor per documented error, reproducing the documents' text exactly (002 unless
// noted). Messages the documents do not give are ours, and say what is wrong and what is allowed.

// groupNotFound: 002, every group call except details and member list.
func groupNotFound(id string) *Error {
	return Errorf(ENOTFOUND, "grpID %s does not exist!", id)
}

// groupNotFoundDetails: 002, group details and member list.
func groupNotFoundDetails(id string) *Error {
	return Errorf(ESVCNOTFOUND, "do not find this group:%s", id)
}

// userNotFound: 002 "username user20 doesn't exist!".
func userNotFound(username string) *Error {
	return Errorf(ENOTFOUND, "username %s doesn't exist!", username)
}

// userNotFoundInvalid is the 400 reading of a missing user (000; G-ADM-02/03, G-MUTE-05, R-MEM-03).
func userNotFoundInvalid(username string) *Error {
	return Errorf(EINVALID, "username %s doesn't exist!", username)
}

// notMembers: 002 "users [user8] are not members of this group!".
func notMembers(usernames []string) *Error {
	return Errorf(EFORBIDDEN, "users [%s] are not members of this group!", strings.Join(usernames, ", "))
}

// ownerForbidden: 002 "forbidden operation on group owner!".
func ownerForbidden() *Error {
	return Errorf(EFORBIDDEN, "forbidden operation on group owner!")
}

// notInGroup: 002 owner transfer "user: user6 doesn't exist in group: 66016455491585".
func notInGroup(username, groupID string) *Error {
	return Errorf(EFORBIDDEN, "%s", notInGroupReason(username, groupID))
}

func notInGroupReason(username, groupID string) string {
	return fmt.Sprintf("user: %s doesn't exist in group: %s", username, groupID)
}

// batchUserMissingReason: 002's batch-remove example "user ttestuser0015981 doesn't exist.".
func batchUserMissingReason(username string) string {
	return fmt.Sprintf("user %s doesn't exist.", username)
}

// blockUserMissingReason: 000's batch-block example "the user hxt001 doesn't exist".
func blockUserMissingReason(username string) string {
	return fmt.Sprintf("the user %s doesn't exist", username)
}

// groupMissingInDetails: 000/002 prose for details of several ids (G-GRP-05).
const groupMissingInDetails = "group id doesn't exist"

// fileNotFound: 002 "null for uri: http://.../chatgroups/{id}/share_files/{file_id}". The store
// does not know the host, so the URI is the path below it.
func fileNotFound(app AppKey, groupID, fileID string) *Error {
	return Errorf(EFILENOTFOUND, "null for uri: /%s/%s/chatgroups/%s/share_files/%s", app.Org, app.App, groupID, fileID)
}

// duplicateUser: the user-registration page's wording (see openapi/src/base.yaml).
func duplicateUser(appUUID, username string) *Error {
	return Errorf(EDUPLICATE, "Application %s Entity user requires that property named username be unique, value of %s exists", appUUID, username)
}

// Messages the real service was observed to give (O-02): exported because the contract refuses
// these requests before the store sees them, and the HTTP layer answers with the same words.
const (
	MsgGroupPublicMissing  = "group must contain public field!"
	MsgGroupOwnerMissing   = "owner must be provided"
	MsgChatroomNameMissing = "chatroom must contain title/name field!"
	// The registration pages' words for a user without a password or a username (U-12, U-14).
	MsgPasswordMissing = "password or pin must provided"
	MsgUsernameMissing = "Entity user requires a property named username"
	// The registration pages' words for a username over 64 bytes and a nickname over 100
	// characters (U-12, U-14).
	MsgUsernameTooLong = "USERNAME_TOO_LONG"
	MsgNicknameTooLong = "NICKNAME_TOO_LONG"
)

// MsgUsernameNotLegal is the registration pages' words for a username of characters the
// service does not take, or an empty one (U-12).
func MsgUsernameNotLegal(username string) string {
	return fmt.Sprintf("username [%s] is not legal", username)
}

// MsgRegistrationTooMany is the batch registration page's words for more than max users in
// one call (U-11), size being how many were sent.
func MsgRegistrationTooMany(size, max int) string {
	return fmt.Sprintf("Request body array size[%d] had almost reached or been greater than the upper range value[%d]", size, max)
}

// MsgAllowListAddTooMany and MsgAllowListRemoveTooMany are the group allow list pages' words
// for a batch over its limit (G-WHITE-05, G-WHITE-07).
func MsgAllowListAddTooMany(max int) string {
	return fmt.Sprintf("usernames size is more than max limit : %d", max)
}

func MsgAllowListRemoveTooMany(max int) string {
	return fmt.Sprintf("removeWhitelist size is more than max limit : %d", max)
}

// notMembersInvalid: O-06, muting a user who is not a member (registered or not) is 400
// invalid_parameter with 002's not-a-member wording, for groups and chatrooms alike.
func notMembersInvalid(usernames []string) *Error {
	return Errorf(EINVALID, "users [%s] are not members of this group!", strings.Join(usernames, ", "))
}

// notInGroupMissing: O-04, promoting a user who is not in the group (or is no user at all).
func notInGroupMissing(username, groupID string) *Error {
	return Errorf(ENOTFOUND, "%s", notInGroupReason(username, groupID))
}

// notGroupAdmin: O-05, demoting a member who is not an admin.
func notGroupAdmin(username, groupID string) *Error {
	return Errorf(EFORBIDDEN, "user:%s is not admin of group:%s", username, groupID)
}

// chatroomMaxUsersBelowCount: O-07, the service's words, spacing included.
func chatroomMaxUsersBelowCount() *Error {
	return Errorf(EFORBIDDEN, "current user count is larger than the maxUsers that you want to update !")
}

// blankToken: O-03, a call with no Authorization header at all. Its own code, so an operation
// that words it otherwise (registration, U-17) is told by the code, never by these words.
func blankToken() *Error {
	return Errorf(ETOKENBLANK, "token is blank!")
}

// BadToken is 002's 401 for a token that is malformed, unknown, expired or another app's: the
// store's verdict on a token, and the HTTP layer's on an Authorization header that is no token.
func BadToken() *Error {
	return Errorf(EUNAUTHORIZED, "this token is bad, or has expired!")
}

// badCredentials: base.yaml's /token example.
func badCredentials() *Error {
	return Errorf(ECREDENTIALS, "client credentials are invalid")
}

// chatroomNotFound: 001 gives no message; chatrooms are groups inside the service, so the mock
// uses the group wording.
func chatroomNotFound(id string) *Error {
	return Errorf(ENOTFOUND, "grpID %s does not exist!", id)
}

// notInChatroom: 001's batch-block reason "user: user3 doesn't exist in chatroom: 66XXXX33".
func notInChatroom(username, roomID string) *Error {
	return Errorf(EFORBIDDEN, "%s", notInChatroomReason(username, roomID))
}

func notInChatroomReason(username, roomID string) string {
	return fmt.Sprintf("user: %s doesn't exist in chatroom: %s", username, roomID)
}

// chatroomOwnerForbidden: the group wording with "chatroom"; 001 gives none.
func chatroomOwnerForbidden() *Error {
	return Errorf(EFORBIDDEN, "forbidden operation on chatroom owner!")
}

// tooMany and tooFew keep the spec's limits here too (defence in depth), naming the field.
func tooMany(field string, max, got int) *Error {
	return Errorf(EINVALID, "%s: at most %d items, got %d", field, max, got)
}

func tooFew(field string, min, got int) *Error {
	if min == 1 {
		return Errorf(EINVALID, "%s: at least 1 item, got %d", field, got)
	}
	return Errorf(EINVALID, "%s: at least %d items, got %d", field, min, got)
}

func tooLong(field string, max, got int) *Error {
	return Errorf(EINVALID, "%s: at most %d characters, got %d", field, max, got)
}

// userCapReached: the register pages' words for the free plan's cap (U-18), spacing as printed.
func userCapReached() *Error {
	return Errorf(ELIMITED, "You have exceeded the limit of the community edition,Please upgrade to the enterprise edition")
}
