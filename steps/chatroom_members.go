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
	sc.Step(`^the app has (\d+) users named ([A-Za-z]+)1 to ([A-Za-z]+)(\d+)$`, roomGivenNumberedUsers)
	sc.Step(`^([\w, ]+) are members of the room$`, roomGivenMembers)
	sc.Step(`^(\w+) is an admin of the room$`, roomGivenAdmin)

	// When: members
	sc.Step(`^I add (\w+) to the room$`, roomAddMember)
	sc.Step(`^I add (\w+) to a chatroom that does not exist$`, addMemberMissingRoom)
	sc.Step(`^I add ([\w, ]+) to the room at once$`, roomAddMembers)
	sc.Step(`^I list the room members$`, roomListMembers)
	sc.Step(`^I list the room members with pagenum (-?\d+) and pagesize (-?\d+)$`, roomListMembersPage)
	sc.Step(`^I list the members of a chatroom that does not exist$`, listMembersMissingRoom)
	sc.Step(`^I remove (\w+) from the room$`, roomRemoveMember)
	sc.Step(`^I remove ([\w, ]+) from the room at once$`, roomRemoveMembers)
	sc.Step(`^I remove (\w+) from a chatroom that does not exist$`, removeMemberMissingRoom)

	// When: admins
	sc.Step(`^I make (\w+) an admin of the room$`, roomMakeAdmin)
	sc.Step(`^I make ([\w, ]+) admins of the room$`, roomMakeAdmins)
	sc.Step(`^I make (\w+) an admin of a chatroom that does not exist$`, makeAdminMissingRoom)
	sc.Step(`^I demote (\w+) from admin of the room$`, roomDemoteAdmin)
	sc.Step(`^I demote (\w+) from admin of a chatroom that does not exist$`, demoteAdminMissingRoom)
	sc.Step(`^I list the room admins$`, roomListAdmins)
	sc.Step(`^I list the admins of a chatroom that does not exist$`, listAdminsMissingRoom)

	// Then
	sc.Step(`^the room's members are (\w+) as owner and ([\w, ]+) as members$`, roomMembersAre)
	sc.Step(`^the room's members are (\w+) as owner and no one else$`, roomMembersAreOnlyOwner)
	sc.Step(`^the two pages together hold ([\w, ]+)$`, roomPagesHoldUsers)
	sc.Step(`^(\w+) is (?:(not) )?a member of the room$`, roomIsMember)
	sc.Step(`^the new members reported are ([\w, ]+)$`, roomNewMembersReported)
	sc.Step(`^the result for (\w+) is a success$`, roomResultSuccess)
	sc.Step(`^the result for (\w+) is a failure$`, roomResultFailure)
	sc.Step(`^the result for (\w+) is a failure with reason "(.*)"$`, roomResultFailureReason)
	sc.Step(`^every result has action "(\w+)" and names the room as "(\w+)"$`, roomEveryResultAction)
	sc.Step(`^the room admins are exactly ([\w, ]+)$`, roomAdminsExactly)
	sc.Step(`^the room has no admins$`, roomNoAdmins)
	sc.Step(`^every promotion succeeded$`, roomEveryPromotionSucceeded)
}

// ---- Given ------------------------------------------------------------------------------

func roomGivenNumberedUsers(ctx context.Context, n int, prefix, prefix2 string, last int) error {
	if prefix != prefix2 || last != n {
		return fmt.Errorf("write the range as %s1 to %s%d", prefix, prefix, n)
	}
	w := WorldFrom(ctx)
	names, err := roomLogicalNames(fmt.Sprintf("%s1 to %s%d", prefix, prefix, n))
	if err != nil {
		return err
	}
	return w.RegisterUsers(ctx, names...)
}

// roomAddInBatches adds users to the room through the batch call, 60 at a time.
func roomAddInBatches(ctx context.Context, w *World, names []string) error {
	p, err := roomPath(w, "/users")
	if err != nil {
		return err
	}
	for start := 0; start < len(names); start += roomMaxBatchNames {
		end := min(start+roomMaxBatchNames, len(names))
		if _, err := w.MustOK(ctx, http.MethodPost, p, map[string]any{"usernames": names[start:end]}); err != nil {
			return err
		}
	}
	return nil
}

