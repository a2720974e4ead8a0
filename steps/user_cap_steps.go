package steps

import (
	"context"
	"net/http"

	"github.com/cucumber/godog"
)

// The free plan's cap on registered users (U-18), on the mock only: its control API caps the
// app. Nothing is undone afterwards: @mock-only scenarios run only on the mock target, which
// gives every scenario a fresh mock.

func userCapPath() string { return "/_mock/user-cap/" + MockOrg + "/" + MockApp }

func registerUserCapSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the mock caps the app at (\d+) registered users$`, mockCapsUsers)
}

func mockCapsUsers(ctx context.Context, max int) error {
	w := WorldFrom(ctx)
	if _, err := w.MockControl(ctx, http.MethodPut, userCapPath(), map[string]any{"max": max}); err != nil {
		return err
	}
	return nil
}
