package steps

import (
	"context"
	"encoding/json"
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
	sc.Step(`^the joined_time of (.+) is the group's creation$`, joinedTimeIsCreation)
	sc.Step(`^the joined_time of (\w+) is at least (\d+) ms after the group's creation$`, joinedTimeAfterCreation)
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
	details, err := groups.details(ctx)
	if err != nil {
		return err
	}
	if got, want := fmt.Sprint(details["custom"]), textOf(n); got != want {
		return fmt.Errorf("the group's custom has %d characters (%q...), want the text of %d", len([]rune(got)), abbreviate([]byte(got), 40), n)
	}
	return nil
}

// joinedTimes reads the last group details answer (asked with joined_time=true, O-21): the
// group's created and each affiliation's joined_time, by real username.
func joinedTimes(w *World) (created int64, joined map[string]int64, err error) {
	v, err := w.Last().JSON("data.0")
	if err != nil {
		return 0, nil, err
	}
	var g struct {
		Created      int64 `json:"created"`
		Affiliations []struct {
			Owner      string `json:"owner"`
			Member     string `json:"member"`
			JoinedTime *int64 `json:"joined_time"`
		} `json:"affiliations"`
	}
	raw, _ := json.Marshal(v)
	if err := json.Unmarshal(raw, &g); err != nil {
		return 0, nil, fmt.Errorf("%s: group details: %w", w.LastRequest(), err)
	}
	joined = map[string]int64{}
	for _, a := range g.Affiliations {
		if a.JoinedTime == nil {
			return 0, nil, fmt.Errorf("%s: the affiliation of %s%s has no joined_time: %s", w.LastRequest(), a.Owner, a.Member, abbreviate(w.Last().Body, 600))
		}
		joined[a.Owner+a.Member] = *a.JoinedTime
	}
	return g.Created, joined, nil
}

func joinedTimeIsCreation(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	created, joined, err := joinedTimes(w)
	if err != nil {
		return err
	}
	for _, u := range splitNames(list) {
		t, ok := joined[w.User(u)]
		if !ok {
			return fmt.Errorf("%s: %s is not in the affiliations", w.LastRequest(), u)
		}
		if t != created {
			return fmt.Errorf("%s: the joined_time of %s is %d, want the group's created %d", w.LastRequest(), u, t, created)
		}
	}
	return nil
}

func joinedTimeAfterCreation(ctx context.Context, user string, ms int64) error {
	w := WorldFrom(ctx)
	created, joined, err := joinedTimes(w)
	if err != nil {
		return err
	}
	t, ok := joined[w.User(user)]
	if !ok {
		return fmt.Errorf("%s: %s is not in the affiliations", w.LastRequest(), user)
	}
	if t < created+ms {
		return fmt.Errorf("%s: the joined_time of %s is %d, want at least %d ms after the group's created %d", w.LastRequest(), user, t, ms, created)
	}
	return nil
}
