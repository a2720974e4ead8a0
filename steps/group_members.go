package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/cucumber/godog"
)

// Members, admins and the owner of the scenario's group.

func registerGroupMemberSteps(sc *godog.ScenarioContext) {
	// Members.
	sc.Step(`^I add (\w+) to the group$`, addGroupMember)
	sc.Step(`^I add (.+) to the group in one call$`, addGroupMembers)
	sc.Step(`^I remove (\w+) from the group$`, removeGroupMember)
	sc.Step(`^I remove (.+) from the group in one call$`, removeGroupMembersBatch)
	sc.Step(`^I list the group's members$`, listGroupMembers)
	sc.Step(`^I list the group's members, page (\d+) with (\d+) per page$`, listGroupMembersPage)
	sc.Step(`^the group's owner is (\w+) and its members are (.+)$`, groupOwnerAndMembers)
	sc.Step(`^(\w+) is a member of the group$`, isGroupMember)
	sc.Step(`^(\w+) is not a member of the group$`, isNotGroupMember)
	sc.Step(`^the page holds (\d+) entries$`, pageListsMembers)
	sc.Step(`^the new members are exactly (.+)$`, newMembersAre)
	sc.Step(`^the result for (\w+) is (true|false)$`, groupResultFor)
	sc.Step(`^the result for (\w+) gives the reason "([^"]*)"$`, resultReason)
	sc.Step(`^the result for (\w+) says "(\w+)" is "([^"]*)"$`, resultField)

	// Admins and owner.
	sc.Step(`^(.+) (?:is|are) (?:an )?admins? of the group$`, givenGroupAdmins)
	sc.Step(`^I make (\w+) an admin of the group$`, makeGroupAdmin)
	sc.Step(`^I demote (\w+) from admin of the group$`, demoteGroupAdmin)
	sc.Step(`^I list the group's admins$`, listGroupAdmins)
	sc.Step(`^the group's admins are (.+)$`, groupAdminsAre)
	sc.Step(`^I transfer the group to (\w+)$`, transferGroup)
	sc.Step(`^(\w+) owns the group$`, ownsGroup)
}

// --- members --------------------------------------------------------------------------------

func addGroupMember(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "/users/"+w.User(user))
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPost, path, nil)
}

func addGroupMembers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	path, err := groupPath(w, "/users")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPost, path, map[string]any{"usernames": names}, batchLimit(len(names))...)
}

// batchLimit marks a batch of n names that breaks the documented 1..60.
func batchLimit(n int) []RequestOption {
	if n > maxGroupBatch {
		return []RequestOption{BreaksSpec(fmt.Sprintf("at most %d users per call", maxGroupBatch))}
	}
	if n == 0 {
		return []RequestOption{BreaksSpec("at least one user")}
	}
	return nil
}

func removeGroupMember(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "/users/"+w.User(user))
	if err != nil {
		return err
	}
	return send(ctx, http.MethodDelete, path, nil)
}

func removeGroupMembersBatch(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	path, err := groupPath(w, "/users/"+strings.Join(names, ","))
	if err != nil {
		return err
	}
	return send(ctx, http.MethodDelete, path, nil, batchLimit(len(names))...)
}

func listGroupMembers(ctx context.Context) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "/users")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodGet, path, nil)
}

func listGroupMembersPage(ctx context.Context, pagenum, pagesize int) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, fmt.Sprintf("/users?pagenum=%d&pagesize=%d", pagenum, pagesize))
	if err != nil {
		return err
	}
	var opts []RequestOption
	if pagesize > 1000 {
		opts = append(opts, BreaksSpec("pagesize is at most 1000"))
	}
	return send(ctx, http.MethodGet, path, nil, opts...)
}

// affiliationsOf splits [{owner: x} | {member: y}] into the owner(s) and members.
func affiliationsOf(v any) (owners, members []string, err error) {
	items, ok := v.([]any)
	if !ok {
		return nil, nil, fmt.Errorf("want an array of {owner}|{member}, got %s", describe(v))
	}
	for i, it := range items {
		obj, _ := it.(map[string]any)
		switch {
		case obj["owner"] != nil && len(obj) == 1:
			owners = append(owners, fmt.Sprint(obj["owner"]))
		case obj["member"] != nil && len(obj) == 1:
			members = append(members, fmt.Sprint(obj["member"]))
		default:
			return nil, nil, fmt.Errorf("item %d is %s, want {owner: u} or {member: u}", i, compact(it))
		}
	}
	return owners, members, nil
}

// groupMembers fetches the whole member list (one page of 1000 is every group's maximum
// plus room).
func groupMembers(ctx context.Context) (owners, members []string, err error) {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "/users?pagenum=1&pagesize=1000")
	if err != nil {
		return nil, nil, err
	}
	resp, err := w.MustOK(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, nil, err
	}
	v, err := resp.JSON("data")
	if err != nil {
		return nil, nil, err
	}
	return affiliationsOf(v)
}

func sameSet(w *World, what string, got, want []string) error {
	g := append([]string(nil), got...)
	x := append([]string(nil), want...)
	sort.Strings(g)
	sort.Strings(x)
	if strings.Join(g, ",") != strings.Join(x, ",") {
		return fmt.Errorf("%s: got [%s], want [%s]", what, logicalsOf(w, g), logicalsOf(w, x))
	}
	return nil
}

func logicalsOf(w *World, real []string) string {
	out := make([]string, len(real))
	for i, r := range real {
		out[i] = w.Logical(r)
	}
	return strings.Join(out, ", ")
}

