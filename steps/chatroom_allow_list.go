package steps

import (
	"context"
	"net/http"

	"github.com/cucumber/godog"
)

// Steps for a chatroom's allow list (R-WHITE-*); the block list is rosters.go's, shared with
// groups. 001 calls the allow list "white list": its paths say /white/users.

func registerRoomListSteps(sc *godog.ScenarioContext) {
	// Given
	sc.Step(`^([\w, ]+) (?:is|are) on the room's allow list$`, roomGivenAllowed)

	// When
	sc.Step(`^I add (\w+) to the room's allow list$`, roomAllowOne)
	sc.Step(`^I add (.+) to the room's allow list in one call$`, roomAllowMany)
	sc.Step(`^I remove ([\w, ]+) from the room's allow list$`, roomDisallow)
	sc.Step(`^I list the room's allow list$`, roomListAllowed)

	// Then
	sc.Step(`^the room's allow list is exactly (.+)$`, roomAllowListExactly)
	sc.Step(`^the room's allow list is empty$`, roomAllowListEmpty)
}

// ---- Given ------------------------------------------------------------------------------

// roomGivenOn posts the users of a written list to rest below the room (members, block list,
// allow list, mutes), in as many calls as the batch limit needs; body builds each call's body.
func roomGivenOn(ctx context.Context, rest, list string, body func(batch []string) map[string]any) error {
	names, err := realNamesOf(WorldFrom(ctx), list)
	if err != nil {
		return err
	}
	return inBatches(names, roomMaxBatchNames, func(batch []string) error {
		_, err := mustBelow(ctx, rooms.below, http.MethodPost, rest, body(batch))
		return err
	})
}

func roomGivenAllowed(ctx context.Context, list string) error {
	return roomGivenOn(ctx, "/white/users", list, usernames)
}

// ---- When -------------------------------------------------------------------------------

func roomAllowOne(ctx context.Context, user string) error {
	return rooms.send(ctx, http.MethodPost, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func roomAllowMany(ctx context.Context, list string) error {
	return postUsers(ctx, rooms.below, "/white/users", list, roomSpecBatchNames)
}

func roomDisallow(ctx context.Context, list string) error {
	return deleteUsers(ctx, rooms.below, "/white/users/", list, roomMaxBatchNames, roomCommaPath)
}

func roomListAllowed(ctx context.Context) error {
	return rooms.send(ctx, http.MethodGet, "/white/users", nil)
}

// ---- Then -------------------------------------------------------------------------------

// roomListExactly fetches one of the room's lists of users (admins, block or allow list) and
// compares it with a written list.
func roomListExactly(ctx context.Context, rest, what, list string) error {
	w := WorldFrom(ctx)
	got, err := fetchNames(ctx, rooms.below, rest)
	if err != nil {
		return err
	}
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	return sameUsers(w, what, got, want)
}

func roomAllowListExactly(ctx context.Context, list string) error {
	return roomListExactly(ctx, "/white/users", "allow list", list)
}

func roomAllowListEmpty(ctx context.Context) error {
	return roomListExactly(ctx, "/white/users", "allow list", "nobody")
}
