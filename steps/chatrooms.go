package steps

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// registerChatroomSteps adds the business steps of features/chatrooms: creating and finding
// chatrooms, super admins, members and admins, block and allow lists, mutes and custom
// attributes. They speak of "the room" (the scenario's chatroom, remembered as {room}) and of
// users by their logical names (alice, bob), and go through World.Do so every request and
// answer is checked against the spec.
func registerChatroomSteps(sc *godog.ScenarioContext) {
	registerRoomSteps(sc)
	registerSuperAdminSteps(sc)
	registerRoomAttributeSteps(sc)
}

func registerRoomSteps(sc *godog.ScenarioContext) {
	// Given
	sc.Step(`^(\w+) owns (\d+) chatrooms$`, givenOwnsRooms)
	sc.Step(`^the room has been deleted$`, givenRoomDeleted)

	// When: create
	sc.Step(`^I create a chatroom owned by (\w+) whose (name|description|custom) is (\d+) characters long$`, createRoomWithLength)

	// When: read
	sc.Step(`^I ask for the details of (\d+) chatrooms at once$`, askManyRoomsDetails)

	// When: change
	sc.Step(`^I modify the room so that its (name length|description length|maxusers) is (-?\d+)$`, modifyRoomSize)

	// Then
	sc.Step(`^every listed chatroom has disabled "([^"]*)"$`, roomEveryDisabled)
	sc.Step(`^the query is echoed as pagenum "(\d+)" and pagesize "(\d+)"$`, roomQueryEchoed)
	sc.Step(`^the answer carries an empty "(\w+)" object$`, roomAnswerEmptyObject)
}

// ---- Given ------------------------------------------------------------------------------

func givenOwnsRooms(ctx context.Context, owner string, n int) error {
	for i := 1; i <= n; i++ {
		if _, err := rooms.create(ctx, fmt.Sprintf("%s%d", owner, i), owner, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

func givenRoomDeleted(ctx context.Context) error {
	if _, err := mustBelow(ctx, rooms.below, http.MethodDelete, "", nil); err != nil {
		return err
	}
	w := WorldFrom(ctx)
	id, _ := rooms.id(w, roomKey)
	w.Untrack("room", id)
	return nil
}

// ---- When: create -----------------------------------------------------------------------

// roomCreateBreaks says which documented create rule a body breaks, if any.
func roomCreateBreaks(body map[string]any) string {
	if n, err := strconv.ParseInt(strings.Trim(fmt.Sprint(body["maxusers"]), `"`), 10, 64); err == nil && (n < 1 || n > maxRoomUsers) {
		return "maxusers in [1,10000]" // a number, or a numeric string (O-08)
	}
	return ""
}

func createRoomWithLength(ctx context.Context, owner, field string, n int) error {
	w := WorldFrom(ctx)
	limit := map[string]int{"name": maxRoomName, "description": maxRoomDescription, "custom": maxRoomCustomSpec}[field]
	body := map[string]any{"name": "long", "description": "long", "owner": w.User(owner)}
	body[field] = textOf(n)
	return rooms.sendCreate(ctx, body, breaksIf(n > limit, fmt.Sprintf("%s at most %d characters", field, limit))...)
}

// ---- When: read -------------------------------------------------------------------------

// askManyRoomsDetails asks for n ids in one call: the scenario's rooms are not needed, the
// limit (100 ids) is on the request.
func askManyRoomsDetails(ctx context.Context, n int) error {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%d", 900000000000000+i)
	}
	return send(ctx, http.MethodGet, "/chatrooms/"+strings.Join(ids, "%2C"), nil,
		breaksIf(n > 100, "at most 100 chatroom ids per details call")...)
}

// ---- When: change -----------------------------------------------------------------------

func modifyRoom(ctx context.Context, body map[string]any, opts ...RequestOption) error {
	return rooms.send(ctx, http.MethodPut, "", body, opts...)
}

func modifyRoomSize(ctx context.Context, what string, n int) error {
	switch what {
	case "name length":
		return modifyRoom(ctx, map[string]any{"name": textOf(n)},
			breaksIf(n > maxRoomName, "name at most 128 characters")...)
	case "description length":
		return modifyRoom(ctx, map[string]any{"description": textOf(n)},
			breaksIf(n > maxRoomDescription, "description at most 512 characters")...)
	default:
		// 0 reaches the mock's rules, which check the member count first (O-23).
		return modifyRoom(ctx, map[string]any{"maxusers": n},
			breaksIf(n < 0 || n > maxRoomUsers, "maxusers in [0,10000] on modify")...)
	}
}

// ---- Then -------------------------------------------------------------------------------

func roomEveryDisabled(ctx context.Context, want string) error {
	w := WorldFrom(ctx)
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	for _, it := range items {
		v, ok := it["disabled"]
		if !ok {
			return fmt.Errorf("chatroom %s has no disabled field", asString(it["id"]))
		}
		if s, isString := v.(string); !isString || s != want {
			return fmt.Errorf("chatroom %s: disabled is %s, want the string %q", asString(it["id"]), describe(v), want)
		}
	}
	return nil
}

func roomQueryEchoed(ctx context.Context, pagenum, pagesize string) error {
	w := WorldFrom(ctx)
	for name, want := range map[string]string{"pagenum": pagenum, "pagesize": pagesize} {
		v, err := lastJSON(w, "params."+name)
		if err != nil {
			return err
		}
		got, err := stringList(v)
		if err != nil || len(got) != 1 || got[0] != want {
			return fmt.Errorf("params.%s: want [%q], got %s", name, want, compact(v))
		}
	}
	return nil
}

func roomAnswerEmptyObject(ctx context.Context, path string) error {
	w := WorldFrom(ctx)
	v, err := lastJSON(w, path)
	if err != nil {
		return err
	}
	if m, ok := v.(map[string]any); !ok || len(m) != 0 {
		return fmt.Errorf("%s: want an empty object at %q, got %s", w.LastRequest(), path, compact(v))
	}
	return nil
}
