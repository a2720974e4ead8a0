package steps

import (
	"context"
	"net/http"

	"github.com/cucumber/godog"
)

// Mute-all of a group or a chatroom (G-BAN-*, R-BAN-*): /ban mutes every member until it is
// lifted. Mutes of one user are mutes.go's.

func registerMuteAllSteps(sc *godog.ScenarioContext) {
	const everyone = `everyone in the ` + subjectWord
	sc.Step(`^`+everyone+` is muted$`, givenMutedAll)
	sc.Step(`^I mute `+everyone+`$`, muteAll)
	sc.Step(`^I lift the mute on `+everyone+`$`, liftMuteAll)
}

func givenMutedAll(ctx context.Context, word string) error {
	_, err := mustBelow(ctx, subjectOf(word).below, http.MethodPost, "/ban", nil)
	return err
}

func muteAll(ctx context.Context, word string) error {
	return subjectOf(word).send(ctx, http.MethodPost, "/ban", nil)
}

func liftMuteAll(ctx context.Context, word string) error {
	return subjectOf(word).send(ctx, http.MethodDelete, "/ban", nil)
}
