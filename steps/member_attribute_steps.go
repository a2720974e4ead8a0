package steps

import (
	"context"
	"net/http"

	"github.com/cucumber/godog"
)

// The member-attribute feature switch (G-MATTR-11), on the mock only: the real service enables
// the feature per app on request, so the mock's control API switches it. Nothing is undone
// afterwards: @mock-only scenarios run only on the mock target, which gives every scenario a
// fresh mock.

func memberAttributeSwitchPath() string {
	return "/_mock/member-attributes/" + MockOrg + "/" + MockApp
}

func registerMemberAttributeSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the member attribute feature is (on|off) for the app$`, memberAttributeFeatureSwitch)
}

func memberAttributeFeatureSwitch(ctx context.Context, state string) error {
	_, err := WorldFrom(ctx).MockControl(ctx, http.MethodPut, memberAttributeSwitchPath(), map[string]any{"enabled": state == "on"})
	return err
}
