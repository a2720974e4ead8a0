package steps

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"
)

// Members, admins and the owner of the scenario's group.

func registerGroupMemberSteps(sc *godog.ScenarioContext) {
	// Members.

	// Admins and owner.
	sc.Step(`^I transfer the group to (\w+)$`, transferGroup)
}

// --- members --------------------------------------------------------------------------------

// listGroupPage asks for one page of a group's list (members, shared files) and records what
// it held (items reads the answer's data) for "the pages together hold".
func listGroupPage(ctx context.Context, rest string, pagenum, pagesize int, items func(data any) ([]string, error)) error {
	err := onGroup(ctx, http.MethodGet, fmt.Sprintf("%s?pagenum=%d&pagesize=%d", rest, pagenum, pagesize), nil,
		breaksIf(pagesize > 1000, "pagesize is at most 1000")...)
	w := WorldFrom(ctx)
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

// --- admins and owner -----------------------------------------------------------------------

func transferGroup(ctx context.Context, user string) error {
	return onGroup(ctx, http.MethodPut, "", map[string]any{"newowner": WorldFrom(ctx).User(user)})
}
