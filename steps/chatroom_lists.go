package steps

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"
)

// Steps for a chatroom's block list (R-BLK-*) and allow list (R-WHITE-*). 001 calls the
// allow list "white list": its paths say /white/users.

func registerRoomListSteps(sc *godog.ScenarioContext) {
	// Given
	sc.Step(`^([\w, ]+) (?:is|are) blocked from the room$`, roomGivenBlocked)
	sc.Step(`^([\w, ]+) (?:is|are) on the room's allow list$`, roomGivenAllowed)

	// When: block list
	sc.Step(`^I block (\w+) from the room$`, roomBlockOne)
	sc.Step(`^I block ([\w, ]+) from the room at once$`, roomBlockMany)
	sc.Step(`^I block (\w+) from a chatroom that does not exist$`, blockMissingRoom)
	sc.Step(`^I unblock (\w+) from the room$`, roomUnblockOne)
	sc.Step(`^I unblock ([\w, ]+) from the room at once$`, roomUnblockMany)
	sc.Step(`^I unblock (\w+) from a chatroom that does not exist$`, unblockMissingRoom)
	sc.Step(`^I list the room's block list$`, roomListBlocks)
	sc.Step(`^I list the block list of a chatroom that does not exist$`, listBlocksMissingRoom)

	// When: allow list
	sc.Step(`^I add (\w+) to the room's allow list$`, roomAllowOne)
	sc.Step(`^I add ([\w, ]+) to the room's allow list at once$`, roomAllowMany)
	sc.Step(`^I add (\w+) to the allow list of a chatroom that does not exist$`, allowMissingRoom)
	sc.Step(`^I remove ([\w, ]+) from the room's allow list$`, roomDisallow)
	sc.Step(`^I remove (\w+) from the allow list of a chatroom that does not exist$`, disallowMissingRoom)
	sc.Step(`^I list the room's allow list$`, roomListAllowed)
	sc.Step(`^I list the allow list of a chatroom that does not exist$`, listAllowedMissingRoom)

	// Then
	sc.Step(`^the block list is exactly ([\w, ]+)$`, roomBlockListExactly)
	sc.Step(`^the block list is empty$`, roomBlockListEmpty)
	sc.Step(`^(\w+) is not on the room's block list$`, roomNotBlocked)
	sc.Step(`^the allow list is exactly ([\w, ]+)$`, roomAllowListExactly)
	sc.Step(`^the allow list is empty$`, roomAllowListEmpty)
}

// ---- Given ------------------------------------------------------------------------------

// roomInBatches posts {usernames} to a room list, 60 names per call.
func roomInBatches(ctx context.Context, w *World, rest string, names []string) error {
	p, err := roomPath(w, rest)
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

func roomGivenBlocked(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	return roomInBatches(ctx, w, "/blocks/users", names)
}

func roomGivenAllowed(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := roomRealNames(w, list)
	if err != nil {
		return err
	}
	return roomInBatches(ctx, w, "/white/users", names)
}

// ---- When -------------------------------------------------------------------------------

// onRoom sends a request to a path below the room.
func onRoom(ctx context.Context, method, rest string, body any, opts ...RequestOption) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, rest)
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, method, p, body, opts...)
	return err
}

// onMissingRoom sends a request to a path below a chatroom that does not exist.
func onMissingRoom(ctx context.Context, method, rest string, body any) error {
	_, err := WorldFrom(ctx).Do(ctx, method, "/chatrooms/"+missingRoomID+rest, body)
	return err
}

// roomBatchNames reads a list of users for a batch call that takes at most limit names.
func roomBatchNames(ctx context.Context, list string, limit int, what string) ([]string, []RequestOption, error) {
	names, err := roomRealNames(WorldFrom(ctx), list)
	if err != nil {
		return nil, nil, err
	}
	return names, roomBreaksIf(len(names) > limit, fmt.Sprintf("at most %d users per %s", limit, what)), nil
}

func roomBlockOne(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodPost, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func roomBlockMany(ctx context.Context, list string) error {
	names, opts, err := roomBatchNames(ctx, list, roomMaxBatchNames, "batch block")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodPost, "/blocks/users", map[string]any{"usernames": names}, opts...)
}

func blockMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodPost, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func roomUnblockOne(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodDelete, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func roomUnblockMany(ctx context.Context, list string) error {
	names, opts, err := roomBatchNames(ctx, list, roomMaxBatchNames, "batch unblock")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodDelete, "/blocks/users/"+roomCommaPath(names), nil, opts...)
}

func unblockMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodDelete, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func roomListBlocks(ctx context.Context) error {
	return onRoom(ctx, http.MethodGet, "/blocks/users", nil)
}

func listBlocksMissingRoom(ctx context.Context) error {
	return onMissingRoom(ctx, http.MethodGet, "/blocks/users", nil)
}

func roomAllowOne(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodPost, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func roomAllowMany(ctx context.Context, list string) error {
	names, opts, err := roomBatchNames(ctx, list, roomMaxBatchNames, "batch allow-list add")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodPost, "/white/users", map[string]any{"usernames": names}, opts...)
}

func allowMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodPost, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func roomDisallow(ctx context.Context, list string) error {
	names, opts, err := roomBatchNames(ctx, list, roomMaxBatchNames, "allow-list removal")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodDelete, "/white/users/"+roomCommaPath(names), nil, opts...)
}

func disallowMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodDelete, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func roomListAllowed(ctx context.Context) error {
	return onRoom(ctx, http.MethodGet, "/white/users", nil)
}

func listAllowedMissingRoom(ctx context.Context) error {
	return onMissingRoom(ctx, http.MethodGet, "/white/users", nil)
}

// ---- Then -------------------------------------------------------------------------------

// roomList fetches one of the room's user-id lists (block or allow list).
func roomList(ctx context.Context, w *World, rest string) ([]string, error) {
	p, err := roomPath(w, rest)
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

func roomListExactly(ctx context.Context, rest, what, list string) error {
	w := WorldFrom(ctx)
	got, err := roomList(ctx, w, rest)
	if err != nil {
		return err
	}
	var want []string
	if list != "" {
		if want, err = roomRealNames(w, list); err != nil {
			return err
		}
	}
	return roomSameUsers(w, what, got, want)
}

func roomBlockListExactly(ctx context.Context, list string) error {
	return roomListExactly(ctx, "/blocks/users", "block list", list)
}

func roomBlockListEmpty(ctx context.Context) error {
	return roomListExactly(ctx, "/blocks/users", "block list", "")
}

func roomNotBlocked(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	got, err := roomList(ctx, w, "/blocks/users")
	if err != nil {
		return err
	}
	for _, g := range got {
		if g == w.User(user) {
			return fmt.Errorf("%s is on the block list %s", user, roomLogicalList(w, got))
		}
	}
	return nil
}

func roomAllowListExactly(ctx context.Context, list string) error {
	return roomListExactly(ctx, "/white/users", "allow list", list)
}

func roomAllowListEmpty(ctx context.Context) error {
	return roomListExactly(ctx, "/white/users", "allow list", "")
}
