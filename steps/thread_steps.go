package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"
)

// Set-up for message threads (G-THR), on the mock only: group messages are sent outside these
// APIs, so the mock's control API seeds them, and it switches the app's thread feature. Nothing
// is undone afterwards: @mock-only scenarios run only on the mock target, which gives every
// scenario a fresh mock.

func registerThreadSetupSteps(sc *godog.ScenarioContext) {
	sc.Step(`^a group message "(\w+)" has been sent in the group$`, groupMessageSent)
	sc.Step(`^a group message "(\w+)" has been sent in the group "(\w+)"$`, groupMessageSentIn)
	sc.Step(`^a chat message "(\w+)" has been sent$`, chatMessageSent)
	sc.Step(`^a message "(\w+)" has been sent in the thread "(\w+)"$`, threadMessageSent)
	sc.Step(`^the thread feature is (on|off) for the app$`, threadFeatureSwitch)
}

func threadSwitchPath() string { return "/_mock/threads/" + MockOrg + "/" + MockApp }

// seedMessage asks the mock to record a message and remembers its id under key.
func seedMessage(ctx context.Context, key string, body map[string]any) error {
	w := WorldFrom(ctx)
	resp, err := w.MockControl(ctx, http.MethodPost, "/_mock/messages/"+url.PathEscape(MockOrg)+"/"+url.PathEscape(MockApp), body)
	if err != nil {
		return err
	}
	id, err := resp.JSON("msg_id")
	if err != nil {
		return err
	}
	s, ok := id.(string)
	if !ok || s == "" {
		return fmt.Errorf("mock control: no msg_id in the answer, got %s", describe(id))
	}
	w.Remember(key, s)
	return nil
}

func groupMessageSent(ctx context.Context, key string) error {
	return groupMessageSentIn(ctx, key, groupKey)
}

func groupMessageSentIn(ctx context.Context, key, group string) error {
	id, err := groups.id(WorldFrom(ctx), group)
	if err != nil {
		return err
	}
	return seedMessage(ctx, key, map[string]any{"group_id": id})
}

func chatMessageSent(ctx context.Context, key string) error {
	return seedMessage(ctx, key, map[string]any{})
}

func threadMessageSent(ctx context.Context, key, thread string) error {
	w := WorldFrom(ctx)
	tid, err := w.Recall(thread)
	if err != nil {
		return err
	}
	gid, err := groups.id(w, groupKey)
	if err != nil {
		return err
	}
	return seedMessage(ctx, key, map[string]any{"group_id": gid, "thread_id": tid})
}

func threadFeatureSwitch(ctx context.Context, state string) error {
	_, err := WorldFrom(ctx).MockControl(ctx, http.MethodPut, threadSwitchPath(), map[string]any{"enabled": state == "on"})
	return err
}
