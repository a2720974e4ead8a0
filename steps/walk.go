package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"
)

// The one cursor walk: "I page through the app's groups (or chatrooms) N at a time" follows the
// cursor to the end and keeps every page in the World; the Then steps check the pages (G-GRP-01/02,
// R-ROOM-01).

// walkedPage is one page of an app's list walked by its cursor.
type walkedPage struct {
	items  []map[string]any
	ids    []string
	cursor string
}

// maxWalkPages bounds a walk, so a cursor that never ends fails instead of hanging.
const maxWalkPages = 1000

func registerWalkSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I page through the app's `+subjectWord+` (\d+) at a time$`, walkApp)
	sc.Step(`^every page but the last carried a cursor and the last carried none$`, everyPageButLastCursor)
	sc.Step(`^no page held more than (\d+) `+subjectWord+`$`, noPageOver)
	sc.Step(`^the pages list each of (.+) exactly once$`, pagesListEachOnce)
	sc.Step(`^the pages list "(\w+)" before "(\w+)"$`, pagesListBefore)
}

func walkApp(ctx context.Context, word string, limit int) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	w.walk = nil
	path := fmt.Sprintf("%s?limit=%d", s.base, limit)
	for len(w.walk) < maxWalkPages {
		resp, err := w.MustOK(ctx, http.MethodGet, path, nil)
		if err != nil {
			return err
		}
		items, err := lastObjects(w, "data")
		if err != nil {
			return err
		}
		page := walkedPage{items: items}
		for i, it := range items {
			id := asString(it[s.listID])
			if id == "" {
				return fmt.Errorf("%s: data.%d has no %s: %s", w.LastRequest(), i, s.listID, compact(it))
			}
			page.ids = append(page.ids, id)
		}
		if v, err := resp.JSON("cursor"); err == nil {
			page.cursor, _ = v.(string)
		}
		w.walk = append(w.walk, page)
		if page.cursor == "" || len(items) == 0 {
			return nil // an empty page that still carries a cursor ends the walk too; the Then steps see it
		}
		path = fmt.Sprintf("%s?limit=%d&cursor=%s", s.base, limit, url.QueryEscape(page.cursor))
	}
	return fmt.Errorf("still a cursor after %d pages of %d: the listing does not end", maxWalkPages, limit)
}

func walked(w *World) ([]walkedPage, error) {
	if len(w.walk) == 0 {
		return nil, fmt.Errorf("no pages walked: use `When I page through the app's groups 2 at a time`")
	}
	return w.walk, nil
}

func noPageOver(ctx context.Context, n int, word string) error {
	pages, err := walked(WorldFrom(ctx))
	if err != nil {
		return err
	}
	for i, p := range pages {
		if len(p.ids) > n {
			return fmt.Errorf("page %d held %d %ss, more than the limit %d", i+1, len(p.ids), subjectOf(word).noun, n)
		}
	}
	return nil
}

// walkedItem finds an id's item in the walked pages.
func walkedItem(w *World, id string) (map[string]any, error) {
	pages, err := walked(w)
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		for i, pid := range p.ids {
			if pid == id {
				return p.items[i], nil
			}
		}
	}
	return nil, fmt.Errorf("%s was not listed in %d pages", id, len(pages))
}

func everyPageButLastCursor(ctx context.Context) error {
	pages, err := walked(WorldFrom(ctx))
	if err != nil {
		return err
	}
	for i, p := range pages {
		last := i == len(pages)-1
		if !last && p.cursor == "" {
			return fmt.Errorf("page %d of %d carries no cursor, but more pages follow", i+1, len(pages))
		}
		if last && p.cursor != "" {
			return fmt.Errorf("the last page (%d) still carries a cursor", i+1)
		}
	}
	if len(pages) < 2 {
		return fmt.Errorf("the walk took %d page(s); the scenario needs more than the page size", len(pages))
	}
	return nil
}

// positions maps each id to the pages it was listed on.
func positions(pages []walkedPage) map[string][]int {
	pos := map[string][]int{}
	for p, page := range pages {
		for _, id := range page.ids {
			pos[id] = append(pos[id], p)
		}
	}
	return pos
}

// pagesListEachOnce reads `"group", "second" and "third"`: the names groups or rooms were
// remembered under.
func pagesListEachOnce(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	pages, err := walked(w)
	if err != nil {
		return err
	}
	pos := positions(pages)
	for _, key := range quotedKeys(list) {
		id, err := w.Recall(key)
		if err != nil {
			return err
		}
		if n := len(pos[id]); n != 1 {
			return fmt.Errorf("%q (%s) is listed %d times across %d pages, want exactly once", key, id, n, len(pages))
		}
	}
	return nil
}

// pagesListBefore checks G-GRP-02: a newer one is on an earlier page. The order inside a page
// is not guaranteed, so two on the same page pass.
func pagesListBefore(ctx context.Context, newer, older string) error {
	w := WorldFrom(ctx)
	pages, err := walked(w)
	if err != nil {
		return err
	}
	pos := positions(pages)
	a, err := w.Recall(newer)
	if err != nil {
		return err
	}
	b, err := w.Recall(older)
	if err != nil {
		return err
	}
	if len(pos[a]) == 0 || len(pos[b]) == 0 {
		return fmt.Errorf("%q listed %d times, %q %d times: both must be listed", newer, len(pos[a]), older, len(pos[b]))
	}
	if pa, pb := pos[a][0], pos[b][0]; pa > pb {
		return fmt.Errorf("the newer %q is on page %d, after the older %q on page %d", newer, pa+1, older, pb+1)
	}
	return nil
}
