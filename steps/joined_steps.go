package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"
)

// Which groups and chatrooms a user is in, as today's pages ask it (group_check_joined.md,
// group_obtain_joined.md, chatroom_obtain_joined.md): whether a user has joined a group, and
// the groups or rooms a user is in, a page at a time. The older group call
// (`I list the groups bob has joined`, GET /users/{u}/joined_chatgroups) is in subject.go.
//
// The two halves page differently: the groups' paged call is GET /chatgroups/user/{u}, whose
// pagenum counts from 0 (G-JOIN-08) and whose groups come in `entities`; the rooms' is
// GET /users/{u}/joined_chatrooms, whose pagenum counts from 1 and whose rooms come in `data`.

func registerJoinedSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I ask(?: by (POST))? whether (\w+) has joined (the group|a group that does not exist)$`, askIsJoined)
	sc.Step(`^I list the groups (\w+) is in$`, listGroupsUserIsIn)
	sc.Step(`^I list the groups (\w+) is in, (\d+) per page$`, listGroupsUserIsInPageSize)
	sc.Step(`^I list the `+subjectWord+` (\w+) is in, page (-?\d+) with (-?\d+) per page$`, listJoinedPage)
}

// askIsJoined asks whether a user has joined the scenario's group, or a group no service
// hands out (G-JOIN-01..04). The page shows GET, the rate tables POST: the step says which.
func askIsJoined(ctx context.Context, method, user, which string) error {
	w := WorldFrom(ctx)
	if method == "" {
		method = http.MethodGet
	}
	id := groups.missingID
	if which == "the group" {
		var err error
		if id, err = groups.id(w, groups.key); err != nil {
			return err
		}
	}
	return send(ctx, method, groups.base+"/"+url.PathEscape(id)+"/user/"+url.PathEscape(w.User(user))+"/is_joined", nil)
}

// joinedPath is the path of the paged call that lists the groups or rooms a user is in.
func (s *subject) joinedPagePath(w *World, user string) string {
	u := url.PathEscape(w.User(user))
	if s == groups {
		return "/chatgroups/user/" + u
	}
	return "/users/" + u + s.joined
}

// listGroupsUserIsIn lists the groups a user is in with the paged call's defaults (5 a page,
// G-JOIN-05).
func listGroupsUserIsIn(ctx context.Context, user string) error {
	return listJoinedGroups(ctx, user, "")
}

func listGroupsUserIsInPageSize(ctx context.Context, user string, pagesize int) error {
	return listJoinedGroups(ctx, user, fmt.Sprintf("?pagesize=%d", pagesize), breaksIf(pagesize < 1, "pagesize is at least 1")...)
}

// listJoinedPage lists one page of the groups or rooms a user is in and records what it held
// (the ids, in order) for `the pages together hold ...`.
func listJoinedPage(ctx context.Context, word, user string, pagenum, pagesize int) error {
	s := subjectOf(word)
	if s == groups {
		return listJoinedGroups(ctx, user, fmt.Sprintf("?pagesize=%d&pagenum=%d", pagesize, pagenum),
			breaksIf(pagenum < 0 || pagesize < 1, "pagenum from 0 and pagesize from 1")...)
	}
	w := WorldFrom(ctx)
	path := fmt.Sprintf("%s?pagenum=%d&pagesize=%d", s.joinedPagePath(w, user), pagenum, pagesize)
	resp, err := w.Do(ctx, http.MethodGet, path, nil, breaksIf(pagenum < 1 || pagesize < 1, "pagenum and pagesize from 1")...)
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	return recordJoined(w, "data", s.joinedID)
}

// listJoinedGroups sends the groups' paged call with query and records the page it answered.
func listJoinedGroups(ctx context.Context, user, query string, opts ...RequestOption) error {
	w := WorldFrom(ctx)
	resp, err := w.Do(ctx, http.MethodGet, groups.joinedPagePath(w, user)+query, nil, opts...)
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	return recordJoined(w, "entities", "groupId")
}

// recordJoined records the ids the last page listed at path (the id in field of each item).
func recordJoined(w *World, path, field string) error {
	items, err := lastObjects(w, path)
	if err != nil {
		return err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = asString(it[field])
	}
	w.recordPage(ids)
	return nil
}
