package mockserver

import (
	"errors"
	"net/http"
	"strings"

	"github.com/emcontract/emcontract/mockserver/store"
)

// errorKind is what the service writes for one kind of failure: the status and the `error` and
// `exception` strings of its error body (CONTRIBUTING.md).
type errorKind struct {
	status    int
	name      string
	exception string
}

// codes is the one table from store error codes to the service's answer. The store owns the
// messages (they become `error_description`); this table owns everything else.
var codes = map[store.Code]errorKind{
	store.ENOTFOUND:     {http.StatusNotFound, "resource_not_found", "com.easemob.group.exception.ResourceNotFoundException"},
	store.ESVCNOTFOUND:  {http.StatusNotFound, "service_resource_not_found", "com.easemob.group.exception.ServiceResourceNotFoundException"},
	store.EFILENOTFOUND: {http.StatusNotFound, "not_found", "com.sun.jersey.api.NotFoundException"},
	store.EFORBIDDEN:    {http.StatusForbidden, "forbidden_op", "com.easemob.group.exception.ForbiddenOpException"},
	store.ENOTINROOM:    {http.StatusBadRequest, "forbidden_op", "com.easemob.group.exception.ForbiddenOpException"},
	store.EINVALID:      {http.StatusBadRequest, "invalid_parameter", "com.easemob.group.exception.InvalidParameterException"},
	store.ETOOLARGE:     {http.StatusRequestEntityTooLarge, "payload_too_large", "com.easemob.common.exception.PayloadTooLargeException"},
	store.EUNAUTHORIZED: {http.StatusUnauthorized, "group_authorization", "com.easemob.group.exception.GroupAuthorizationException"},
	store.ECREDENTIALS:  {http.StatusUnauthorized, "invalid_grant", "com.easemob.auth.exception.InvalidGrantException"},
	store.EDUPLICATE:    {http.StatusBadRequest, "duplicate_unique_property_exists", "org.apache.usergrid.persistence.exceptions.DuplicateUniquePropertyExistsException"},
	store.ELIMIT:        {http.StatusTooManyRequests, "reach_limit", "com.easemob.common.exception.ReachLimitException"},
	store.ELIMITED:      {http.StatusTooManyRequests, "resource_limited", "com.easemob.common.exception.ResourceLimitedException"},
	// Today's pages (G-MATTR, G-THR): their own names.
	store.EMETADATA:          metadataInvalid,
	store.EMETADATAMISSING:   {http.StatusNotFound, "metadata_error", metadataException},
	store.EMETADATAFORBIDDEN: {http.StatusForbidden, "metadata_error", metadataException},
	store.EMETADATANOTIN:     {http.StatusNotFound, "MetadataException", metadataException},
	store.ETHREAD:            threadInvalid,
	store.ETHREADFORBIDDEN:   {http.StatusForbidden, "group_error", groupErrorException},
	store.ETHREADMISSING:     {http.StatusNotFound, "group_error", groupErrorException},
	store.EMESSAGE:           messageInvalid,
}

// metadataInvalid and threadInvalid are how the member-attribute and the thread calls name a
// request that breaks a rule (G-MATTR, G-THR), their own words for the group service's 400.
// The pages give no exception classes: ours.
var (
	metadataInvalid = errorKind{http.StatusBadRequest, "metadata_error", metadataException}
	threadInvalid   = errorKind{http.StatusBadRequest, "group_error", groupErrorException}
	// messageInvalid is the send pages' failure example ("message is too large"), exception
	// as printed there; the pages name no other 400, so the mock says every one with it.
	messageInvalid = errorKind{http.StatusBadRequest, "message_send_error", "MessageSendException"}
)

const (
	metadataException   = "com.easemob.metadata.exception.MetadataException"
	groupErrorException = "com.easemob.group.exception.GroupErrorException"
)

// metadataOperations, messageOperations and threadOperations answer a broken rule (EINVALID, and a request the
// contract refuses) with their own 400 instead of invalid_parameter.
var (
	metadataOperations = map[string]bool{"setGroupMemberAttributes": true, "getGroupMemberAttributes": true, "getGroupMembersAttributes": true, "setGroupMembersAttributesBatch": true}
	messageOperations  = map[string]bool{"sendGroupMessage": true, "sendUserMessage": true}
	threadOperations   = map[string]bool{"createThread": true, "renameThread": true, "deleteThread": true, "listThreads": true, "listUserThreads": true, "listUserThreadsInGroup": true, "listThreadMembers": true, "addThreadMembers": true, "removeThreadMembers": true, "removeThreadMembersPlural": true}
)

