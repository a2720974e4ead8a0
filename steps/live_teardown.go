package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// Teardown deletes what the ledger lists as possibly still there: a scenario's items at its
// end, a whole run's in `emcontract cleanup`. Both go through here, so both delete exactly
// what the run created, in the same order, and settle each item in the ledger.

// deletePath is where an item is deleted, relative to /{org}/{app}.
func deletePath(it *LedgerItem) string {
	switch it.Kind {
	case KindGroup:
		return "/chatgroups/" + url.PathEscape(it.ID)
	case KindRoom:
		return "/chatrooms/" + url.PathEscape(it.ID)
	case KindSuperAdmin:
		return "/chatrooms/super_admin/" + url.PathEscape(it.ID)
	case KindUser:
		return "/users/" + url.PathEscape(it.ID)
	}
	return ""
}

// TeardownResult says what a teardown did.
type TeardownResult struct {
	Deleted []LedgerItem // deleted now
	Gone    []LedgerItem // not there any more (deleted by the scenario, or with their owner)
	Left    []string     // could not be deleted, with why
}

// teardown deletes items (Outstanding's order) with del, which sends DELETE path and returns
// the status and body. An item whose creation got no answer is deleted only when the run owns
// its name (a user or super admin) or, for a group or room whose id never came back, by
// deleting its owner, which dissolves it (U-09).
func teardown(ctx context.Context, l *Ledger, items []*LedgerItem, del func(ctx context.Context, path string) (int, []byte, error)) TeardownResult {
	var res TeardownResult
	var noID []*LedgerItem
	for _, it := range items {
		if it.ID == "" {
			noID = append(noID, it)
			continue
		}
		if it.State == StatePending && !l.Ours(it.ID) {
			res.Left = append(res.Left, fmt.Sprintf("%s: its creation got no answer and the name is not the run's own, so it may be someone else's; not deleted", it))
			continue
		}
		path := deletePath(it)
		status, body, err := del(ctx, path)
		switch {
		case err != nil:
			res.Left = append(res.Left, fmt.Sprintf("%s: DELETE %s: %v", it, path, err))
		case status/100 == 2:
			l.Settle(it, StateDeleted, "")
			res.Deleted = append(res.Deleted, *it)
		case status == http.StatusNotFound:
			l.Settle(it, StateGone, "")
			res.Gone = append(res.Gone, *it)
		default:
			res.Left = append(res.Left, fmt.Sprintf("%s: DELETE %s answered %d: %s", it, path, status, abbreviate(body, 200)))
		}
	}
	for _, it := range noID {
		if l.Ours(it.Owner) && !l.outstandingUser(it.Owner) {
			l.Settle(it, StateGone, "")
			res.Gone = append(res.Gone, *it)
			continue
		}
		res.Left = append(res.Left, fmt.Sprintf("%s, owned by %s: find it by its name and delete it by hand", it, it.Owner))
	}
	return res
}

// outstandingUser says whether a user of the ledger may still exist.
func (l *Ledger) outstandingUser(name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, it := range l.items {
		if it.Kind == KindUser && sameID(KindUser, it.ID, name) && it.outstanding() {
			return true
		}
	}
	return false
}
