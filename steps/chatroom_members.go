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
	sc.Step(`^I add ([\w, ]+) to the room at once$`, roomAddMembers)
	sc.Step(`^I list the room members$`, roomListMembers)
	sc.Step(`^I list the room members with pagenum (-?\d+) and pagesize (-?\d+)$`, roomListMembersPage)
	sc.Step(`^I remove (\w+) from the room$`, roomRemoveMember)
	sc.Step(`^I remove ([\w, ]+) from the room at once$`, roomRemoveMembers)

	// When: admins
	sc.Step(`^I make (\w+) an admin of the room$`, roomMakeAdmin)
	sc.Step(`^I make ([\w, ]+) admins of the room$`, roomMakeAdmins)
	sc.Step(`^I demote (\w+) from admin of the room$`, roomDemoteAdmin)
	sc.Step(`^I list the room admins$`, roomListAdmins)

	// Then
	sc.Step(`^the room's members are (\w+) as owner and ([\w, ]+) as members$`, roomMembersAre)
	sc.Step(`^the room's members are (\w+) as owner and no one else$`, roomMembersAreOnlyOwner)
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
	names, err := userNames(fmt.Sprintf("%s1 to %s%d", prefix, prefix, n))
	if err != nil {
		return err
	}
	return w.RegisterUsers(ctx, names...)
}

func roomGivenMembers(ctx context.Context, list string) error {
	return roomGivenOn(ctx, "/users", list, usernames)
}

func roomGivenAdmin(ctx context.Context, user string) error {
	_, err := mustBelow(ctx, roomPath, http.MethodPost, "/admin", map[string]any{"newadmin": WorldFrom(ctx).User(user)})
	return err
}

// ---- When: members ----------------------------------------------------------------------

func roomAddMember(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodPost, "/users/"+WorldFrom(ctx).User(user), nil)
}

func roomAddMembers(ctx context.Context, list string) error {
	return postUsers(ctx, roomPath, "/users", list, roomMaxBatchNames)
}

func roomListMembers(ctx context.Context) error {
	return onRoom(ctx, http.MethodGet, "/users", nil)
}

func roomListMembersPage(ctx context.Context, pagenum, pagesize int) error {
	w := WorldFrom(ctx)
	err := onRoom(ctx, http.MethodGet, fmt.Sprintf("/users?pagenum=%d&pagesize=%d", pagenum, pagesize), nil,
		breaksIf(pagenum < 1 || pagesize < 0 || pagesize > roomMaxMemberPageSize, "pagenum from 1, pagesize in [0,1000]")...)
	if err != nil || w.Last().Status != http.StatusOK {
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
	w.recordPage(append(owners, members...))
	return nil
}

func roomRemoveMember(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodDelete, "/users/"+WorldFrom(ctx).User(user), nil)
}

func roomRemoveMembers(ctx context.Context, list string) error {
	return deleteUsers(ctx, roomPath, "/users/", list, roomMaxRemoveNames, roomCommaPath)
}

// ---- When: admins -----------------------------------------------------------------------

func roomMakeAdmin(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodPost, "/admin", map[string]any{"newadmin": WorldFrom(ctx).User(user)})
}

const roomPromotionsKey = "chatroom.promotions"

// roomMakeAdmins promotes users one call each (the API takes one per call) and remembers the
// calls that did not answer 200.
func roomMakeAdmins(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := userNames(list)
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

func roomDemoteAdmin(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodDelete, "/admin/"+WorldFrom(ctx).User(user), nil)
}

func roomListAdmins(ctx context.Context) error {
	return onRoom(ctx, http.MethodGet, "/admin", nil)
}

// ---- Then -------------------------------------------------------------------------------

// roomCurrentMembers fetches the room's member list (one page of up to 1000).
func roomCurrentMembers(ctx context.Context) (any, error) {
	return fetchJSON(ctx, roomPath, "/users", "data")
}

func roomMembersAre(ctx context.Context, owner, members string) error {
	w := WorldFrom(ctx)
	want, err := realNamesOf(w, members)
	if err != nil {
		return err
	}
	data, err := roomCurrentMembers(ctx)
	if err != nil {
		return err
	}
	return expectAffiliations(w, "the room's", data, owner, want)
}

func roomMembersAreOnlyOwner(ctx context.Context, owner string) error {
	return roomMembersAre(ctx, owner, "nobody")
}

// roomIsMember looks among the owner and the members.
func roomIsMember(ctx context.Context, user, not string) error {
	data, err := roomCurrentMembers(ctx)
	if err != nil {
		return err
	}
	owners, members, err := affiliations(data)
	if err != nil {
		return err
	}
	return userListed(WorldFrom(ctx), "the room's owner and members", append(owners, members...), user, not == "")
}

func roomNewMembersReported(ctx context.Context, list string) error {
	return expectNewMembers(WorldFrom(ctx), list)
}

func roomResultSuccess(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	if err := expectStatus(w, http.StatusOK); err != nil {
		return err
	}
	return resultIs(w, user, true)
}

func roomResultFailure(ctx context.Context, user string) error {
	return resultIs(WorldFrom(ctx), user, false)
}

func roomResultFailureReason(ctx context.Context, user, reason string) error {
	w := WorldFrom(ctx)
	if err := resultIs(w, user, false); err != nil {
		return err
	}
	return resultReasonIs(w, user, reason)
}

func roomEveryResultAction(ctx context.Context, action, idField string) error {
	w := WorldFrom(ctx)
	id, err := roomID(w, roomKey)
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

func roomAdminsExactly(ctx context.Context, list string) error {
	return roomListExactly(ctx, "/admin", "admins", list)
}

func roomNoAdmins(ctx context.Context) error {
	return roomListExactly(ctx, "/admin", "admins", "nobody")
}

func roomEveryPromotionSucceeded(ctx context.Context) error {
	w := WorldFrom(ctx)
	failed, ok := scratch[[]string](w, roomPromotionsKey)
	if !ok {
		return fmt.Errorf("promote several users first")
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d promotions failed: %s", len(failed), strings.Join(failed, "; "))
	}
	return nil
}
