package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// The app's list of groups or chatrooms, one page at a time by cursor (G-GRP-*, R-ROOM-01): one
// step per idea for both halves. Walking every page to the end is walk.go's.

func registerAppListSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I list the app's `+subjectWord+`(?: (-?\d+) at a time)?$`, listApp)
	sc.Step(`^I ask for the next page of `+subjectWord+`$`, listAppNextPage)
	sc.Step(`^the page holds (\d+) `+subjectWord+`$`, pageHolds)
	sc.Step(`^the page carries a cursor$`, pageCarriesCursor)
	sc.Step(`^the app's `+subjectWord+` list no longer shows the (?:group|room|chatroom)$`, appListLacks)
	sc.Step(`^the `+subjectWord+` was listed with owner (\w+) and (\d+) members(?: and the name "([^"]*)")?$`, listedWith)
	sc.Step(`^the page carries no cursor$`, pageCarriesNoCursor)
}

// listApp lists the first page, with the limit when one is written (below 1 it breaks the
// spec on purpose); the limit is kept for the next page.
func listApp(ctx context.Context, word, limit string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if limit == "" {
		w.pageLimit = 0
		return send(ctx, http.MethodGet, s.base, nil)
	}
	var n int
	if _, err := fmt.Sscan(limit, &n); err != nil {
		return err
	}
	w.pageLimit = n
	return send(ctx, http.MethodGet, fmt.Sprintf("%s?limit=%d", s.base, n), nil, breaksIf(n < 1, "limit from 1")...)
}

// listAppNextPage follows the last page's cursor, with the first page's limit.
func listAppNextPage(ctx context.Context, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	cursor, err := lastCursor(w)
	if err != nil {
		return err
	}
	query := "?cursor=" + url.QueryEscape(cursor)
	if w.pageLimit > 0 {
		query = fmt.Sprintf("?limit=%d&cursor=%s", w.pageLimit, url.QueryEscape(cursor))
	}
	return send(ctx, http.MethodGet, s.base+query, nil)
}

func pageHolds(ctx context.Context, n int, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	if len(items) != n {
		return fmt.Errorf("%s: want %d %ss on the page, got %d", w.LastRequest(), n, s.noun, len(items))
	}
	return nil
}

// listedWith finds the scenario's group or room in the walked pages and checks how the list
// shows it: its owner, its member count (the owner counted), its name (any, when none is
// written) and its type.
func listedWith(ctx context.Context, word, owner string, members int, name string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	id, err := s.id(w, s.key)
	if err != nil {
		return err
	}
	item, err := walkedItem(w, id)
	if err != nil {
		return err
	}
	var problems []string
	if want := s.listOwner(w, owner); item["owner"] != want {
		problems = append(problems, fmt.Sprintf("owner is %s, want %q", describe(item["owner"]), want))
	}
	if n, ok := item[s.listCount].(json.Number); !ok || n.String() != strconv.Itoa(members) {
		problems = append(problems, fmt.Sprintf("%s is %s, want %d", s.listCount, describe(item[s.listCount]), members))
	}
	if got, _ := item[s.listName].(string); got == "" || (name != "" && got != name) {
		problems = append(problems, fmt.Sprintf("%s is %s, want %q", s.listName, describe(item[s.listName]), name))
	}
	if s.listType != "" && item["type"] != s.listType {
		problems = append(problems, fmt.Sprintf("type is %s, want %q", describe(item["type"]), s.listType))
	}
	if len(problems) > 0 {
		return fmt.Errorf("the listed %s: %s", s.noun, strings.Join(problems, "; "))
	}
	return nil
}

// appListLacks walks the app's list to the end: the deleted group or room is on no page.
func appListLacks(ctx context.Context, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	id, err := s.id(w, s.key)
	if err != nil {
		return err
	}
	if err := walkApp(ctx, word, 100); err != nil {
		return err
	}
	if n := len(positions(w.walk)[id]); n != 0 {
		return fmt.Errorf("the deleted %s %s is still listed (%d times)", s.noun, id, n)
	}
	return nil
}

func pageCarriesCursor(ctx context.Context) error {
	_, err := lastCursor(WorldFrom(ctx))
	return err
}

func lastCursor(w *World) (string, error) {
	if w.Last() == nil {
		return "", fmt.Errorf("no page yet")
	}
	v, err := w.Last().JSON("cursor")
	if err != nil {
		return "", fmt.Errorf("%s: the last page carries no cursor: %w", w.LastRequest(), err)
	}
	c, ok := v.(string)
	if !ok || c == "" {
		return "", fmt.Errorf("%s: cursor is %s, want a non-empty string", w.LastRequest(), describe(v))
	}
	return c, nil
}

func pageCarriesNoCursor(ctx context.Context) error {
	if err := theResponseStatusIs(ctx, 200); err != nil {
		return err
	}
	return thereIsNoJSONAt(ctx, "cursor")
}
