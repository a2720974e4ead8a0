package steps

import (
	"context"
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

}

// ---- Given ------------------------------------------------------------------------------

func roomGivenBanned(ctx context.Context) error {
	_, err := mustBelow(ctx, rooms.below, http.MethodPost, "/ban", nil)
	return err
}

// ---- When -------------------------------------------------------------------------------

func roomBan(ctx context.Context) error   { return rooms.send(ctx, http.MethodPost, "/ban", nil) }
func roomUnban(ctx context.Context) error { return rooms.send(ctx, http.MethodDelete, "/ban", nil) }
