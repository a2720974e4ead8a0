package steps

import (
	"context"
	"fmt"
	"net/url"

	"github.com/cucumber/godog"
)

// Who may send in a group or chatroom right now is outside every documented call (sending is
// the message API's), so the mock shows it through its control API: mute-all (G-BAN-06,
// R-BAN-02), a disabled group (G-DIS-05), and whether one user may send given the allow list
// and mutes (G-BAN-07, G-WHITE-08). Scenarios using these steps are @mock-only.

func registerMockSpeechSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the mock says the `+subjectWord+` is (not )?(muted for everyone|disabled)$`, mockSaysState)
	sc.Step(`^the mock says (\w+) may (not )?send in the `+subjectWord+`$`, mockSaysMaySend)
}

// speechViews are the control API's views, below /_mock: GET .../{id}/speech[?user=U] answers
// {mute_all, disabled, can_speak?} for a group; GET .../{id}/ban[?user=U] answers
// {chatroom_id, mute_all, user?, can_speak?} for a chatroom.
var speechViews = map[*subject]string{groups: "/speech", rooms: "/ban"}

func mockSpeechView(ctx context.Context, s *subject, user string) (map[string]any, error) {
	w := WorldFrom(ctx)
	id, err := s.id(w, s.key)
	if err != nil {
		return nil, err
	}
	return w.MockControlObject(ctx, "/_mock"+s.base+"/"+MockOrg+"/"+MockApp+"/"+url.PathEscape(id)+speechViews[s], user)
}

// mockSays checks one boolean of the view against the step's "not".
func mockSays(ctx context.Context, s *subject, user, field, not string) error {
	view, err := mockSpeechView(ctx, s, user)
	if err != nil {
		return err
	}
	got, ok := view[field].(bool)
	if !ok {
		return fmt.Errorf("mock control: no boolean %s in %s", field, compact(view))
	}
	if want := not == ""; got != want {
		return fmt.Errorf("mock control: the %s's %s is %t, want %t (%s)", s.noun, field, got, want, compact(view))
	}
	return nil
}

func mockSaysState(ctx context.Context, word, not, state string) error {
	field := map[string]string{"muted for everyone": "mute_all", "disabled": "disabled"}[state]
	return mockSays(ctx, subjectOf(word), "", field, not)
}

func mockSaysMaySend(ctx context.Context, user, not, word string) error {
	return mockSays(ctx, subjectOf(word), user, "can_speak", not)
}
