package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"
)

// Calls of the observed rows (O-02, O-12, O-14, O-18, O-21, O-22) and details calls in the
// shapes clients really send them: a JSON null where a list is optional, an empty cursor, the
// query switches of the detailed answers. Each step sends one request, whose answer a Then
// step checks.

func registerObservedCallSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I create a `+subjectWord+` owned by (\w+) with "members" written as null$`, createWithNullMembers)
	sc.Step(`^I list the app's `+subjectWord+` (\d+) at a time, with an empty cursor$`, listWithEmptyCursor)
	sc.Step(`^I ask for the group's details with each member's joined_time$`, askGroupDetailsJoinedTime)
	sc.Step(`^I list the chatrooms (\w+) has joined, in detail$`, listJoinedRoomsInDetail)
	sc.Step(`^I get the room attributes with "keys" written as null$`, getRoomAttributesKeysNull)
	sc.Step(`^I register a user named "([^"]*)", breaking the spec \(([^)]+)\)$`, registerBadName)
}

// createWithNullMembers sends a create call whose optional member list is null, as a Go SDK
// sends its zero value (O-18); a 200 answer's id becomes the scenario's group or room.
func createWithNullMembers(ctx context.Context, word, owner string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if err := w.RegisterUsers(ctx, owner); err != nil {
		return err
	}
	body := s.createBody("nulls", w.User(owner), nil)
	body["members"] = nil
	return s.sendCreate(ctx, body)
}

// listWithEmptyCursor asks for the app's first page with "cursor=" in the query, as SDKs send
// it before they hold a cursor (O-14).
func listWithEmptyCursor(ctx context.Context, word string, limit int) error {
	return send(ctx, http.MethodGet, fmt.Sprintf("%s?limit=%d&cursor=", subjectOf(word).base, limit), nil)
}

// askGroupDetailsJoinedTime asks for the group's details with joined_time=true&version=v3
// (O-21). Group-only: the chatroom details have no joined_time switch.
func askGroupDetailsJoinedTime(ctx context.Context) error {
	return groups.send(ctx, http.MethodGet, "?joined_time=true&version=v3", nil)
}

// listJoinedRoomsInDetail lists the chatrooms a user is in with detail=true (O-22). Room-only:
// the joined groups have no detailed form.
func listJoinedRoomsInDetail(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	return send(ctx, http.MethodGet, "/users/"+url.PathEscape(w.User(user))+rooms.joined+"?detail=true", nil)
}

// getRoomAttributesKeysNull reads the room's attributes with "keys": null, as client SDKs send
// for "all of them" (O-12). Room-only: the attributes of a room.
func getRoomAttributesKeysNull(ctx context.Context) error {
	w := WorldFrom(ctx)
	id, err := rooms.id(w, rooms.key)
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPost, "/metadata/chatroom/"+url.PathEscape(id), map[string]any{"keys": nil})
}

// registerBadName registers a user whose name breaks the contract's pattern (O-02); the users
// steps (auth_steps.go) register only valid names.
func registerBadName(ctx context.Context, name, why string) error {
	body := []any{map[string]any{"username": name, "password": "123456"}}
	return send(ctx, http.MethodPost, "/users", body, BreaksSpec(why))
}
