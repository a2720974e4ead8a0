package steps

import (
	"context"
	"fmt"

	"github.com/cucumber/godog"
)

// Any documented group call by name without the app token (C-01). Registration without a
// token (U-17) is user_steps.go's.

func registerUnauthenticatedBodySteps(sc *godog.ScenarioContext) {
	sc.Step(`^I call "([^"]*)" on the group without a token$`, callOnGroupWithoutToken)
}

// callOnGroupWithoutToken sends one of the documented group calls (the C-09 table, groups.go's
// groupCalls) with no Authorization header (C-01).
func callOnGroupWithoutToken(ctx context.Context, name string) error {
	w := WorldFrom(ctx)
	call, ok := groupCalls[name]
	if !ok {
		return fmt.Errorf("no group call %q: the names are groups.go's groupCalls", name)
	}
	var body any
	if call.body != nil {
		body = call.body(w)
	}
	return groups.send(ctx, call.method, call.path, body, WithAuthorization(""))
}