func groupOwnerAndMembers(ctx context.Context, owner, list string) error {
	w := WorldFrom(ctx)
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	owners, members, err := groupMembers(ctx)
	if err != nil {
		return err
	}
	if err := sameSet(w, "the group's owner", owners, []string{w.User(owner)}); err != nil {
		return err
	}
	return sameSet(w, "the group's members", members, want)
}

func isGroupMember(ctx context.Context, user string) error { return memberCheck(ctx, user, true) }

func isNotGroupMember(ctx context.Context, user string) error { return memberCheck(ctx, user, false) }

func memberCheck(ctx context.Context, user string, want bool) error {
	w := WorldFrom(ctx)
	_, members, err := groupMembers(ctx)
	if err != nil {
		return err
	}
	real := w.User(user)
	has := false
	for _, m := range members {
		has = has || m == real
	}
	if has != want {
		where := "is not"
		if has {
			where = "is"
		}
		return fmt.Errorf("%s %s among the members [%s]", user, where, logicalsOf(w, members))
	}
	return nil
}

func pageListsMembers(ctx context.Context, n int) error {
	return theJSONAtHasItems(ctx, "data", n)
}

func newMembersAre(ctx context.Context, list string) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	v, err := r.JSON("data.newmembers")
	if err != nil {
		return fmt.Errorf("%s (status %d): %w", w.LastRequest(), r.Status, err)
	}
	got, err := strings1(v)
	if err != nil {
		return err
	}
	return sameSet(w, "data.newmembers", got, want)
}

func strings1(v any) ([]string, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want an array of names, got %s", describe(v))
	}
	out := make([]string, len(items))
	for i, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, fmt.Errorf("item %d is %s, want a name", i, describe(it))
		}
		out[i] = s
	}
	return out, nil
}

// resultItem finds the answer's item for a user: data when it is one object, else the array
// element whose user is theirs.
func resultItem(ctx context.Context, user string) (*World, map[string]any, error) {
	w, r, err := last(ctx)
	if err != nil {
		return w, nil, err
	}
	v, err := r.JSON("data")
	if err != nil {
		return w, nil, fmt.Errorf("%s (status %d): %w", w.LastRequest(), r.Status, err)
	}
	real := w.User(user)
	switch d := v.(type) {
	case map[string]any:
		if d["user"] == real {
			return w, d, nil
		}
	case []any:
		for _, it := range d {
			if obj, ok := it.(map[string]any); ok && obj["user"] == real {
				return w, obj, nil
			}
		}
	}
	return w, nil, fmt.Errorf("%s: no result for %s (%s) in %s", w.LastRequest(), user, real, compact(v))
}

func groupResultFor(ctx context.Context, user, want string) error {
	w, item, err := resultItem(ctx, user)
	if err != nil {
		return err
	}
	if b, ok := item["result"].(bool); !ok || b != (want == "true") {
		return fmt.Errorf("%s: the result for %s is %s, want %s: %s", w.LastRequest(), user, describe(item["result"]), want, compact(item))
	}
	return nil
}

func resultReason(ctx context.Context, user, want string) error {
	w, item, err := resultItem(ctx, user)
	if err != nil {
		return err
	}
	if want, err = w.Expand(want); err != nil {
		return err
	}
	if item["reason"] != want {
		return fmt.Errorf("%s: the reason for %s is %s, want %q", w.LastRequest(), user, describe(item["reason"]), want)
	}
	return nil
}

func resultField(ctx context.Context, user, field, want string) error {
	w, item, err := resultItem(ctx, user)
	if err != nil {
		return err
	}
	if want, err = w.resolve(want); err != nil {
		return err
	}
	if fmt.Sprint(item[field]) != want {
		return fmt.Errorf("%s: the result for %s has %s = %s, want %q", w.LastRequest(), user, field, describe(item[field]), want)
	}
	return nil
}

// --- admins and owner -----------------------------------------------------------------------

func givenGroupAdmins(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	path, err := groupPath(w, "/admin")
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := w.MustOK(ctx, http.MethodPost, path, map[string]any{"newadmin": n}); err != nil {
			return fmt.Errorf("making %s an admin: %w", w.Logical(n), err)
		}
	}
	return nil
}

func makeGroupAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "/admin")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPost, path, map[string]any{"newadmin": w.User(user)})
}

func demoteGroupAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "/admin/"+w.User(user))
	if err != nil {
		return err
	}
	return send(ctx, http.MethodDelete, path, nil)
}

func listGroupAdmins(ctx context.Context) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "/admin")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodGet, path, nil)
}

func groupAdminsAre(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	path, err := groupPath(w, "/admin")
	if err != nil {
		return err
	}
	resp, err := w.MustOK(ctx, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	v, err := resp.JSON("data")
	if err != nil {
		return err
	}
	got, err := strings1(v)
	if err != nil {
		return fmt.Errorf("%s: data: %w", w.LastRequest(), err)
	}
	if err := sameSet(w, "the group's admins", got, want); err != nil {
		return err
	}
	if c, err := resp.JSON("count"); err != nil || !numbersEqual(asNumber(c), fmt.Sprint(len(want))) {
		return fmt.Errorf("%s: count is %v, want %d", w.LastRequest(), c, len(want))
	}
	return nil
}

func asNumber(v any) json.Number {
	n, _ := v.(json.Number)
	return n
}

func transferGroup(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	path, err := groupPath(w, "")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPut, path, map[string]any{"newowner": w.User(user)})
}

func ownsGroup(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	details, err := groupDetails(ctx, groupKey)
	if err != nil {
		return err
	}
	if details["owner"] != w.User(user) {
		return fmt.Errorf("the group's owner is %s, want %s", describe(details["owner"]), w.User(user))
	}
	return nil
}
