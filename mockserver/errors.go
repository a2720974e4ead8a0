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

// errorRow is one row of the error table: an answer and the case it is given for, which
// CONTRIBUTING.md's list of error names shows (generated from this table, see errors_doc_test.go).
type errorRow struct {
	errorKind
	when string
}

// codes is the one table from store error codes to the service's answer: every status, error
// name and exception the mock gives for a store error comes from here, or from the row of the
// operation's family that overrides it (error_families.go). The store owns the messages (they
// become `error_description`); this table owns everything else.
var codes = map[store.Code]errorRow{
	store.ENOTFOUND:     {errorKind{http.StatusNotFound, "resource_not_found", "com.easemob.group.exception.ResourceNotFoundException"}, "a missing group, chatroom or user (most calls); promoting a user who is not in the group (O-04)"},
	store.ESVCNOTFOUND:  {errorKind{http.StatusNotFound, "service_resource_not_found", "com.easemob.group.exception.ServiceResourceNotFoundException"}, "a missing group on details and member list (C-08); getting or deleting a user who does not exist (U-08, U-10)"},
	store.EFILENOTFOUND: {errorKind{http.StatusNotFound, "not_found", "com.sun.jersey.api.NotFoundException"}, "an unknown shared file (G-FILE-03/04)"},
	store.EFORBIDDEN:    {errorKind{http.StatusForbidden, "forbidden_op", "com.easemob.group.exception.ForbiddenOpException"}, "an operation the rules forbid: on the owner, on a non-member, demoting a non-admin (O-05), maxusers below the member count (O-07)"},
	store.ENOTINROOM:    {errorKind{http.StatusBadRequest, "forbidden_op", "com.easemob.group.exception.ForbiddenOpException"}, "removing users who are not in the chatroom (R-MEM-05/06)"},
	store.EINVALID:      {badRequest, "a broken rule, or a request the contract refuses (O-02); muting a non-member (O-06)"},
	store.ETOOLARGE:     {payloadTooLarge, "a shared file over 10 MB (a body over its cap, refused before the store, gets the same answer where the operation documents 413)"},
	store.EUNAUTHORIZED: {groupAuthorization, "a malformed, unknown or expired token, or another app's"},
	store.ETOKENBLANK:   {groupAuthorization, `no Authorization header at all: "token is blank!" (O-03)`},
	store.ECREDENTIALS:  {errorKind{http.StatusUnauthorized, "invalid_grant", "com.easemob.auth.exception.InvalidGrantException"}, "bad client credentials on /token"},
	store.EDUPLICATE:    {errorKind{http.StatusBadRequest, "duplicate_unique_property_exists", "org.apache.usergrid.persistence.exceptions.DuplicateUniquePropertyExistsException"}, "a username already registered"},
	store.ELIMIT:        {reachLimit, "a cap of the mock (store/caps.go) is reached"},
	store.ELIMITED:      {errorKind{http.StatusTooManyRequests, "resource_limited", "com.easemob.common.exception.ResourceLimitedException"}, "the app's user cap (the free plan, U-18)"},
	// Today's pages (G-MATTR, G-THR): their own names.
	store.EMETADATA:          {metadataInvalid, "member attributes: a broken rule (G-MATTR-02, -06, -11)"},
	store.EMETADATAMISSING:   {errorKind{http.StatusNotFound, "metadata_error", metadataException}, "member attributes: the group is missing (G-MATTR-11)"},
	store.EMETADATAFORBIDDEN: {errorKind{http.StatusForbidden, "metadata_error", metadataException}, "member attributes: the app's feature is off (G-MATTR-11)"},
	store.EMETADATANOTIN:     {errorKind{http.StatusNotFound, "MetadataException", metadataException}, "member attributes: the user is not in the group (G-MATTR-04)"},
	store.ETHREAD:            {threadInvalid, "threads: a broken rule (G-THR-03..15)"},
	store.ETHREADFORBIDDEN:   {errorKind{http.StatusForbidden, "group_error", groupErrorException}, "threads: the feature is off, a thread limit"},
	store.ETHREADMISSING:     {errorKind{http.StatusNotFound, "group_error", groupErrorException}, "threads: the thread, group, message or member is missing"},
	store.EMESSAGE:           {messageInvalid, "sending a message: over 5 KB, or to too many receivers"},
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

// unreadableBody is how the thread calls answer a body that is not JSON (G-THR-03): Spring's
// words for a body its converter can not read. The page gives no exception class: ours.
var unreadableBody = errorKind{http.StatusBadRequest, "param_illegal", "org.springframework.http.converter.HttpMessageNotReadableException"}

const msgUnreadableBody = "Failed to read HTTP message"

// illegalArgument is how the user-registration and token calls name a bad request (the U rows,
// C-06): they are not the group service, whose 400s are invalid_parameter (O-02).
var illegalArgument = errorKind{http.StatusBadRequest, "illegal_argument", "java.lang.IllegalArgumentException"}

// appNotFound is the user pages' 404 for an org/app the service does not know (U-06), given by
// the operations whose contract documents it (looksUpAppFirst). The page gives no exception: ours.
var appNotFound = errorKind{http.StatusNotFound, "organization_application_not_found", "com.easemob.management.exception.OrganizationApplicationNotFoundException"}

// appNotFoundMessage: "Could not find application for XXX/XXX from URI: XXX/XXX/users".
func appNotFoundMessage(app store.AppKey, path string) string {
	return "Could not find application for " + app.Org + "/" + app.App + " from URI: " + strings.TrimPrefix(path, "/")
}

// The answers several rows share, and failures that do not come from the store.
var (
	// badRequest is the group service's 400 (O-02); where the operation is known, use its
	// family's badRequest, which keeps the user and token calls' illegal_argument.
	badRequest         = errorKind{http.StatusBadRequest, "invalid_parameter", "com.easemob.group.exception.InvalidParameterException"}
	payloadTooLarge    = errorKind{http.StatusRequestEntityTooLarge, "payload_too_large", "com.easemob.common.exception.PayloadTooLargeException"}
	groupAuthorization = errorKind{http.StatusUnauthorized, "group_authorization", "com.easemob.group.exception.GroupAuthorizationException"}
	notFoundRoute      = errorKind{http.StatusNotFound, "not_found", "com.sun.jersey.api.NotFoundException"}
	methodNotAllowed   = errorKind{http.StatusMethodNotAllowed, "method_not_allowed", "javax.ws.rs.NotAllowedException"}
	reachLimit         = errorKind{http.StatusTooManyRequests, "reach_limit", "com.easemob.common.exception.ReachLimitException"} // also C-04, --rate-limits
	internalError      = errorKind{http.StatusInternalServerError, "internal_server_error", "java.lang.RuntimeException"}
)

// otherAnswers are the answers no store code gives, with their case (for CONTRIBUTING.md's list).
var otherAnswers = []errorRow{
	{notFoundRoute, "a path no operation has"},
	{methodNotAllowed, "a path the contract has, with another method (the answer lists them in `Allow`)"},
	{reachLimit, "a rate limit (`--rate-limits`, C-04)"},
	{appNotFound, "an org/app the service does not know, on the calls that look it up before the token (U-06)"},
	{unreadableBody, "a body that is not JSON, on the thread calls (G-THR-03)"},
	{internalError, "a defect of the mock (a panic, an error that is not a store error); the contract has no 500"},
}

// classify maps any error of an operation of family f (nil: no operation, the group service)
// to the answer and its description. An error that is not a *store.Error is a defect of the
// mock: it answers 500 and says so.
func classify(f *family, err error) (errorKind, string) {
	var se *store.Error
	if !errors.As(err, &se) {
		return internalError, "internal error: " + err.Error()
	}
	if f != nil {
		if a, ok := f.answers[se.Code]; ok {
			if a.say != "" {
				return a.errorKind, a.say
			}
			return a.errorKind, se.Message
		}
	}
	if row, ok := codes[se.Code]; ok {
		return row.errorKind, se.Message
	}
	return internalError, "unmapped store error code " + string(se.Code) + ": " + se.Message
}

// invalid builds the 400 a handler gives for a body it can not decode, naming the field.
func invalid(format string, args ...any) error {
	return store.Errorf(store.EINVALID, format, args...)
}