func roomGivenMembers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	return roomAddInBatches(ctx, w, names)
}

func roomGivenAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/admin")
	if err != nil {
		return err
	}
	_, err = w.MustOK(ctx, http.MethodPost, p, map[string]any{"newadmin": w.User(user)})
	return err
}

// ---- When: members ----------------------------------------------------------------------

func roomAddMember(ctx context.Context, user string) error {
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

func roomAddMembers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	p, err := roomPath(w, "/users")
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodPost, p, map[string]any{"usernames": names},
		roomBreaksIf(len(names) > roomMaxBatchNames, "at most 60 users per batch add")...)
	return err
}

func roomListMembers(ctx context.Context) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/users")
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodGet, p, nil)
	return err
}

func roomListMembersPage(ctx context.Context, pagenum, pagesize int) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, fmt.Sprintf("/users?pagenum=%d&pagesize=%d", pagenum, pagesize))
	if err != nil {
		return err
	}
	resp, err := w.Do(ctx, http.MethodGet, p, nil,
		roomBreaksIf(pagenum < 1 || pagesize < 0 || pagesize > roomMaxMemberPageSize, "pagenum from 1, pagesize in [0,1000]")...)
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	data, err := roomLastJSON(w, "data")
	if err != nil {
		return err
	}
	owners, members, err := roomAffiliations(data)
	if err != nil {
		return err
	}
	return roomRecordPage(w, append(owners, members...))
}

func listMembersMissingRoom(ctx context.Context) error {
	_, err := WorldFrom(ctx).Do(ctx, http.MethodGet, "/chatrooms/"+missingRoomID+"/users", nil)
	return err
}

func roomRemoveMember(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/users/"+w.User(user))
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodDelete, p, nil)
	return err
}

func roomRemoveMembers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	p, err := roomPath(w, "/users/"+roomCommaPath(names))
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodDelete, p, nil,
		roomBreaksIf(len(names) > roomMaxRemoveNames, "at most 100 users per batch remove")...)
	return err
}

func removeMemberMissingRoom(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	_, err := w.Do(ctx, http.MethodDelete, "/chatrooms/"+missingRoomID+"/users/"+w.User(user), nil)
	return err
}

// ---- When: admins -----------------------------------------------------------------------

func roomMakeAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/admin")
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodPost, p, map[string]any{"newadmin": w.User(user)})
	return err
}

const roomPromotionsKey = "chatroom.promotions"

// roomMakeAdmins promotes users one call each (the API takes one per call) and remembers the
// calls that did not answer 200.
func roomMakeAdmins(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := roomLogicalNames(list)
	if err != nil {
		return err
	}
	var failed []string
	for _, n := range names {
		if err := roomMakeAdmin(ctx, n); err != nil {
			return err
		}
		if w.Last().Status != http.StatusOK {
			failed = append(failed, fmt.Sprintf("%s: %d %s", n, w.Last().Status, abbreviate(w.Last().Body, 200)))
		}
	}
	w.Put(roomPromotionsKey, failed)
	return nil
}

func makeAdminMissingRoom(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	_, err := w.Do(ctx, http.MethodPost, "/chatrooms/"+missingRoomID+"/admin", map[string]any{"newadmin": w.User(user)})
	return err
}

