package steps

import (
	"context"
	"fmt"

	"github.com/cucumber/godog"
)

// Calls without the app token, or with a token the service never issued: for the calls whose
// answer to a missing token matters, with a body where the contract needs one (registration,
// U-17), and any documented group call by name (C-01).

func registerUnauthenticatedBodySteps(sc *godog.ScenarioContext) {
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" without a token with JSON:$`, iSendJSONWithoutToken)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" with a token that was never issued with JSON:$`, iSendJSONWithUnknownToken)
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

func iSendJSONWithoutToken(ctx context.Context, method, path string, doc *godog.DocString) error {
	body, err := docJSON(ctx, doc)
	if err != nil {
		return err
	}
	return send(ctx, method, path, body, WithAuthorization(""))
}

func iSendJSONWithUnknownToken(ctx context.Context, method, path string, doc *godog.DocString) error {
	body, err := docJSON(ctx, doc)
	if err != nil {
		return err
	}
	return send(ctx, method, path, body, WithAuthorization("Bearer "+neverIssued))
}
