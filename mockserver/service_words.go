package mockserver

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// refusalRule names one rule of one operation's contract that a request can break before any
// handler runs: where (body or path), which field (array indexes written "*", so "*.username"
// is the username of any user of a batch; "" is the whole body) and which schema keyword.
type refusalRule struct {
	operation, in, field, rule string
}

// serviceWords is the one table of the service's own words for a request the contract
// refuses, by operation and rule, where the catalogue gives them (O-02; the U, G-WHITE rows of
// part pub). Each entry turns the value at fault into the error_description; the store says
// the same words when a request reaches it. A refusal no entry covers names every field and
// the rule it breaks (describeViolations).
var serviceWords = map[refusalRule]func(value any) string{
	{"createGroup", "body", "public", "required"}:       said(store.MsgGroupPublicMissing),
	{"createGroup", "body", "owner", "required"}:        said(store.MsgGroupOwnerMissing),
	{"createChatroom", "body", "name", "required"}:      said(store.MsgChatroomNameMissing),
	{"registerUsers", "body", "password", "required"}:   said(store.MsgPasswordMissing),
	{"registerUsers", "body", "*.password", "required"}: said(store.MsgPasswordMissing),
	{"registerUsers", "body", "username", "required"}:   said(store.MsgUsernameMissing),
	{"registerUsers", "body", "*.username", "required"}: said(store.MsgUsernameMissing),
	// U-11: a batch over 60.
	{"registerUsers", "body", "", "maxItems"}: func(v any) string {
		arr, _ := v.([]any)
		return store.MsgRegistrationTooMany(len(arr), store.MaxUsersPerRegistration)
	},
	// U-12, U-14.
	{"registerUsers", "body", "username", "maxLength"}:   said(store.MsgUsernameTooLong),
	{"registerUsers", "body", "*.username", "maxLength"}: said(store.MsgUsernameTooLong),
	{"registerUsers", "body", "username", "pattern"}:     usernameNotLegal,
	{"registerUsers", "body", "*.username", "pattern"}:   usernameNotLegal,
	{"registerUsers", "body", "username", "minLength"}:   usernameNotLegal,
	{"registerUsers", "body", "*.username", "minLength"}: usernameNotLegal,
	{"registerUsers", "body", "nickname", "maxLength"}:   said(store.MsgNicknameTooLong),
	{"registerUsers", "body", "*.nickname", "maxLength"}: said(store.MsgNicknameTooLong),
	// G-WHITE-05, G-WHITE-07.
	{"addGroupAllowListUsers", "body", "usernames", "maxItems"}:   said(store.MsgAllowListAddTooMany(store.MaxGroupAllowAdd)),
	{"removeGroupAllowListUsers", "path", "username", "maxItems"}: said(store.MsgAllowListRemoveTooMany(store.MaxGroupAllowRemove)),
}

// said is an entry whose words do not depend on the value.
func said(msg string) func(any) string { return func(any) string { return msg } }

func usernameNotLegal(v any) string {
	s, ok := v.(string)
	if !ok {
		s = fmt.Sprint(v)
	}
	return store.MsgUsernameNotLegal(s)
}

// refusalMessage is the error_description of a request that breaks the contract: the service's
// words (serviceWords) for the first violation they cover, the other fields' described after
// them; else every field and the rule it breaks.
func refusalMessage(operationID string, vs []openapi.Violation, body []byte, pathParams map[string]string) string {
	var doc any
	parsed := false
	for _, v := range vs {
		words, ok := serviceWords[refusalRule{operationID, v.In, anyIndex(v.Field), v.Rule}]
		if !ok {
			continue
		}
		var value any
		switch v.In {
		case "path":
			value = pathParams[v.Field]
		case "body":
			if !parsed {
				parsed = true
				_ = json.Unmarshal(body, &doc) // a body that does not parse has no value to quote
			}
			value = valueAt(doc, v.Field)
		}
		msg := words(value)
		// The other rules the same field breaks are said by these words already.
		others := slices.DeleteFunc(slices.Clone(vs), func(o openapi.Violation) bool { return o.In == v.In && o.Field == v.Field })
		if len(others) > 0 {
			return msg + " Also: " + describeViolations(others)
		}
		return msg
	}
	return describeViolations(vs)
}

// anyIndex writes every array index of a dotted field as "*": "0.username" is "*.username".
func anyIndex(field string) string {
	if field == "" {
		return field
	}
	parts := strings.Split(field, ".")
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			parts[i] = "*"
		}
	}
	return strings.Join(parts, ".")
}

// valueAt is the value at a dotted field of a decoded JSON document (nil when absent).
func valueAt(doc any, field string) any {
	if field == "" {
		return doc
	}
	for p := range strings.SplitSeq(field, ".") {
		switch t := doc.(type) {
		case map[string]any:
			doc = t[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(t) {
				return nil
			}
			doc = t[i]
		default:
			return nil
		}
	}
	return doc
}
