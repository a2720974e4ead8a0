package steps

import (
	"context"

	"github.com/cucumber/godog"
)

// Calls with a body but without the app token, or with a token the service never issued: for
// the calls whose answer to a missing token matters and that need a body to pass the contract
// (registration, U-17).

func registerUnauthenticatedBodySteps(sc *godog.ScenarioContext) {
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" without a token with JSON:$`, iSendJSONWithoutToken)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" with a token that was never issued with JSON:$`, iSendJSONWithUnknownToken)
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
