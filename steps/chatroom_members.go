package steps

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/cucumber/godog"
)

// Steps for chatroom members (R-MEM-*) and admins (R-ADM-*), and the per-user results that
// every batch call answers with.

func registerRoomMemberSteps(sc *godog.ScenarioContext) {
	// Given
	sc.Step(`^the app has (\d+) users named ([A-Za-z]+)1 to ([A-Za-z]+)(\d+)$`, givenNumberedUsers)
	sc.Step(`^([\w, ]+) are members of the room$`, givenMembers)
	sc.Step(`^(\w+) is an admin of the room$`, givenAdmin)

	// When: members
	sc.Step(`^I add (\w+) to the room$`, addMember)
	sc.Step(`^I add (\w+) to a chatroom that does not exist$`, addMemberMissingRoom)
	sc.Step(`^I add ([\w, ]+) to the room at once$`, addMembers)
	sc.Step(`^I list the room members$`, listMembers)
	sc.Step(`^I list the room members with pagenum (-?\d+) and pagesize (-?\d+)$`, listMembersPage)
	sc.Step(`^I list the members of a chatroom that does not exist$`, listMembersMissingRoom)
	sc.Step(`^I remove (\w+) from the room$`, removeMember)
	sc.Step(`^I remove ([\w, ]+) from the room at once$`, removeMembers)
	sc.Step(`^I remove (\w+) from a chatroom that does not exist$`, removeMemberMissingRoom)

	// When: admins
	sc.Step(`^I make (\w+) an admin of the room$`, makeAdmin)
	sc.Step(`^I make ([\w, ]+) admins of the room$`, makeAdmins)
	sc.Step(`^I make (\w+) an admin of a chatroom that does not exist$`, makeAdminMissingRoom)
	sc.Step(`^I demote (\w+) from admin of the room$`, demoteAdmin)
	sc.Step(`^I demote (\w+) from admin of a chatroom that does not exist$`, demoteAdminMissingRoom)
	sc.Step(`^I list the room admins$`, listAdmins)
	sc.Step(`^I list the admins of a chatroom that does not exist$`, listAdminsMissingRoom)

	// Then
	sc.Step(`^the room's members are (\w+) as owner and ([\w, ]+) as members$`, membersAre)
	sc.Step(`^the room's members are (\w+) as owner and no one else$`, membersAreOnlyOwner)
	sc.Step(`^the two pages together hold ([\w, ]+)$`, pagesHoldUsers)
	sc.Step(`^(\w+) is (?:(not) )?a member of the room$`, isMember)
	sc.Step(`^the new members reported are ([\w, ]+)$`, newMembersReported)
	sc.Step(`^the result for (\w+) is a success$`, resultSuccess)
	sc.Step(`^the result for (\w+) is a failure$`, resultFailure)
	sc.Step(`^the result for (\w+) is a failure with reason "(.*)"$`, resultFailureReason)
	sc.Step(`^every result has action "(\w+)" and names the room as "(\w+)"$`, everyResultAction)
	sc.Step(`^the room admins are exactly ([\w, ]+)$`, adminsExactly)
	sc.Step(`^the room has no admins$`, noAdmins)
	sc.Step(`^every promotion succeeded$`, everyPromotionSucceeded)
}

// ---- Given ------------------------------------------------------------------------------

func givenNumberedUsers(ctx context.Context, n int, prefix, prefix2 string, last int) error {
	if prefix != prefix2 || last != n {
		return fmt.Errorf("write the range as %s1 to %s%d", prefix, prefix, n)
	}
	w := WorldFrom(ctx)
	names, err := logicalNames(fmt.Sprintf("%s1 to %s%d", prefix, prefix, n))
	if err != nil {
		return err
	}
	return w.RegisterUsers(ctx, names...)
}

// addInBatches adds users to the room through the batch call, 60 at a time.
func addInBatches(ctx context.Context, w *World, names []string) error {
	p, err := roomPath(w, "/users")
	if err != nil {
		return err
	}
	for start := 0; start < len(names); start += maxBatchNames {
		end := min(start+maxBatchNames, len(names))
		if _, err := w.MustOK(ctx, http.MethodPost, p, map[string]any{"usernames": names[start:end]}); err != nil {
			return err
		}
	}
	return nil
}

func givenMembers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNames(w, list)
	if err != nil {
		return err
	}
	return addInBatches(ctx, w, names)
}

func givenAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/admin")
	if err != nil {
		return err
	}
	_, err = w.MustOK(ctx, http.MethodPost, p, map[string]any{"newadmin": w.User(user)})
	return err
}

// ---- When: members ----------------------------------------------------------------------

func addMember(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/users/"+w.User(user))
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodPost, p, nil)
	return err
}

func addMemberMissingRoom(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	_, err := w.Do(ctx, http.MethodPost, "/chatrooms/"+missingRoomID+"/users/"+w.User(user), nil)
	return err
}

func addMembers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNames(w, list)
	if err != nil {
		return err
	}
	p, err := roomPath(w, "/users")
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodPost, p, map[string]any{"usernames": names},
		breaksIf(len(names) > maxBatchNames, "at most 60 users per batch add")...)
	return err
}

func listMembers(ctx context.Context) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/users")
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodGet, p, nil)
	return err
}

func listMembersPage(ctx context.Context, pagenum, pagesize int) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, fmt.Sprintf("/users?pagenum=%d&pagesize=%d", pagenum, pagesize))
	if err != nil {
		return err
	}
	resp, err := w.Do(ctx, http.MethodGet, p, nil,
		breaksIf(pagenum < 1 || pagesize < 0 || pagesize > maxMemberPageSize, "pagenum from 1, pagesize in [0,1000]")...)
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	data, err := lastJSON(w, "data")
	if err != nil {
		return err
	}
	owners, members, err := affiliations(data)
	if err != nil {
		return err
	}
	return recordPage(w, append(owners, members...))
}

func listMembersMissingRoom(ctx context.Context) error {
	_, err := WorldFrom(ctx).Do(ctx, http.MethodGet, "/chatrooms/"+missingRoomID+"/users", nil)
	return err
}

func removeMember(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/users/"+w.User(user))
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodDelete, p, nil)
	return err
}

func removeMembers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNames(w, list)
	if err != nil {
		return err
	}
	p, err := roomPath(w, "/users/"+commaPath(names))
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodDelete, p, nil,
		breaksIf(len(names) > maxRemoveNames, "at most 100 users per batch remove")...)
	return err
}

func removeMemberMissingRoom(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	_, err := w.Do(ctx, http.MethodDelete, "/chatrooms/"+missingRoomID+"/users/"+w.User(user), nil)
	return err
}

// ---- When: admins -----------------------------------------------------------------------

func makeAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/admin")
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodPost, p, map[string]any{"newadmin": w.User(user)})
	return err
}

const promotionsKey = "chatroom.promotions"

// makeAdmins promotes users one call each (the API takes one per call) and remembers the
// calls that did not answer 200.
func makeAdmins(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := logicalNames(list)
	if err != nil {
		return err
	}
	var failed []string
	for _, n := range names {
		if err := makeAdmin(ctx, n); err != nil {
			return err
		}
		if w.Last().Status != http.StatusOK {
			failed = append(failed, fmt.Sprintf("%s: %d %s", n, w.Last().Status, abbreviate(w.Last().Body, 200)))
		}
	}
	w.Put(promotionsKey, failed)
	return nil
}

func makeAdminMissingRoom(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	_, err := w.Do(ctx, http.MethodPost, "/chatrooms/"+missingRoomID+"/admin", map[string]any{"newadmin": w.User(user)})
	return err
}

func demoteAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/admin/"+w.User(user))
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodDelete, p, nil)
	return err
}

func demoteAdminMissingRoom(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	_, err := w.Do(ctx, http.MethodDelete, "/chatrooms/"+missingRoomID+"/admin/"+w.User(user), nil)
	return err
}

func listAdmins(ctx context.Context) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/admin")
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodGet, p, nil)
	return err
}

func listAdminsMissingRoom(ctx context.Context) error {
	_, err := WorldFrom(ctx).Do(ctx, http.MethodGet, "/chatrooms/"+missingRoomID+"/admin", nil)
	return err
}

// ---- Then -------------------------------------------------------------------------------

