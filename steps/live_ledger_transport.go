package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/emcontract/emcontract/openapi"
)

// ledgerTransport is what a live scenario's requests go through before the network (below the
// recorder, so the cassette holds what the scenario sent). It keeps the run's promise to the
// user's app:
//   - every creating call (users, groups, chatrooms, super admins) is written to the ledger
//     before it goes out, and settled with its answer; every deletion is settled too;
//   - a call that writes is sent only when everything it names (the group or room in its path,
//     the users in its path, the groups and users a message goes to) was created by the run,
//     carries one of the run's user-name suffixes, or does not exist (asked first, off the
//     record). Anything else is refused here, before the service sees it: the run never changes
//     what it did not create;
//   - the bulk delete of users (DELETE /users), which deletes the app's oldest users whoever
//     made them, is refused unless the run was told the app is empty (--empty-app).
type ledgerTransport struct {
	next     http.RoundTripper // the network: rate limiter and retries
	ledger   *Ledger
	contract *openapi.Contract
	org, app string
	scenario string
	emptyApp bool // --empty-app: the app-wide calls are allowed (the app held nothing else)
}

// refusal is the error a scenario fails with when a call would touch what the run did not create.
type refusal struct{ msg string }

func (r *refusal) Error() string { return "live safety: " + r.msg }

func (t *ledgerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	route, _ := t.contract.FindRoute(req)
	if route == nil || req.Method == http.MethodGet || route.Operation.ID == "getAppToken" {
		return t.next.RoundTrip(req)
	}
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	if org, app := route.PathParams["org_name"], route.PathParams["app_name"]; org != t.org || app != t.app {
		// Another app of the org (U-06's "nosuchapp"): only one named for the run.
		if org != t.org || !t.ledger.Ours(app) {
			return nil, &refusal{fmt.Sprintf("%s %s goes to the app %s/%s, not the run's %s/%s", req.Method, req.URL.Path, org, app, t.org, t.app)}
		}
		return t.next.RoundTrip(req)
	}
	var intended []*LedgerItem
	switch op := route.Operation.ID; op {
	case "registerUsers":
		for _, u := range usersOf(body) {
			intended = append(intended, t.ledger.Intend(KindUser, u, "", "", t.scenario))
		}
	case "createGroup", "createChatroom":
		if err := t.guardBodyUsers(req, body); err != nil {
			return nil, err
		}
		var b struct {
			Groupname string `json:"groupname"`
			Name      string `json:"name"`
			Owner     string `json:"owner"`
		}
		_ = json.Unmarshal(body, &b)
		kind := KindGroup
		if op == "createChatroom" {
			kind = KindRoom
		}
		intended = append(intended, t.ledger.Intend(kind, "", b.Groupname+b.Name, b.Owner, t.scenario))
	case "addChatroomSuperAdmin":
		var b struct {
			SuperAdmin any `json:"superadmin"`
		}
		_ = json.Unmarshal(body, &b)
		if name, ok := b.SuperAdmin.(string); ok {
			if err := t.mayTouch(req, KindUser, name); err != nil {
				return nil, err
			}
			intended = append(intended, t.ledger.Intend(KindSuperAdmin, name, "", "", t.scenario))
		}
	case "deleteUsers":
		if !t.emptyApp {
			return nil, &refusal{fmt.Sprintf("%s %s deletes the app's oldest users, whoever created them: run such scenarios (tagged %s) only on an app that holds nothing else, with --empty-app", req.Method, req.URL.Path, NeedsEmptyAppTag)}
		}
	default:
		if err := t.guard(req, route, body); err != nil {
			return nil, err
		}
	}

	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err // the intended items stay pending: cleanup decides
	}
	answer, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(answer))
	if err != nil {
		return resp, err
	}
	t.settle(route, resp.StatusCode, answer, intended)
	return resp, nil
}

// settle records what the answer says was created or deleted.
func (t *ledgerTransport) settle(route *openapi.Route, status int, answer []byte, intended []*LedgerItem) {
	ok := status/100 == 2
	var doc struct {
		Entities []struct {
			Username string `json:"username"`
		} `json:"entities"`
		Data json.RawMessage `json:"data"`
	}
	_ = json.Unmarshal(answer, &doc)
	switch route.Operation.ID {
	case "registerUsers":
		made := map[string]bool{}
		for _, e := range doc.Entities {
			made[strings.ToLower(e.Username)] = true
		}
		for _, it := range intended {
			if ok && made[strings.ToLower(it.ID)] {
				t.ledger.Settle(it, StateCreated, "")
			} else {
				t.ledger.Settle(it, StateRefused, "")
			}
		}
	case "createGroup", "createChatroom":
		var data struct {
			GroupID string `json:"groupid"`
			ID      string `json:"id"`
		}
		_ = json.Unmarshal(doc.Data, &data)
		for _, it := range intended {
			if id := data.GroupID + data.ID; ok && id != "" {
				t.ledger.Settle(it, StateCreated, id)
			} else {
				t.ledger.Settle(it, StateRefused, "")
			}
		}
	case "addChatroomSuperAdmin":
		for _, it := range intended {
			state := StateRefused
			if ok {
				state = StateCreated
			}
			t.ledger.Settle(it, state, "")
		}
	case "deleteUser":
		if ok {
			t.ledger.Deleted(KindUser, route.PathParams["username"])
		}
	case "deleteUsers":
		if ok {
			for _, e := range doc.Entities {
				t.ledger.Deleted(KindUser, e.Username)
			}
		}
	case "deleteGroup":
		if ok {
			t.ledger.Deleted(KindGroup, route.PathParams["group_id"])
		}
	case "deleteChatroom":
		if ok {
			t.ledger.Deleted(KindRoom, route.PathParams["chatroom_id"])
		}
	case "removeChatroomSuperAdmin":
		if ok {
			t.ledger.Deleted(KindSuperAdmin, route.PathParams["super_admin"])
		}
	}
}

