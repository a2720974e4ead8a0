package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// Calls on message threads (G-THR-*), in the words of the catalogue. Each step sends the one
// request of its call; the status and the answer are checked by Then steps. None of the
// thread limits (64 characters, 10 users a call, 50 a page) is in the contract's schemas (the
// store holds them), so a step past a limit sends a request the spec accepts, and the service
// refuses it.
//
// Threads are not tracked for live clean-up: a thread lives in a group the scenario created,
// and deleting the group deletes its threads (G-THR-17).

const (
	// threadRef names a thread: "the thread" is the last one created in the scenario
	// ({thread}), `the thread "t1"` one remembered as {t1}.
	threadRef = `(the thread(?: "\w+")?|a thread that does not exist)`
	// threadPaging asks for a page of n, after a remembered cursor or from the start.
	threadPaging = `(?: (\d+) at a time(?: from the cursor "(\w+)")?)?`
	// threadRepeat sends the same call n times in a row (the rate-limit scenarios).
	threadRepeat = `(?: (\d+) times)?`
	// threadNameWritten names the same user n times in one body (a batch past the limit).
	threadNameWritten = `(?: with the name written (\d+) times)?`

	// missingThreadID, missingMessageID: ids no service hands out.
	missingThreadID  = "999999"
	missingMessageID = "123456789"
)

func registerThreadCallSteps(sc *godog.ScenarioContext) {
	sc.Step(`^(\w+) (creates|has created) a thread "([^"]*)" on (the message "\w+"|a message that does not exist)(?: in (the group "\w+"|a group that does not exist))?( with group_id and msg_id written as numbers)?$`, createThread)
	sc.Step(`^I rename `+threadRef+` to "([^"]*)"`+threadRepeat+`$`, renameThread)
	sc.Step(`^I delete `+threadRef+`$`, deleteThread)
	sc.Step(`^I add (.+) to `+threadRef+threadNameWritten+`$`, addToThread)
	sc.Step(`^I remove (.+) from `+threadRef+threadNameWritten+`$`, removeFromThread)
	sc.Step(`^I list the members of `+threadRef+threadPaging+threadRepeat+`$`, listThreadMembers)
	sc.Step(`^I list the app's threads`+threadPaging+`( oldest first)?`+threadRepeat+`$`, listAppThreads)
	sc.Step(`^I list (\w+)'s threads(?: in (the group(?: "\w+")?|a group that does not exist))?`+threadPaging+threadRepeat+`$`, listUserThreads)
}

// threadQuotedKey reads the key of a reference written `the message "m1"`: "m1", or "" for none.
var threadQuotedKey = regexp.MustCompile(`"(\w+)"`)

func threadRefKey(ref string) string {
	if m := threadQuotedKey.FindStringSubmatch(ref); m != nil {
		return m[1]
	}
	return ""
}

// threadID resolves a threadRef: the remembered id, or one that does not exist.
func threadID(w *World, ref string) (string, error) {
	if ref == "a thread that does not exist" {
		return missingThreadID, nil
	}
	key := threadRefKey(ref)
	if key == "" {
		key = "thread"
	}
	id, err := w.Recall(key)
	if err != nil {
		return "", fmt.Errorf("no thread %q in this scenario: create one first (`When alice creates a thread \"t1\" on the message \"m1\"`): %w", key, err)
	}
	return id, nil
}

// threadPath is /thread/{id}<rest> for a threadRef.
func threadPath(w *World, ref, rest string) (string, error) {
	id, err := threadID(w, ref)
	if err != nil {
		return "", err
	}
	return "/thread/" + url.PathEscape(id) + rest, nil
}

// createThread sends POST /thread for the group's message. "has created" is set-up: anything
// but a 200 fails. A 200 answer's thread_id is remembered as {thread}, the scenario's latest.
func createThread(ctx context.Context, owner, verb, name, message, group, asNumbers string) error {
	w := WorldFrom(ctx)
	msgID := missingMessageID
	if key := threadRefKey(message); key != "" {
		id, err := w.Recall(key)
		if err != nil {
			return fmt.Errorf("no message %q in this scenario: send it first (`a group message %q has been sent in the group`): %w", key, key, err)
		}
		msgID = id
	}
	groupID, err := threadGroupID(w, group)
	if err != nil {
		return err
	}
	var gid, mid any = groupID, msgID
	if asNumbers != "" {
		// Written as JSON numbers, digit for digit (64-bit ids would not survive a float).
		gid, mid = json.Number(groupID), json.Number(msgID)
	}
	body := map[string]any{"group_id": gid, "name": name, "msg_id": mid, "owner": w.User(owner)}
	var resp *Response
	if verb == "has created" {
		resp, err = w.MustOK(ctx, http.MethodPost, "/thread", body)
	} else {
		resp, err = w.Do(ctx, http.MethodPost, "/thread", body)
	}
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	id, err := resp.JSON("data.thread_id")
	if err != nil {
		return err
	}
	s, ok := id.(string)
	if !ok || s == "" {
		return fmt.Errorf("creating the thread %q: data.thread_id is %s, want the new thread's id", name, describe(id))
	}
	w.Remember("thread", s)
	return nil
}

