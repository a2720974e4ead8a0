package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// The steps only groups have: creating, listing by cursor, details of several, transfer,
// disable. What groups share with chatrooms goes through subject (subject.go, rosters.go,
// mutes.go, allow_lists.go, mute_all.go); shared files are group_content.go's, tokens
// auth_steps.go's, table and JSON helpers json_helpers.go's.

const (
	// groupKey is the key the scenario's main group id is remembered under ({group}).
	groupKey = "group"
	// missingGroupID names a group that does not exist: digits like real ids (C-05), far above
	// anything the service hands out.
	missingGroupID = "999999999999999999"

	// Documented group limits (000, 002) the steps need to know when a request breaks the
	// spec on purpose.
	maxGroupBatch      = 60   // batch add, block, mute, unmute, remove
	maxCreateMembers   = 100  // members on create
	maxGroupMaxUsers   = 2000 // maxusers
	maxAnnouncementLen = 512
)

func registerGroupSteps(sc *godog.ScenarioContext) {
	registerGroupManageSteps(sc)
	registerGroupContentSteps(sc)
	registerAuthSteps(sc)
}

func registerGroupManageSteps(sc *godog.ScenarioContext) {
	// Given

	// When
	sc.Step(`^I create a group owned by (\w+)(?: with members? (.+))?$`, createGroupOwnedBy)
	sc.Step(`^I create a group owned by (\w+) with (\d+) members in the request$`, createGroupWithNMembers)
	sc.Step(`^I create a group owned by (\w+) with an empty member list$`, createGroupWithEmptyMembers)
	sc.Step(`^I transfer the group to (\w+)$`, transferGroup)
	sc.Step(`^I call "([^"]*)" on the group$`, callOnGroup)
	// Only groups are disabled (G-DIS-*): the chatroom API has no /disable.
	sc.Step(`^I (disable|enable) the group$`, disableGroup)

	// Then
	sc.Step(`^the details report the missing group as "([^"]*)"$`, detailsReportMissing)
	sc.Step(`^the group's details have no "(\w+)" or it is (true|false)$`, detailsShowIfPresent)
	sc.Step(`^every listed group has an owner, an id, a member count, the type "group" and a name$`, everyListedGroupHasFields)
}

// --- groups ---------------------------------------------------------------------------------

// groupCommaPath joins user names for a path segment the way 002 writes it: "," between names.
func groupCommaPath(names []string) string { return strings.Join(names, ",") }

func createGroupOwnedBy(ctx context.Context, owner, members string) error {
	w := WorldFrom(ctx)
	names, err := userNames(members)
	if err != nil {
		return err
	}
	if err := w.RegisterUsers(ctx, append([]string{owner}, names...)...); err != nil {
		return err
	}
	body := map[string]any{"groupname": "created", "desc": "created by the scenario", "public": true, "owner": w.User(owner)}
	if len(names) > 0 {
		body["members"] = w.Users(names...)
	}
	return groups.sendCreate(ctx, body)
}

// groupCreateBreaks says which documented create rule a body breaks, if any.
func groupCreateBreaks(body map[string]any) string {
	for _, f := range []string{"groupname", "public", "owner"} {
		if _, ok := body[f]; !ok {
			return f + " is required"
		}
	}
	_, desc := body["desc"]
	if _, description := body["description"]; !desc && !description {
		return "desc or description is required"
	}
	if ms, ok := body["members"].([]string); ok && (len(ms) == 0 || len(ms) > maxCreateMembers) {
		return fmt.Sprintf("members has 1 to %d names", maxCreateMembers)
	}
	if n, ok := body["maxusers"].(json.Number); ok {
		if v, err := n.Int64(); err == nil && (v < 1 || v > maxGroupMaxUsers) {
			return fmt.Sprintf("maxusers is at most %d", maxGroupMaxUsers)
		}
	}
	if s, ok := body["maxusers"].(string); ok { // a numeric string (O-08)
		if v, err := strconv.Atoi(s); err != nil || v < 1 || v > maxGroupMaxUsers {
			return fmt.Sprintf("maxusers is 1 to %d, as a number or its digits", maxGroupMaxUsers)
		}
	}
	return ""
}