// guard lets a writing call through only when all it names is the run's own, or not there.
func (t *ledgerTransport) guard(req *http.Request, route *openapi.Route, body []byte) error {
	for param, value := range route.PathParams {
		var kind string
		switch param {
		case "group_id":
			kind = KindGroup
		case "chatroom_id":
			kind = KindRoom
		case "username", "oldadmin", "super_admin":
			kind = KindUser
		default:
			continue
		}
		for _, v := range strings.Split(value, ",") {
			if err := t.mayTouch(req, kind, v); err != nil {
				return err
			}
		}
	}
	if err := t.guardBodyUsers(req, body); err != nil {
		return err
	}
	switch route.Operation.ID {
	case "sendGroupMessage", "sendUserMessage":
		var b struct {
			To []string `json:"to"`
		}
		_ = json.Unmarshal(body, &b)
		kind := KindUser
		if route.Operation.ID == "sendGroupMessage" {
			kind = KindGroup
		}
		for _, to := range b.To {
			if err := t.mayTouch(req, kind, to); err != nil {
				return err
			}
		}
	}
	return nil
}

// bodyUserFields are the fields of request bodies that name users a call changes: members
// added, blocked, muted or allow-listed, a new admin or owner.
var bodyUserFields = []string{"usernames", "members", "owner", "newadmin", "newowner"}

// guardBodyUsers checks the users a JSON body names (a call adding someone else's user to the
// run's group would change that user's memberships).
func (t *ledgerTransport) guardBodyUsers(req *http.Request, body []byte) error {
	var doc map[string]any
	if json.Unmarshal(body, &doc) != nil {
		return nil
	}
	for _, field := range bodyUserFields {
		var names []string
		switch v := doc[field].(type) {
		case string:
			names = []string{v}
		case []any:
			for _, e := range v {
				if s, ok := e.(string); ok {
					names = append(names, s)
				}
			}
		}
		for _, n := range names {
			if err := t.mayTouch(req, KindUser, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// mayTouch says whether a call may name this group, room or user: the run created it (or
// tried to), the name is the run's own, or the service says it does not exist.
func (t *ledgerTransport) mayTouch(req *http.Request, kind, id string) error {
	if id == "" || t.ledger.Knows(kind, id) {
		return nil
	}
	if kind == KindUser && (t.ledger.Ours(id) || t.ledger.Knows(KindSuperAdmin, id)) {
		return nil
	}
	probe := map[string]string{KindGroup: "/chatgroups/", KindRoom: "/chatrooms/", KindUser: "/users/"}[kind]
	status, err := t.exists(req, probe+url.PathEscape(id))
	if err != nil {
		return err
	}
	if status == http.StatusNotFound || status == http.StatusBadRequest {
		return nil // not there (400: not even a valid id): the call can change nothing
	}
	return &refusal{fmt.Sprintf("%s %s would touch the %s %s, which this run did not create (GET answered %d)", req.Method, req.URL.Path, kind, id, status)}
}

// exists asks the service, off the record, for the details at path (relative to /{org}/{app}).
func (t *ledgerTransport) exists(orig *http.Request, path string) (int, error) {
	u := *orig.URL
	u.Path = "/" + t.org + "/" + t.app + path
	u.RawPath, u.RawQuery = "", ""
	req, err := http.NewRequestWithContext(context.WithoutCancel(orig.Context()), http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", orig.Header.Get("Authorization"))
	req.Header.Set("Accept", "application/json")
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return 0, fmt.Errorf("live safety: checking %s before %s %s: %w", path, orig.Method, orig.URL.Path, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// readBody reads a request's body and puts it back.
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return body, nil
}

// usersOf reads the user names of a registration: one object or an array of them.
func usersOf(body []byte) []string {
	var one struct {
		Username string `json:"username"`
	}
	var many []struct {
		Username string `json:"username"`
	}
	var out []string
	if json.Unmarshal(body, &many) == nil {
		for _, u := range many {
			if u.Username != "" {
				out = append(out, u.Username)
			}
		}
	} else if json.Unmarshal(body, &one) == nil && one.Username != "" {
		out = append(out, one.Username)
	}
	return out
}
