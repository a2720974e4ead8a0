package steps

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"
)

// Steps for chatroom mute-all (R-BAN-*); mutes of one user are in mutes.go.

func registerRoomMuteSteps(sc *godog.ScenarioContext) {
	// Given
	sc.Step(`^everyone in the room is muted$`, roomGivenBanned)

	// When
	sc.Step(`^I mute everyone in the room$`, roomBan)
	sc.Step(`^I lift the mute on everyone in the room$`, roomUnban)

	// Then

	// Mock only (R-BAN-02): sending is outside the API, the mock's control API shows it.
	sc.Step(`^the mock says the room is (?:(not) )?muted for everyone$`, roomMockSaysBanned)
	sc.Step(`^the mock says (\w+) may (?:(not) )?speak in the room$`, roomMockSaysMaySpeak)
}

// ---- Given ------------------------------------------------------------------------------

func roomGivenBanned(ctx context.Context) error {
	_, err := mustBelow(ctx, rooms.below, http.MethodPost, "/ban", nil)
	return err
}

// ---- When -------------------------------------------------------------------------------

func roomBan(ctx context.Context) error   { return rooms.send(ctx, http.MethodPost, "/ban", nil) }
func roomUnban(ctx context.Context) error { return rooms.send(ctx, http.MethodDelete, "/ban", nil) }

// ---- mock control (R-BAN-02) ------------------------------------------------------------

// roomMockMuteAll asks the mock's control API about the room's mute-all state and, with a user,
// whether that user may speak: GET /_mock/chatrooms/{org}/{app}/{id}/ban[?user=U] answers
// {chatroom_id, mute_all, user?, can_speak?}.
func roomMockMuteAll(ctx context.Context, w *World, user string) (map[string]any, error) {
	id, err := rooms.id(w, roomKey)
	if err != nil {
		return nil, err
	}
	return w.MockControlObject(ctx, "/_mock/chatrooms/"+MockOrg+"/"+MockApp+"/"+id+"/ban", user)
}

func roomMockSaysBanned(ctx context.Context, not string) error {
	st, err := roomMockMuteAll(ctx, WorldFrom(ctx), "")
	if err != nil {
		return err
	}
	got, ok := st["mute_all"].(bool)
	if !ok {
		return fmt.Errorf("mock control: no boolean mute_all in %s", compact(st))
	}
	if want := not == ""; got != want {
		return fmt.Errorf("mock control: mute-all is %t, want %t", got, want)
	}
	return nil
}

func roomMockSaysMaySpeak(ctx context.Context, user, not string) error {
	st, err := roomMockMuteAll(ctx, WorldFrom(ctx), user)
	if err != nil {
		return err
	}
	got, ok := st["can_speak"].(bool)
	if !ok {
		return fmt.Errorf("mock control: no boolean can_speak in %s", compact(st))
	}
	if want := not == ""; got != want {
		return fmt.Errorf("mock control: %s can_speak is %t, want %t (%s)", user, got, want, compact(st))
	}
	return nil
}
