package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"
)

// Set-up for message threads (G-THR). A thread hangs on a group message: the steps send it with
// POST /messages/chatgroups (one-to-one messages with POST /messages/users), so the scenarios
// run on every target. Two things no call of the contract can do go through the mock's control
// API, and their scenarios are @mock-only: a message sent inside a thread, and switching the
// app's thread feature off (on a real app it is a console setting).

func registerThreadSetupSteps(sc *godog.ScenarioContext) {
	sc.Step(`^a group message "(\w+)" has been sent in the group$`, groupMessageSent)
	sc.Step(`^a group message "(\w+)" has been sent in the group "(\w+)"$`, groupMessageSentIn)
	sc.Step(`^a chat message "(\w+)" has been sent to (\w+)$`, chatMessageSent)
	sc.Step(`^a message "(\w+)" has been sent in the thread "(\w+)"$`, threadMessageSent)
	sc.Step(`^the thread feature is (on|off) for the app$`, threadFeatureSwitch)
}

func threadSwitchPath() string { return "/_mock/threads/" + MockOrg + "/" + MockApp }

// sendMessage sends a text message to one receiver with a send call and remembers the id the
// answer gives it, under key.
func sendMessage(ctx context.Context, key, path, to string) error {
	w := WorldFrom(ctx)
	resp, err := w.MustOK(ctx, http.MethodPost, path, map[string]any{
		"to": []string{to}, "type": "txt", "body": map[string]any{"msg": "the parent of a thread"},
	})
	if err != nil {
		return err
	}
	data, err := resp.JSON("data")
	if err != nil {
		return err
	}
	sent, _ := data.(map[string]any)
	id, ok := sent[to].(string)
	if !ok || id == "" {
		return fmt.Errorf("%s: no message id for %s in data, got %s", path, to, describe(data))
	}
	w.Remember(key, id)
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
	return sendMessage(ctx, key, "/messages/chatgroups", id)
}

func chatMessageSent(ctx context.Context, key, user string) error {
	return sendMessage(ctx, key, "/messages/users", WorldFrom(ctx).User(user))
}

// threadMessageSent asks the mock to record a message inside a thread (no call sends one).
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
	resp, err := w.MockControl(ctx, http.MethodPost, "/_mock/messages/"+url.PathEscape(MockOrg)+"/"+url.PathEscape(MockApp), map[string]any{"group_id": gid, "thread_id": tid})
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

func threadFeatureSwitch(ctx context.Context, state string) error {
	_, err := WorldFrom(ctx).MockControl(ctx, http.MethodPut, threadSwitchPath(), map[string]any{"enabled": state == "on"})
	return err
}