func createGroupWithNMembers(ctx context.Context, owner string, n int) error {
	w := WorldFrom(ctx)
	names, err := userNames(fmt.Sprintf("fan1 to fan%d", n))
	if err != nil {
		return err
	}
	if err := w.RegisterUsers(ctx, append([]string{owner}, names...)...); err != nil {
		return err
	}
	body := map[string]any{"groupname": "crowded", "desc": "many members", "public": true, "owner": w.User(owner), "members": w.Users(names...)}
	return groups.sendCreate(ctx, body, breaksIf(n > maxCreateMembers, fmt.Sprintf("members has at most %d names", maxCreateMembers))...)
}

func createGroupWithEmptyMembers(ctx context.Context, owner string) error {
	w := WorldFrom(ctx)
	if err := w.RegisterUsers(ctx, owner); err != nil {
		return err
	}
	body := map[string]any{"groupname": "empty", "desc": "no members", "public": true, "owner": w.User(owner), "members": []string{}}
	return groups.sendCreate(ctx, body) // no members (O-18)
}

// --- listing --------------------------------------------------------------------------------

// appPrefix is "org#app_" as the group list writes owners.
func appPrefix(w *World) string {
	base := strings.TrimRight(w.session.Target.BaseURL(), "/")
	parts := strings.Split(base, "/")
	if len(parts) < 2 {
		return ""
	}
	return parts[len(parts)-2] + "#" + parts[len(parts)-1] + "_"
}

func everyListedGroupHasFields(ctx context.Context) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	v, err := r.JSON("data")
	if err != nil {
		return err
	}
	items, _ := v.([]any)
	if len(items) == 0 {
		return fmt.Errorf("%s: no groups listed", w.LastRequest())
	}
	for i, it := range items {
		obj, _ := it.(map[string]any)
		var problems []string
		if s, _ := obj["owner"].(string); !strings.Contains(s, "#") || !strings.Contains(s, "_") {
			problems = append(problems, fmt.Sprintf("owner %s is not org#app_user", describe(obj["owner"])))
		}
		if s, _ := obj["groupid"].(string); !digitString.MatchString(s) {
			problems = append(problems, fmt.Sprintf("groupid %s is not a string of digits", describe(obj["groupid"])))
		}
		if _, ok := obj["affiliations"].(json.Number); !ok {
			problems = append(problems, "affiliations is not a number")
		}
		if obj["type"] != "group" {
			problems = append(problems, "type is not \"group\"")
		}
		if _, ok := obj["groupname"].(string); !ok {
			problems = append(problems, "groupname is not a string")
		}
		_, lm1 := obj["last_modified"]
		_, lm2 := obj["lastModified"]
		if !lm1 && !lm2 {
			problems = append(problems, "neither last_modified nor lastModified is given")
		}
		if len(problems) > 0 {
			return fmt.Errorf("%s: data.%d: %s", w.LastRequest(), i, strings.Join(problems, "; "))
		}
	}
	return nil
}

// --- details --------------------------------------------------------------------------------

func detailsShowIfPresent(ctx context.Context, field, want string) error {
	details, err := groups.details(ctx)
	if err != nil {
		return err
	}
	v, ok := details[field]
	if !ok {
		return nil
	}
	if b, isBool := v.(bool); !isBool || b != (want == "true") {
		return fmt.Errorf("the group's details show %s = %s, want %s", field, describe(v), want)
	}
	return nil
}

func detailsReportMissing(ctx context.Context, message string) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	if !strings.Contains(string(r.Body), message) {
		return fmt.Errorf("%s: the answer does not report %q for the missing group: %s", w.LastRequest(), message, abbreviate(r.Body, 600))
	}
	if !strings.Contains(string(r.Body), missingGroupID) {
		return fmt.Errorf("%s: the answer does not name the missing id %s: %s", w.LastRequest(), missingGroupID, abbreviate(r.Body, 600))
	}
	return nil
}

// --- modify, delete -------------------------------------------------------------------------

