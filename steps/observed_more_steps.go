package steps

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"
)

// Steps of the observed rows O-14..O-23 that no generic step says: a token request whose JSON
// body carries another Content-Type or none (O-17), and a group's custom of a given length
// (O-19).

// maxGroupCustom is the modify table's limit on a group's custom (O-19).
const maxGroupCustom = 1024

func registerObservedMoreSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I ask for an app token with the app's client credentials as JSON sent with no Content-Type header$`, func(ctx context.Context) error {
		return askTokenWithContentType(ctx, "")
	})
	sc.Step(`^I ask for an app token with the app's client credentials as JSON sent with the Content-Type "([^"]*)"$`, askTokenWithContentType)
	sc.Step(`^I ask for an app token with a body that is not JSON and no Content-Type header$`, askTokenNotJSON)
	sc.Step(`^I modify the group's custom to a text of (\d+) characters$`, modifyGroupCustomLength)
	sc.Step(`^the group's custom is the text of (\d+) characters$`, groupCustomIsText)
}

// askTokenWithContentType posts the token request's JSON with this Content-Type ("": none), as
// the service's own PHP server SDK does (O-17).
func askTokenWithContentType(ctx context.Context, contentType string) error {
	w := WorldFrom(ctx)
	body := map[string]any{"grant_type": "client_credentials", "client_id": w.session.ClientID, "client_secret": w.session.ClientSecret}
	_, err := w.Do(ctx, http.MethodPost, "/token", body, WithAuthorization(""), WithContentType(contentType))
	return err
}

// askTokenNotJSON posts form fields, which are not JSON, without a Content-Type.
func askTokenNotJSON(ctx context.Context) error {
	w := WorldFrom(ctx)
	body := fmt.Sprintf("grant_type=client_credentials&client_id=%s&client_secret=%s", w.session.ClientID, w.session.ClientSecret)
	_, err := w.Do(ctx, http.MethodPost, "/token", body, WithAuthorization(""), WithContentType(""),
		BreaksSpec("the token request's body is JSON"))
	return err
}

func modifyGroupCustomLength(ctx context.Context, n int) error {
	w := WorldFrom(ctx)
	_, err := w.Do(ctx, http.MethodPut, "/chatgroups/{group}", map[string]any{"custom": textOf(n)},
		breaksIf(n > maxGroupCustom, fmt.Sprintf("custom at most %d characters", maxGroupCustom))...)
	return err
}

// groupCustomIsText reads the group's details back: custom is the text modifyGroupCustomLength
// sent with n characters (0: empty).
func groupCustomIsText(ctx context.Context, n int) error {
	details, err := groupDetails(ctx, groupKey)
	if err != nil {
		return err
	}
	if got, want := fmt.Sprint(details["custom"]), textOf(n); got != want {
		return fmt.Errorf("the group's custom has %d characters (%q...), want the text of %d", len([]rune(got)), abbreviate([]byte(got), 40), n)
	}
	return nil
}
