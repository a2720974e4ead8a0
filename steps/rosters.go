package steps

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/cucumber/godog"
)

// Members, admins and block lists of a group or a chatroom: one step per idea for both halves,
// the feature saying "the group" or "the room". Batch calls say "in one call"; lists of users
// are written "bob", "bob and carol", "fan1 to fan60" or "nobody".

func registerRosterSteps(sc *godog.ScenarioContext) {
	const the = `the ` + subjectWord

	// Members.
	sc.Step(`^(.+) are members of `+the+`$`, givenMembers)
	sc.Step(`^I add (\w+) to `+the+`$`, addMember)
	sc.Step(`^I add (.+) to `+the+` in one call$`, addMembers)
	sc.Step(`^I remove (\w+) from `+the+`$`, removeMember)
	sc.Step(`^I remove (.+) from `+the+` in one call$`, removeMembers)
	sc.Step(`^I list `+the+`'s members$`, listMembers)
	sc.Step(`^I list `+the+`'s members, page (-?\d+) with (-?\d+) per page$`, listMembersPage)
	sc.Step(`^`+the+`'s owner is (\w+) and its members are (.+)$`, ownerAndMembersAre)
	sc.Step(`^(\w+) is (not )?a member of `+the+`$`, isMember)
	sc.Step(`^the new members are exactly (.+)$`, newMembersAre)

	// Admins.
	sc.Step(`^(.+) (?:is|are) (?:an )?admins? of `+the+`$`, givenAdmins)
	sc.Step(`^I make (\w+) an admin of `+the+`$`, makeAdmin)
	sc.Step(`^I make (.+) admins of `+the+`$`, makeAdmins)
	sc.Step(`^every promotion succeeded$`, everyPromotionSucceeded)
	sc.Step(`^I demote (\w+) from admin of `+the+`$`, demoteAdmin)
	sc.Step(`^I list `+the+`'s admins$`, listAdmins)
	sc.Step(`^`+the+`'s admins are (.+)$`, adminsAre)

	// Block list.
	sc.Step(`^(.+) (?:is|are) blocked from `+the+`$`, givenBlocked)
	sc.Step(`^I block (\w+) from `+the+`$`, blockUser)
	sc.Step(`^I block (.+) from `+the+` in one call$`, blockUsers)
	sc.Step(`^I unblock (\w+) from `+the+`$`, unblockUser)
	sc.Step(`^I unblock (.+) from `+the+` in one call$`, unblockUsers)
	sc.Step(`^I list `+the+`'s block list$`, listBlocks)
	sc.Step(`^`+the+`'s block list is (?:exactly )?(.+)$`, blockListIs)

	// Per-user results of the batch calls.
	sc.Step(`^the result for (\w+) is (true|false)$`, resultForIs)
	sc.Step(`^the result for (\w+) gives the reason "(.*)"$`, resultGivesReason)
	sc.Step(`^the result for (\w+) says "(\w+)" is "([^"]*)"$`, resultSays)
	sc.Step(`^every result has action "(\w+)" and names `+the+` as "(\w+)"$`, everyResultNames)
}

// eachUserBelow makes one set-up call per user of a written list: method on rest+name below
// the group or room (what says what the call does, for the failure message).
func eachUserBelow(ctx context.Context, s *subject, list, what string, call func(name string) (method, rest string, body any)) error {
	w := WorldFrom(ctx)
	names, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	for _, n := range names {
		method, rest, body := call(n)
		if _, err := mustBelow(ctx, s.below, method, rest, body); err != nil {
			return fmt.Errorf("%s %s: %w", what, w.Logical(n), err)
		}
	}
	return nil
}

// --- members ----------------------------------------------------------------------------------

// givenOn posts the users of a written list to rest below the group or room (members, allow
// list), in as many calls as the batch limit needs; anything but a 2xx fails.
func (s *subject) givenOn(ctx context.Context, rest, list string) error {
	names, err := realNamesOf(WorldFrom(ctx), list)
	if err != nil {
		return err
	}
	return inBatches(names, s.maxBatch, func(batch []string) error {
		_, err := mustBelow(ctx, s.below, http.MethodPost, rest, usernames(batch))
		return err
	})
}

func givenMembers(ctx context.Context, list, word string) error {
	return subjectOf(word).givenOn(ctx, "/users", list)
}

func addMember(ctx context.Context, user, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodPost, "/users/"+WorldFrom(ctx).User(user), nil)
}

func addMembers(ctx context.Context, list, word string) error {
	s := subjectOf(word)
	return postUsers(ctx, s.below, "/users", list, s.specBatchLimit())
}

func removeMember(ctx context.Context, user, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodDelete, "/users/"+WorldFrom(ctx).User(user), nil)
}

func removeMembers(ctx context.Context, list, word string) error {
	s := subjectOf(word)
	return deleteUsers(ctx, s.below, "/users/", list, s.maxRemove, s.commaPath)
}

func listMembers(ctx context.Context, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodGet, "/users", nil)
}

// listMembersPage lists one page and records it for "the pages together hold".
func listMembersPage(ctx context.Context, word string, pagenum, pagesize int) error {
	breaks := breaksIf(pagenum < 1 || pagesize < 0 || pagesize > maxPageSize, "pagenum from 1, pagesize at most 1000")
	return listPage(ctx, subjectOf(word).below, "/users", pagenum, pagesize, breaks, affiliationOrder)
}

func ownerAndMembersAre(ctx context.Context, word, owner, list string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	owners, members, err := s.members(ctx)
	if err != nil {
		return err
	}
	if err := sameUsers(w, "the "+s.noun+"'s owner", owners, []string{w.User(owner)}); err != nil {
		return err
	}
	return sameUsers(w, "the "+s.noun+"'s members", members, want)
}