// modifiable: 002's five fields, today's custom, public and invite_need_confirm (O-19), and
// the owner transfer's newowner.
var modifiable = map[string]bool{"groupname": true, "description": true, "maxusers": true, "membersonly": true, "allowinvites": true, "custom": true, "public": true, "invite_need_confirm": true, "newowner": true}

// groupModifyBreaks says which documented group modify rule a body breaks ("" for none).
func groupModifyBreaks(body map[string]any) string {
	why := ""
	for k, v := range body {
		switch {
		case !modifiable[k]:
			why = k + " can not be modified (groupname, description, maxusers, membersonly, allowinvites, custom, public, invite_need_confirm)"
		case (k == "groupname" || k == "description") && strings.Contains(fmt.Sprint(v), "/"):
			why = k + ` may not contain "/"`
		}
	}
	return why
}

// disableGroup disables or enables the scenario's group.
func disableGroup(ctx context.Context, call string) error {
	return groups.send(ctx, http.MethodPost, "/"+call, nil)
}

// --- every call on a group (C-09) -----------------------------------------------------------

// groupCall is one documented call on a group, for outlines that try each of them.
type groupCall struct {
	method, path string
	body         func(w *World) any
}

var groupCalls = map[string]groupCall{
	"get details":          {http.MethodGet, "", nil},
	"modify":               {http.MethodPut, "", func(w *World) any { return map[string]any{"description": "changed"} }},
	"transfer the owner":   {http.MethodPut, "", func(w *World) any { return map[string]any{"newowner": w.User("bob")} }},
	"delete":               {http.MethodDelete, "", nil},
	"get the announcement": {http.MethodGet, "/announcement", nil},
	"set the announcement": {http.MethodPost, "/announcement", func(w *World) any { return map[string]any{"announcement": "hello"} }},
	"list shared files":    {http.MethodGet, "/share_files", nil},
	"upload a shared file": {http.MethodPost, "/share_files", func(w *World) any { return File{Field: "file", Name: "a.txt", Content: []byte("hello")} }},
	"list members":         {http.MethodGet, "/users", nil},
	"add a member":         {http.MethodPost, "/users/{bob}", nil},
	"add members":          {http.MethodPost, "/users", func(w *World) any { return usernames(w.Users("bob", "carol")) }},
	"remove a member":      {http.MethodDelete, "/users/{bob}", nil},
	"remove members":       {http.MethodDelete, "/users/{bob},{carol}", nil},
	"list admins":          {http.MethodGet, "/admin", nil},
	"add an admin":         {http.MethodPost, "/admin", func(w *World) any { return map[string]any{"newadmin": w.User("bob")} }},
	"remove an admin":      {http.MethodDelete, "/admin/{bob}", nil},
	"list the block list":  {http.MethodGet, "/blocks/users", nil},
	"block a user":         {http.MethodPost, "/blocks/users/{bob}", nil},
	"block users":          {http.MethodPost, "/blocks/users", func(w *World) any { return usernames(w.Users("bob", "carol")) }},
	"unblock a user":       {http.MethodDelete, "/blocks/users/{bob}", nil},
	"unblock users":        {http.MethodDelete, "/blocks/users/{bob},{carol}", nil},
	"list mutes":           {http.MethodGet, "/mute", nil},
	"mute":                 {http.MethodPost, "/mute", func(w *World) any { return map[string]any{"usernames": w.Users("bob"), "mute_duration": 60000} }},
	"unmute":               {http.MethodDelete, "/mute/{bob}", nil},
}

func callOnGroup(ctx context.Context, name string) error {
	w := WorldFrom(ctx)
	call, ok := groupCalls[name]
	if !ok {
		known := make([]string, 0, len(groupCalls))
		for k := range groupCalls {
			known = append(known, k)
		}
		sort.Strings(known)
		return fmt.Errorf("no group call %q; known: %s", name, strings.Join(known, ", "))
	}
	w.Users("bob", "carol")
	var body any
	if call.body != nil {
		body = call.body(w)
	}
	return groups.send(ctx, call.method, call.path, body)
}

func transferGroup(ctx context.Context, user string) error {
	return groups.send(ctx, http.MethodPut, "", map[string]any{"newowner": WorldFrom(ctx).User(user)})
}
