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
	sc.Step(`^I add (\w+) to the group$`, addGroupMember)
	sc.Step(`^I add (.+) to the group in one call$`, addGroupMembers)
	sc.Step(`^I remove (\w+) from the group$`, removeGroupMember)
	sc.Step(`^I remove (.+) from the group in one call$`, removeGroupMembersBatch)
	sc.Step(`^I list the group's members$`, listGroupMembers)
	sc.Step(`^I list the group's members, page (\d+) with (\d+) per page$`, listGroupMembersPage)
	sc.Step(`^the group's owner is (\w+) and its members are (.+)$`, groupOwnerAndMembers)
	sc.Step(`^(\w+) is a member of the group$`, isGroupMember)
	sc.Step(`^(\w+) is not a member of the group$`, isNotGroupMember)
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
	return onGroup(ctx, http.MethodPost, "/users/"+WorldFrom(ctx).User(user), nil)
}

func addGroupMembers(ctx context.Context, list string) error {
	return postUsers(ctx, groupPath, "/users", list, maxGroupBatch)
}

func removeGroupMember(ctx context.Context, user string) error {
	return onGroup(ctx, http.MethodDelete, "/users/"+WorldFrom(ctx).User(user), nil)
}

func removeGroupMembersBatch(ctx context.Context, list string) error {
	return deleteUsers(ctx, groupPath, "/users/", list, maxGroupBatch, groupCommaPath)
}

func listGroupMembers(ctx context.Context) error {
	return onGroup(ctx, http.MethodGet, "/users", nil)
}

func listGroupMembersPage(ctx context.Context, pagenum, pagesize int) error {
	return listGroupPage(ctx, "/users", pagenum, pagesize, func(data any) ([]string, error) {
		owners, members, err := affiliations(data)
		return append(owners, members...), err
	})
}

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

// groupMembers fetches the whole member list (one page of 1000 is every group's maximum
// plus room) as its affiliations.
func groupMembers(ctx context.Context) (any, error) {
	return fetchJSON(ctx, groupPath, "/users?pagenum=1&pagesize=1000", "data")
}

func groupOwnerAndMembers(ctx context.Context, owner, list string) error {
	w := WorldFrom(ctx)
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	data, err := groupMembers(ctx)
	if err != nil {
		return err
	}
	return expectAffiliations(w, "the group's", data, owner, want)
}

func isGroupMember(ctx context.Context, user string) error { return memberCheck(ctx, user, true) }

func isNotGroupMember(ctx context.Context, user string) error { return memberCheck(ctx, user, false) }

// memberCheck looks among the members only: the owner is not one of them.
func memberCheck(ctx context.Context, user string, want bool) error {
	data, err := groupMembers(ctx)
	if err != nil {
		return err
	}
	_, members, err := affiliations(data)
	if err != nil {
		return err
	}
	return userListed(WorldFrom(ctx), "the group's members", members, user, want)
}

func newMembersAre(ctx context.Context, list string) error {
	return expectNewMembers(WorldFrom(ctx), list)
}

func groupResultFor(ctx context.Context, user, want string) error {
	return resultIs(WorldFrom(ctx), user, want == "true")
}

func resultReason(ctx context.Context, user, want string) error {
	return resultReasonIs(WorldFrom(ctx), user, want)
}

func resultField(ctx context.Context, user, field, want string) error {
	w := WorldFrom(ctx)
	item, err := resultFor(w, user)
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
	for _, n := range names {
		if _, err := mustBelow(ctx, groupPath, http.MethodPost, "/admin", map[string]any{"newadmin": n}); err != nil {
			return fmt.Errorf("making %s an admin: %w", w.Logical(n), err)
		}
	}
	return nil
}

func makeGroupAdmin(ctx context.Context, user string) error {
	return onGroup(ctx, http.MethodPost, "/admin", map[string]any{"newadmin": WorldFrom(ctx).User(user)})
}

func demoteGroupAdmin(ctx context.Context, user string) error {
	return onGroup(ctx, http.MethodDelete, "/admin/"+WorldFrom(ctx).User(user), nil)
}

func listGroupAdmins(ctx context.Context) error {
	return onGroup(ctx, http.MethodGet, "/admin", nil)
}

func groupAdminsAre(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	got, err := fetchNames(ctx, groupPath, "/admin")
	if err != nil {
		return err
	}
	if err := sameUsers(w, "the group's admins", got, want); err != nil {
		return err
	}
	if c, err := w.Last().JSON("count"); err != nil || !numbersEqual(asNumber(c), fmt.Sprint(len(want))) {
		return fmt.Errorf("%s: count is %v, want %d", w.LastRequest(), c, len(want))
	}
	return nil
}

func transferGroup(ctx context.Context, user string) error {
	return onGroup(ctx, http.MethodPut, "", map[string]any{"newowner": WorldFrom(ctx).User(user)})
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