// isMember looks among the members: the owner is not one of them.
func isMember(ctx context.Context, user, not, word string) error {
	s := subjectOf(word)
	_, members, err := s.members(ctx)
	if err != nil {
		return err
	}
	return userListed(WorldFrom(ctx), "the "+s.noun+"'s members", members, user, not == "")
}

func newMembersAre(ctx context.Context, list string) error {
	return expectNewMembers(WorldFrom(ctx), list)
}

// --- admins -----------------------------------------------------------------------------------

func givenAdmins(ctx context.Context, list, word string) error {
	return eachUserBelow(ctx, subjectOf(word), list, "making an admin of", func(n string) (string, string, any) {
		return http.MethodPost, "/admin", map[string]any{"newadmin": n}
	})
}

func makeAdmin(ctx context.Context, user, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodPost, "/admin", map[string]any{"newadmin": WorldFrom(ctx).User(user)})
}

// makeAdmins promotes users one call each (the API takes one per call) and keeps the calls
// that did not answer 200.
func makeAdmins(ctx context.Context, list, word string) error {
	w := WorldFrom(ctx)
	names, err := userNames(list)
	if err != nil {
		return err
	}
	w.failedPromotions = []string{}
	for _, n := range names {
		if err := makeAdmin(ctx, n, word); err != nil {
			return err
		}
		if w.Last().Status != http.StatusOK {
			w.failedPromotions = append(w.failedPromotions, fmt.Sprintf("%s: %d %s", n, w.Last().Status, abbreviate(w.Last().Body, 200)))
		}
	}
	return nil
}

func everyPromotionSucceeded(ctx context.Context) error {
	w := WorldFrom(ctx)
	switch {
	case w.failedPromotions == nil:
		return fmt.Errorf("promote several users first")
	case len(w.failedPromotions) > 0:
		return fmt.Errorf("%d promotions failed: %s", len(w.failedPromotions), strings.Join(w.failedPromotions, "; "))
	}
	return nil
}

func demoteAdmin(ctx context.Context, user, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodDelete, "/admin/"+WorldFrom(ctx).User(user), nil)
}

func listAdmins(ctx context.Context, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodGet, "/admin", nil)
}

// adminsAre reads the admin list back; the answer's count must agree.
func adminsAre(ctx context.Context, word, list string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if err := s.listIs(ctx, "/admin", "admins", list); err != nil {
		return err
	}
	want, _ := realNamesOf(w, list)
	if c, err := w.Last().JSON("count"); err != nil || !numbersEqual(asNumber(c), fmt.Sprint(len(want))) {
		return fmt.Errorf("%s: count is %v, want %d", w.LastRequest(), c, len(want))
	}
	return nil
}

// listIs reads back a list of users below the group or room (admins, block list, allow list)
// and compares it with a written list, in any order.
func (s *subject) listIs(ctx context.Context, rest, what, list string) error {
	w := WorldFrom(ctx)
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	got, err := fetchNames(ctx, s.below, rest)
	if err != nil {
		return err
	}
	return sameUsers(w, "the "+s.noun+"'s "+what, got, want)
}

// --- block list -------------------------------------------------------------------------------

func givenBlocked(ctx context.Context, list, word string) error {
	return eachUserBelow(ctx, subjectOf(word), list, "blocking", func(n string) (string, string, any) {
		return http.MethodPost, "/blocks/users/" + n, nil
	})
}

func blockUser(ctx context.Context, user, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodPost, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func blockUsers(ctx context.Context, list, word string) error {
	s := subjectOf(word)
	return postUsers(ctx, s.below, "/blocks/users", list, s.maxBatch)
}

func unblockUser(ctx context.Context, user, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodDelete, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func unblockUsers(ctx context.Context, list, word string) error {
	s := subjectOf(word)
	return deleteUsers(ctx, s.below, "/blocks/users/", list, s.maxBatch, s.commaPath)
}

func listBlocks(ctx context.Context, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodGet, "/blocks/users", nil)
}

// blockListIs reads the block list back: "exactly bob and carol", "empty".
func blockListIs(ctx context.Context, word, list string) error {
	if list = strings.TrimSpace(list); list == "empty" {
		list = "nobody"
	}
	return subjectOf(word).listIs(ctx, "/blocks/users", "block list", list)
}

// --- per-user results -------------------------------------------------------------------------

func resultForIs(ctx context.Context, user, want string) error {
	return resultIs(WorldFrom(ctx), user, want == "true")
}

func resultGivesReason(ctx context.Context, user, reason string) error {
	w := WorldFrom(ctx)
	if err := resultIs(w, user, false); err != nil {
		return err
	}
	return resultReasonIs(w, user, reason)
}

func resultSays(ctx context.Context, user, field, want string) error {
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

// everyResultNames checks every item of a batch answer: its action, and the group or room it
// names under idField.
func everyResultNames(ctx context.Context, action, word, idField string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	id, err := w.Recall(s.key)
	if err != nil {
		return err
	}
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	var problems []string
	for _, it := range items {
		if asString(it["action"]) != action {
			problems = append(problems, fmt.Sprintf("%s has action %s", asString(it["user"]), compact(it["action"])))
		}
		if asString(it[idField]) != id {
			problems = append(problems, fmt.Sprintf("%s has %s %s, want %s", asString(it["user"]), idField, compact(it[idField]), id))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %s", w.LastRequest(), strings.Join(problems, "; "))
	}
	return nil
}