// currentMembers fetches the room's member list (one page of up to 1000).
func currentMembers(ctx context.Context, w *World) (any, error) {
	p, err := roomPath(w, "/users")
	if err != nil {
		return nil, err
	}
	resp, err := w.MustOK(ctx, http.MethodGet, p, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON("data")
}

func membersAre(ctx context.Context, owner, members string) error {
	w := WorldFrom(ctx)
	data, err := currentMembers(ctx, w)
	if err != nil {
		return err
	}
	return checkAffiliations(w, data, owner, members)
}

func membersAreOnlyOwner(ctx context.Context, owner string) error {
	w := WorldFrom(ctx)
	data, err := currentMembers(ctx, w)
	if err != nil {
		return err
	}
	return checkAffiliations(w, data, owner, "")
}

func pagesHoldUsers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	pages, ok := scratch[[][]string](w, pagesKey)
	if !ok {
		return fmt.Errorf("list two pages first")
	}
	var all []string
	for _, p := range pages {
		all = append(all, p...)
	}
	want, err := realNames(w, list)
	if err != nil {
		return err
	}
	return sameUsers(w, "the pages together (no one twice)", all, want)
}

func isMember(ctx context.Context, user, not string) error {
	w := WorldFrom(ctx)
	data, err := currentMembers(ctx, w)
	if err != nil {
		return err
	}
	owners, members, err := affiliations(data)
	if err != nil {
		return err
	}
	found := false
	for _, m := range append(owners, members...) {
		found = found || m == w.User(user)
	}
	if found != (not == "") {
		if found {
			return fmt.Errorf("%s is still in the room: members %s", user, logicalList(w, members))
		}
		return fmt.Errorf("%s is not in the room: members %s", user, logicalList(w, members))
	}
	return nil
}

func newMembersReported(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	v, err := lastJSON(w, "data.newmembers")
	if err != nil {
		return err
	}
	got, err := stringList(v)
	if err != nil {
		return err
	}
	want, err := realNames(w, list)
	if err != nil {
		return err
	}
	return sameUsers(w, "newmembers", got, want)
}

// isTrue reads a per-user `result`, which 001 shows as a boolean.
func isTrue(v any) bool { b, ok := v.(bool); return ok && b }

func resultSuccess(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	if err := expectStatus(w, http.StatusOK); err != nil {
		return err
	}
	it, err := resultFor(w, user)
	if err != nil {
		return err
	}
	if !isTrue(it["result"]) {
		return fmt.Errorf("result for %s: want true, got %s", user, compact(it))
	}
	return nil
}

func resultFailure(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	it, err := resultFor(w, user)
	if err != nil {
		return err
	}
	if r, ok := it["result"].(bool); !ok || r {
		return fmt.Errorf("result for %s: want false, got %s", user, compact(it))
	}
	return nil
}

func resultFailureReason(ctx context.Context, user, reason string) error {
	if err := resultFailure(ctx, user); err != nil {
		return err
	}
	w := WorldFrom(ctx)
	want, err := w.Expand(reason)
	if err != nil {
		return err
	}
	it, _ := resultFor(w, user)
	if got := asString(it["reason"]); got != want {
		return fmt.Errorf("reason for %s: want %q, got %q", user, want, got)
	}
	return nil
}

func everyResultAction(ctx context.Context, action, idField string) error {
	w := WorldFrom(ctx)
	id, err := roomID(w, roomKey)
	if err != nil {
		return err
	}
	data, err := lastJSON(w, "data")
	if err != nil {
		return err
	}
	items, err := objects(data)
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

func currentAdmins(ctx context.Context, w *World) ([]string, error) {
	p, err := roomPath(w, "/admin")
	if err != nil {
		return nil, err
	}
	resp, err := w.MustOK(ctx, http.MethodGet, p, nil)
	if err != nil {
		return nil, err
	}
	v, err := resp.JSON("data")
	if err != nil {
		return nil, err
	}
	return stringList(v)
}

func adminsExactly(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	got, err := currentAdmins(ctx, w)
	if err != nil {
		return err
	}
	want, err := realNames(w, list)
	if err != nil {
		return err
	}
	return sameUsers(w, "admins", got, want)
}

func noAdmins(ctx context.Context) error {
	w := WorldFrom(ctx)
	got, err := currentAdmins(ctx, w)
	if err != nil {
		return err
	}
	return sameUsers(w, "admins", got, nil)
}

func everyPromotionSucceeded(ctx context.Context) error {
	w := WorldFrom(ctx)
	failed, ok := scratch[[]string](w, promotionsKey)
	if !ok {
		return fmt.Errorf("promote several users first")
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d promotions failed: %s", len(failed), strings.Join(failed, "; "))
	}
	return nil
}
