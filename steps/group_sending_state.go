package steps

import (
	"context"
	"fmt"
	"net/url"

	"github.com/cucumber/godog"
)

// The state of a group that no documented call reads, asked of the mock's control API: whether
// mute-all is on (G-BAN-06), whether the group is disabled (G-DIS-05), and whether a user may send
// in it now (allow list and mutes, G-BAN-07, G-WHITE-08). Scenarios using these are @mock-only.

func registerGroupSendingStateSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the mock says the group is (not )?(muted for everyone|disabled)$`, groupMockSaysState)
	sc.Step(`^the mock says (\w+) may (not )?send in the group$`, groupMockSaysMaySend)
}

// groupMockState: GET /_mock/chatgroups/{org}/{app}/{id}/speech[?user=U] answers
// {mute_all, disabled, can_speak?}.
func groupMockState(ctx context.Context, w *World, user string) (map[string]any, error) {
	id, err := groups.id(w, groupKey)
	if err != nil {
		return nil, err
	}
	return w.MockControlObject(ctx, "/_mock/chatgroups/"+MockOrg+"/"+MockApp+"/"+url.PathEscape(id)+"/speech", user)
}

func groupMockSaysState(ctx context.Context, not, state string) error {
	st, err := groupMockState(ctx, WorldFrom(ctx), "")
	if err != nil {
		return err
	}
	field := map[string]string{"muted for everyone": "mute_all", "disabled": "disabled"}[state]
	got, ok := st[field].(bool)
	if !ok {
		return fmt.Errorf("mock control: no boolean %s in %s", field, compact(st))
	}
	if want := not == ""; got != want {
		return fmt.Errorf("mock control: the group's %s is %t, want %t", field, got, want)
	}
	return nil
}

func groupMockSaysMaySend(ctx context.Context, user, not string) error {
	st, err := groupMockState(ctx, WorldFrom(ctx), user)
	if err != nil {
		return err
	}
	got, ok := st["can_speak"].(bool)
	if !ok {
		return fmt.Errorf("mock control: no boolean can_speak in %s", compact(st))
	}
	if want := not == ""; got != want {
		return fmt.Errorf("mock control: %s may send is %t, want %t (%s)", user, got, want, compact(st))
	}
	return nil
}
