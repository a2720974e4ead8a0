package mockserver

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// answer is a family's own answer to a store code, in place of the row of `codes`.
type answer struct {
	errorKind
	say string // the description in place of the store's message, when set
}

// family is a set of operations that name some failures in their own words instead of the
// group service's (`codes`). Which family an operation is in comes from the contract: its tags
// (familyByTag), and for registration the 401 its responses document. Nothing here lists an
// operation id.
type family struct {
	name    string
	answers map[store.Code]answer
	// springReadsBody: a body that is not JSON is unreadableBody before any other check (G-THR-03).
	springReadsBody bool
}

// badRequest is the family's 400 for a request refused before any handler runs (a body that
// can not be read, a query that does not parse, a call that breaks the contract).
func (f *family) badRequest() errorKind {
	k, _ := classify(f, store.Errorf(store.EINVALID, ""))
	return k
}

var (
	groupService = &family{name: "group and chatroom calls"}
	// The user-registration and token calls are not the group service: their 400 is
	// illegal_argument (the U rows, C-06).
	userService = &family{name: "user and token calls (U rows, C-06)", answers: map[store.Code]answer{
		store.EINVALID: {errorKind: illegalArgument},
	}}
	// registration is userService plus the register pages' 401 (U-17): the mock runs in
	// authorized registration mode, so registering needs the app token. The pages give no
	// exception class: ours.
	registration = &family{name: "user registration (U-17)", answers: map[store.Code]answer{
		store.EINVALID:      {errorKind: illegalArgument},
		store.ETOKENBLANK:   {registrationUnauthorized, "Open registration doesn't allow, so register user need token"},
		store.EUNAUTHORIZED: {registrationUnauthorized, "token is illegal."},
	}}
	memberAttributes = &family{name: "group member attributes (G-MATTR)", answers: map[store.Code]answer{
		store.EINVALID: {errorKind: metadataInvalid},
	}}
	threads = &family{name: "threads (G-THR)", springReadsBody: true, answers: map[store.Code]answer{
		store.EINVALID: {errorKind: threadInvalid},
	}}
	messages = &family{name: "sending messages (message_group.md, message_single.md)", answers: map[store.Code]answer{
		store.EINVALID: {errorKind: messageInvalid},
	}}
)

// registrationUnauthorized is the register pages' 401 (U-17).
var registrationUnauthorized = errorKind{http.StatusUnauthorized, "unauthorized", "com.easemob.auth.exception.UnauthorizedException"}

// familyByTag names the family of every tag of the contract. A tag missing here stops the
// server from starting (familiesOf), so a new area of the contract is placed on purpose.
var familyByTag = map[string]*family{
	"auth":                    userService,
	"users":                   userService,
	"groups":                  groupService,
	"group-members":           groupService,
	"group-admins":            groupService,
	"group-blocks":            groupService,
	"group-mutes":             groupService,
	"group-files":             groupService,
	"group-announcements":     groupService,
	"group-allow-list":        groupService,
	"group-member-attributes": memberAttributes,
	"group-threads":           threads,
	"messages":                messages,
	"chatrooms":               groupService,
	"chatroom-super-admins":   groupService,
	"chatroom-members":        groupService,
	"chatroom-admins":         groupService,
	"chatroom-blocks":         groupService,
	"chatroom-allow-list":     groupService,
	"chatroom-mutes":          groupService,
	"chatroom-attributes":     groupService,
}

// familyOf is the family of one operation: the one its tags name (they must agree), or
// registration for a users operation whose contract documents the register pages' 401.
func familyOf(op *openapi.Operation) (*family, error) {
	var f *family
	for _, tag := range op.Tags {
		g, ok := familyByTag[tag]
		if !ok {
			return nil, fmt.Errorf("%s: tag %q has no error family (familyByTag)", op.ID, tag)
		}
		if f != nil && g != f {
			return nil, fmt.Errorf("%s: its tags name two error families, %q and %q", op.ID, f.name, g.name)
		}
		f = g
	}
	if f == nil {
		return nil, fmt.Errorf("%s: no tag, so no error family", op.ID)
	}
	if f == userService && documentsError(op, http.StatusUnauthorized, registrationUnauthorized.name) {
		return registration, nil
	}
	return f, nil
}

// familiesOf places every operation of the contract in its family, or says which can not be.
func familiesOf(ops []*openapi.Operation) (map[*openapi.Operation]*family, error) {
	out := make(map[*openapi.Operation]*family, len(ops))
	var problems []string
	for _, op := range ops {
		f, err := familyOf(op)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		out[op] = f
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, fmt.Errorf("mockserver: operations with no error family: %s", strings.Join(problems, "; "))
	}
	return out, nil
}

// looksUpAppFirst: the operation documents the user pages' 404 for an unknown org/app (U-06),
// so it looks the app up before the token.
func looksUpAppFirst(op *openapi.Operation) bool {
	return documentsError(op, http.StatusNotFound, appNotFound.name)
}

// documentsError reports whether the operation's contract documents, for status, an answer
// whose example names the error name.
func documentsError(op *openapi.Operation, status int, name string) bool {
	if op.Spec == nil || op.Spec.Responses == nil {
		return false
	}
	ref := op.Spec.Responses.Status(status)
	if ref == nil || ref.Value == nil {
		return false
	}
	mt := ref.Value.Content.Get("application/json")
	if mt == nil {
		return false
	}
	if ex, ok := mt.Example.(map[string]any); ok && ex["error"] == name {
		return true
	}
	for _, e := range mt.Examples {
		if e != nil && e.Value != nil {
			if ex, ok := e.Value.Value.(map[string]any); ok && ex["error"] == name {
				return true
			}
		}
	}
	return false
}
