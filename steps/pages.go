package steps

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/cucumber/godog"
)

// The one pager: every step that lists one page of a paged list (members of a group or room,
// shared files, joined chatrooms) records what the page held, and one Then step checks the
// pages together, in order, so that a service that ignores pagenum (and answers page 1 again)
// or orders the list otherwise fails.

func registerPageSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the pages together hold (.+)$`, pagesTogetherHold)
}

// listPage asks for one page of a list below the group or room (members, shared files) and,
// when it is answered, records what it held (items reads the answer's data).
func listPage(ctx context.Context, at below, rest string, pagenum, pagesize int, breaks []RequestOption, items func(data any) ([]string, error)) error {
	w := WorldFrom(ctx)
	err := sendBelow(ctx, at, http.MethodGet, fmt.Sprintf("%s?pagenum=%d&pagesize=%d", rest, pagenum, pagesize), nil, breaks...)
	if err != nil || w.Last().Status != http.StatusOK {
		return err
	}
	data, err := lastJSON(w, "data")
	if err != nil {
		return err
	}
	page, err := items(data)
	if err != nil {
		return fmt.Errorf("%s: data: %w", w.LastRequest(), err)
	}
	w.recordPage(page)
	return nil
}

// recordPage keeps what one page held: user names, file names or ids, as the list holds them.
func (w *World) recordPage(items []string) { w.pages = append(w.pages, items) }

// pagesTogether is what the recorded pages held, in order.
func (w *World) pagesTogether() ([]string, error) {
	if len(w.pages) == 0 {
		return nil, fmt.Errorf("no page was listed in this scenario")
	}
	return slices.Concat(w.pages...), nil
}

// itemsOf reads a written list of users and quoted names in order: `alice, bob and carol`,
// `"two.txt" and "one.txt"`, `"games" and "lobby"`. A user becomes their real name; a quoted
// name is the id remembered under it when there is one (a group or chatroom), else itself (a
// file name).
func itemsOf(w *World, list string) ([]string, error) {
	var out []string
	for _, it := range splitNames(list) {
		if q := strings.Trim(it, `"`); q != it {
			if id, err := w.Recall(q); err == nil {
				q = id
			}
			out = append(out, q)
			continue
		}
		names, err := realNamesOf(w, it)
		if err != nil {
			return nil, err
		}
		out = append(out, names...)
	}
	return out, nil
}

func pagesTogetherHold(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	got, err := w.pagesTogether()
	if err != nil {
		return err
	}
	want, err := itemsOf(w, list)
	if err != nil {
		return err
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("the %d pages together hold %s, want %s (in this order, no one twice)", len(w.pages), w.describeItems(got), list)
	}
	return nil
}

// describeItems shows real user names and ids as the feature wrote them.
func (w *World) describeItems(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = w.Logical(it)
		for k, v := range w.values {
			if v == it {
				out[i] = fmt.Sprintf("%q", k)
			}
		}
	}
	return "[" + strings.Join(out, ", ") + "]"
}