func roomDemoteAdmin(ctx context.Context, user string) error {
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

func roomListAdmins(ctx context.Context) error {
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

// roomCurrentMembers fetches the room's member list (one page of up to 1000).
func roomCurrentMembers(ctx context.Context, w *World) (any, error) {
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

func roomMembersAre(ctx context.Context, owner, members string) error {
	w := WorldFrom(ctx)
	data, err := roomCurrentMembers(ctx, w)
	if err != nil {
		return err
	}
	return roomCheckAffiliations(w, data, owner, members)
}

func roomMembersAreOnlyOwner(ctx context.Context, owner string) error {
	w := WorldFrom(ctx)
	data, err := roomCurrentMembers(ctx, w)
	if err != nil {
		return err
	}
	return roomCheckAffiliations(w, data, owner, "")
}

func roomPagesHoldUsers(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	pages, ok := roomScratch[[][]string](w, roomPagesKey)
	if !ok {
		return fmt.Errorf("list two pages first")
	}
	var all []string
	for _, p := range pages {
		all = append(all, p...)
	}
	want, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	return roomSameUsers(w, "the pages together (no one twice)", all, want)
}

func roomIsMember(ctx context.Context, user, not string) error {
	w := WorldFrom(ctx)
	data, err := roomCurrentMembers(ctx, w)
	if err != nil {
		return err
	}
	owners, members, err := roomAffiliations(data)
	if err != nil {
		return err
	}
	found := false
	for _, m := range append(owners, members...) {
		found = found || m == w.User(user)
	}
	if found != (not == "") {
		if found {
			return fmt.Errorf("%s is still in the room: members %s", user, roomLogicalList(w, members))
		}
		return fmt.Errorf("%s is not in the room: members %s", user, roomLogicalList(w, members))
	}
	return nil
}

func roomNewMembersReported(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	v, err := roomLastJSON(w, "data.newmembers")
	if err != nil {
		return err
	}
	got, err := roomStringList(v)
	if err != nil {
		return err
	}
	want, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	return roomSameUsers(w, "newmembers", got, want)
}

// roomIsTrue reads a per-user `result`, which 001 shows as a boolean.
func roomIsTrue(v any) bool { b, ok := v.(bool); return ok && b }

func roomResultSuccess(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	if err := roomExpectStatus(w, http.StatusOK); err != nil {
		return err
	}
	it, err := roomResultFor(w, user)
	if err != nil {
		return err
	}
	if !roomIsTrue(it["result"]) {
		return fmt.Errorf("result for %s: want true, got %s", user, compact(it))
	}
	return nil
}

func roomResultFailure(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	it, err := roomResultFor(w, user)
	if err != nil {
		return err
	}
	if r, ok := it["result"].(bool); !ok || r {
		return fmt.Errorf("result for %s: want false, got %s", user, compact(it))
	}
	return nil
}

func roomResultFailureReason(ctx context.Context, user, reason string) error {
	if err := roomResultFailure(ctx, user); err != nil {
		return err
	}
	w := WorldFrom(ctx)
	want, err := w.Expand(reason)
	if err != nil {
		return err
	}
	it, _ := roomResultFor(w, user)
	if got := roomAsString(it["reason"]); got != want {
		return fmt.Errorf("reason for %s: want %q, got %q", user, want, got)
	}
	return nil
}

func roomEveryResultAction(ctx context.Context, action, idField string) error {
	w := WorldFrom(ctx)
	id, err := roomID(w, roomKey)
	if err != nil {
		return err
	}
	data, err := roomLastJSON(w, "data")
	if err != nil {
		return err
	}
	items, err := roomObjects(data)
	if err != nil {
		return err
	}
	var problems []string
	for _, it := range items {
		if roomAsString(it["action"]) != action {
			problems = append(problems, fmt.Sprintf("%s has action %s", roomAsString(it["user"]), compact(it["action"])))
		}
		if roomAsString(it[idField]) != id {
			problems = append(problems, fmt.Sprintf("%s has %s %s, want %s", roomAsString(it["user"]), idField, compact(it[idField]), id))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %s", w.LastRequest(), strings.Join(problems, "; "))
	}
	return nil
}

func roomCurrentAdmins(ctx context.Context, w *World) ([]string, error) {
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
	return roomStringList(v)
}

func roomAdminsExactly(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	got, err := roomCurrentAdmins(ctx, w)
	if err != nil {
		return err
	}
	want, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	return roomSameUsers(w, "admins", got, want)
}

func roomNoAdmins(ctx context.Context) error {
	w := WorldFrom(ctx)
	got, err := roomCurrentAdmins(ctx, w)
	if err != nil {
		return err
	}
	return roomSameUsers(w, "admins", got, nil)
}

func roomEveryPromotionSucceeded(ctx context.Context) error {
	w := WorldFrom(ctx)
	failed, ok := roomScratch[[]string](w, roomPromotionsKey)
	if !ok {
		return fmt.Errorf("promote several users first")
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d promotions failed: %s", len(failed), strings.Join(failed, "; "))
	}
	return nil
}