// unreadableBody is how the thread calls answer a body that is not JSON (G-THR-03): Spring's
// words for a body its converter can not read. The page gives no exception class: ours.
var unreadableBody = errorKind{http.StatusBadRequest, "param_illegal", "org.springframework.http.converter.HttpMessageNotReadableException"}

const msgUnreadableBody = "Failed to read HTTP message"

// illegalArgument is how the user-registration and token calls name a bad request (the U rows,
// C-06): they are not the group service, whose 400s are invalid_parameter (O-02).
var illegalArgument = errorKind{http.StatusBadRequest, "illegal_argument", "java.lang.IllegalArgumentException"}

// userOperations answer a broken rule (EINVALID) with illegalArgument instead of the group
// service's invalid_parameter.
var userOperations = map[string]bool{"getAppToken": true, "registerUsers": true, "getUser": true, "deleteUser": true, "listUsers": true, "deleteUsers": true}

// appNotFound is the user pages' 404 for an org/app the service does not know (U-06); the
// calls in appLookupFirst look the app up before the token. The page gives no exception: ours.
var (
	appNotFound    = errorKind{http.StatusNotFound, "organization_application_not_found", "com.easemob.management.exception.OrganizationApplicationNotFoundException"}
	appLookupFirst = map[string]bool{"listUsers": true, "deleteUsers": true}
)

// appNotFoundMessage: "Could not find application for XXX/XXX from URI: XXX/XXX/users".
func appNotFoundMessage(app store.AppKey, path string) string {
	return "Could not find application for " + app.Org + "/" + app.App + " from URI: " + strings.TrimPrefix(path, "/")
}

// Failures that do not come from the store.
var (
	// badRequest is the group service's 400 (O-02); where the operation is known, use
	// badRequestFor, which keeps the user and token calls' illegal_argument.
	badRequest       = codes[store.EINVALID]
	payloadTooLarge  = codes[store.ETOOLARGE]
	notFoundRoute    = errorKind{http.StatusNotFound, "not_found", "com.sun.jersey.api.NotFoundException"}
	methodNotAllowed = errorKind{http.StatusMethodNotAllowed, "method_not_allowed", "javax.ws.rs.NotAllowedException"}
	reachLimit       = codes[store.ELIMIT] // C-04, --rate-limits
	internalError    = errorKind{http.StatusInternalServerError, "internal_server_error", "java.lang.RuntimeException"}
)

// badTokenMessage is 002's wording for every 401 on a group or chatroom call.
const badTokenMessage = "this token is bad, or has expired!"

// registrationUnauthorized is the register pages' 401 (U-17): the mock runs in authorized
// registration mode, so registering needs the app token. The pages give no exception class: ours.
var registrationUnauthorized = errorKind{http.StatusUnauthorized, "unauthorized", "com.easemob.auth.exception.UnauthorizedException"}

// The register pages' words (U-17): no token at all, or a token that does not fit the app.
const (
	msgRegistrationNeedsToken = "Open registration doesn't allow, so register user need token"
	msgRegistrationBadToken   = "token is illegal."
)

// classify maps any error a handler of operationID returns to the answer and its description.
// An error that is not a *store.Error is a defect of the mock: it answers 500 and says so.
func classify(operationID string, err error) (errorKind, string) {
	var se *store.Error
	if errors.As(err, &se) {
		if se.Code == store.EUNAUTHORIZED && operationID == "registerUsers" {
			if se.Message == store.MsgTokenBlank {
				return registrationUnauthorized, msgRegistrationNeedsToken
			}
			return registrationUnauthorized, msgRegistrationBadToken
		}
		if se.Code == store.EINVALID && userOperations[operationID] {
			return illegalArgument, se.Message
		}
		if se.Code == store.EINVALID && metadataOperations[operationID] {
			return metadataInvalid, se.Message
		}
		if se.Code == store.EINVALID && threadOperations[operationID] {
			return threadInvalid, se.Message
		}
		if se.Code == store.EINVALID && messageOperations[operationID] {
			return messageInvalid, se.Message
		}
		if k, ok := codes[se.Code]; ok {
			return k, se.Message
		}
		return internalError, "unmapped store error code " + string(se.Code) + ": " + se.Message
	}
	return internalError, "internal error: " + err.Error()
}

// badRequestFor is the 400 of operationID for a request refused before any handler runs (a body
// that can not be read, a query that does not parse, a call that breaks the contract).
func badRequestFor(operationID string) errorKind {
	k, _ := classify(operationID, store.Errorf(store.EINVALID, ""))
	return k
}

// invalid builds the 400 a handler gives for a body it can not decode, naming the field.
func invalid(format string, args ...any) error {
	return store.Errorf(store.EINVALID, format, args...)
}
