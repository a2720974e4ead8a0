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
	sc.Step(`^([\w, ]+) (?:is|are) blocked from the room$`, givenBlocked)
	sc.Step(`^([\w, ]+) (?:is|are) on the room's allow list$`, givenAllowed)

	// When: block list
	sc.Step(`^I block (\w+) from the room$`, blockOne)
	sc.Step(`^I block ([\w, ]+) from the room at once$`, blockMany)
	sc.Step(`^I block (\w+) from a chatroom that does not exist$`, blockMissingRoom)
	sc.Step(`^I unblock (\w+) from the room$`, unblockOne)
	sc.Step(`^I unblock ([\w, ]+) from the room at once$`, unblockMany)
	sc.Step(`^I unblock (\w+) from a chatroom that does not exist$`, unblockMissingRoom)
	sc.Step(`^I list the room's block list$`, listBlocks)
	sc.Step(`^I list the block list of a chatroom that does not exist$`, listBlocksMissingRoom)

	// When: allow list
	sc.Step(`^I add (\w+) to the room's allow list$`, allowOne)
	sc.Step(`^I add ([\w, ]+) to the room's allow list at once$`, allowMany)
	sc.Step(`^I add (\w+) to the allow list of a chatroom that does not exist$`, allowMissingRoom)
	sc.Step(`^I remove ([\w, ]+) from the room's allow list$`, disallow)
	sc.Step(`^I remove (\w+) from the allow list of a chatroom that does not exist$`, disallowMissingRoom)
	sc.Step(`^I list the room's allow list$`, listAllowed)
	sc.Step(`^I list the allow list of a chatroom that does not exist$`, listAllowedMissingRoom)

	// Then
	sc.Step(`^the block list is exactly ([\w, ]+)$`, blockListExactly)
	sc.Step(`^the block list is empty$`, blockListEmpty)
	sc.Step(`^(\w+) is not on the room's block list$`, notBlocked)
	sc.Step(`^the allow list is exactly ([\w, ]+)$`, allowListExactly)
	sc.Step(`^the allow list is empty$`, allowListEmpty)
}

// ---- Given ------------------------------------------------------------------------------

// inBatches posts {usernames} to a room list, 60 names per call.
func inBatches(ctx context.Context, w *World, rest string, names []string) error {
	p, err := roomPath(w, rest)
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

func givenBlocked(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNames(w, list)
	if err != nil {
		return err
	}
	return inBatches(ctx, w, "/blocks/users", names)
}

func givenAllowed(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNames(w, list)
	if err != nil {
		return err
	}
	return inBatches(ctx, w, "/white/users", names)
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

// batchNames reads a list of users for a batch call that takes at most limit names.
func batchNames(ctx context.Context, list string, limit int, what string) ([]string, []RequestOption, error) {
	names, err := realNames(WorldFrom(ctx), list)
	if err != nil {
		return nil, nil, err
	}
	return names, breaksIf(len(names) > limit, fmt.Sprintf("at most %d users per %s", limit, what)), nil
}

func blockOne(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodPost, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func blockMany(ctx context.Context, list string) error {
	names, opts, err := batchNames(ctx, list, maxBatchNames, "batch block")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodPost, "/blocks/users", map[string]any{"usernames": names}, opts...)
}

func blockMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodPost, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func unblockOne(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodDelete, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func unblockMany(ctx context.Context, list string) error {
	names, opts, err := batchNames(ctx, list, maxBatchNames, "batch unblock")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodDelete, "/blocks/users/"+commaPath(names), nil, opts...)
}

func unblockMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodDelete, "/blocks/users/"+WorldFrom(ctx).User(user), nil)
}

func listBlocks(ctx context.Context) error {
	return onRoom(ctx, http.MethodGet, "/blocks/users", nil)
}

func listBlocksMissingRoom(ctx context.Context) error {
	return onMissingRoom(ctx, http.MethodGet, "/blocks/users", nil)
}

func allowOne(ctx context.Context, user string) error {
	return onRoom(ctx, http.MethodPost, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func allowMany(ctx context.Context, list string) error {
	names, opts, err := batchNames(ctx, list, maxBatchNames, "batch allow-list add")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodPost, "/white/users", map[string]any{"usernames": names}, opts...)
}

func allowMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodPost, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func disallow(ctx context.Context, list string) error {
	names, opts, err := batchNames(ctx, list, maxBatchNames, "allow-list removal")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodDelete, "/white/users/"+commaPath(names), nil, opts...)
}

func disallowMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodDelete, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func listAllowed(ctx context.Context) error {
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
	return stringList(v)
}

func listExactly(ctx context.Context, rest, what, list string) error {
	w := WorldFrom(ctx)
	got, err := roomList(ctx, w, rest)
	if err != nil {
		return err
	}
	var want []string
	if list != "" {
		if want, err = realNames(w, list); err != nil {
			return err
		}
	}
	return sameUsers(w, what, got, want)
}

func blockListExactly(ctx context.Context, list string) error {
	return listExactly(ctx, "/blocks/users", "block list", list)
}

func blockListEmpty(ctx context.Context) error {
	return listExactly(ctx, "/blocks/users", "block list", "")
}

func notBlocked(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	got, err := roomList(ctx, w, "/blocks/users")
	if err != nil {
		return err
	}
	for _, g := range got {
		if g == w.User(user) {
			return fmt.Errorf("%s is on the block list %s", user, logicalList(w, got))
		}
	}
	return nil
}

func allowListExactly(ctx context.Context, list string) error {
	return listExactly(ctx, "/white/users", "allow list", list)
}

func allowListEmpty(ctx context.Context) error {
	return listExactly(ctx, "/white/users", "allow list", "")
}
