package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"
)

// The app's list of groups or chatrooms, one page at a time by cursor (G-GRP-*, R-ROOM-01): one
// step per idea for both halves. Walking every page to the end is walk.go's.

func registerAppListSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I list the app's `+subjectWord+`(?: (-?\d+) at a time)?$`, listApp)
	sc.Step(`^I ask for the next page of `+subjectWord+`$`, listAppNextPage)
	sc.Step(`^the page holds (\d+) `+subjectWord+`$`, pageHolds)
	sc.Step(`^the page carries a cursor$`, pageCarriesCursor)
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