// repeatCount reads the optional count of threadRepeat: once when the step does not say.
func repeatCount(n string) int {
	if c, err := strconv.Atoi(n); err == nil {
		return c
	}
	return 1
}

// sendThreadCall sends one thread call, n times in a row when the step says so (the rate
// limits count them: `every one of those 100 calls answered 200`).
func sendThreadCall(ctx context.Context, method, path string, body any, n string) error {
	if n == "" {
		return send(ctx, method, path, body)
	}
	return sendTimes(ctx, method, path, repeatCount(n), body)
}

func renameThread(ctx context.Context, ref, name, n string) error {
	path, err := threadPath(WorldFrom(ctx), ref, "")
	if err != nil {
		return err
	}
	return sendThreadCall(ctx, http.MethodPut, path, map[string]any{"name": name}, n)
}

func deleteThread(ctx context.Context, ref string) error {
	path, err := threadPath(WorldFrom(ctx), ref, "")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodDelete, path, nil)
}

// threadUsers is the {"usernames": [...]} body of an add or a removal: the users of a written
// list, or one user written n times (past the 10 a call takes, without more users).
func threadUsers(w *World, list, written string) (map[string]any, error) {
	names, err := realNamesOf(w, list)
	if err != nil {
		return nil, err
	}
	if written != "" {
		if len(names) != 1 {
			return nil, fmt.Errorf("write one user's name several times, not %q", list)
		}
		names = slices.Repeat(names, repeatCount(written))
	}
	return usernames(names), nil
}

func threadUsersCall(ctx context.Context, method, list, ref, written string) error {
	w := WorldFrom(ctx)
	path, err := threadPath(w, ref, "/users")
	if err != nil {
		return err
	}
	body, err := threadUsers(w, list, written)
	if err != nil {
		return err
	}
	return send(ctx, method, path, body)
}

func addToThread(ctx context.Context, list, ref, written string) error {
	return threadUsersCall(ctx, http.MethodPost, list, ref, written)
}

func removeFromThread(ctx context.Context, list, ref, written string) error {
	return threadUsersCall(ctx, http.MethodDelete, list, ref, written)
}

// threadPageQuery is the query of a list call: ?limit=n, &cursor= a remembered cursor, &sort=asc.
func threadPageQuery(w *World, limit, cursor string, oldestFirst bool) (string, error) {
	q := []string{}
	if limit != "" {
		q = append(q, "limit="+limit)
	}
	if cursor != "" {
		c, err := w.Recall(cursor)
		if err != nil {
			return "", err
		}
		q = append(q, "cursor="+url.QueryEscape(c))
	}
	if oldestFirst {
		q = append(q, "sort=asc")
	}
	if len(q) == 0 {
		return "", nil
	}
	return "?" + strings.Join(q, "&"), nil
}

func listThreadMembers(ctx context.Context, ref, limit, cursor, n string) error {
	w := WorldFrom(ctx)
	path, err := threadPath(w, ref, "/users")
	if err != nil {
		return err
	}
	q, err := threadPageQuery(w, limit, cursor, false)
	if err != nil {
		return err
	}
	return sendThreadCall(ctx, http.MethodGet, path+q, nil, n)
}

func listAppThreads(ctx context.Context, limit, cursor, oldestFirst, n string) error {
	q, err := threadPageQuery(WorldFrom(ctx), limit, cursor, oldestFirst != "")
	if err != nil {
		return err
	}
	return sendThreadCall(ctx, http.MethodGet, "/thread"+q, nil, n)
}

// listUserThreads lists the threads a user is in: across the app's groups (GET
// /threads/user/{u}), or in one group (GET /threads/chatgroups/{g}/user/{u}): the scenario's,
// a named one, or one that does not exist.
func listUserThreads(ctx context.Context, user, group, limit, cursor, n string) error {
	w := WorldFrom(ctx)
	path := "/threads/user/" + url.PathEscape(w.User(user))
	if group != "" {
		gid, err := threadGroupID(w, group)
		if err != nil {
			return err
		}
		path = "/threads/chatgroups/" + url.PathEscape(gid) + "/user/" + url.PathEscape(w.User(user))
	}
	q, err := threadPageQuery(w, limit, cursor, false)
	if err != nil {
		return err
	}
	return sendThreadCall(ctx, http.MethodGet, path+q, nil, n)
}

// threadGroupID is the id of the group a thread step names: the scenario's group ("" or "in
// the group"), a remembered one (`the group "other"`), or an id no service hands out ("a group
// that does not exist").
func threadGroupID(w *World, group string) (string, error) {
	if group == "a group that does not exist" {
		return missingGroupID, nil
	}
	key := threadRefKey(group)
	if key == "" {
		key = groupKey
	}
	return groups.id(w, key)
}
