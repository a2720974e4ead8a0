package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/cucumber/godog"
)

// Steps for chatroom mutes (R-MUTE-*) and mute-all (R-BAN-*).

// permanentExpire is what a permanent mute (mute_duration -1) answers as expire:
// 2117-01-01 00:00:00 UTC+8 (002, G-MUTE-02; R-MUTE-02 infers the same for chatrooms).
const permanentExpire = "4638873600000"

// expireSlack is how far expire may sit from the answer's timestamp plus the duration: the
// server stamps the two at slightly different moments.
const expireSlack = int64(60_000)

func registerRoomMuteSteps(sc *godog.ScenarioContext) {
	// Given
	sc.Step(`^([\w, ]+) (?:is|are) muted in the room for (\d+) ms$`, givenMuted)
	sc.Step(`^([\w, ]+) (?:is|are) muted in the room permanently$`, givenMutedForever)
	sc.Step(`^everyone in the room is muted$`, givenBanned)

	// When
	sc.Step(`^I mute ([\w, ]+) in the room for (-?\d+) ms$`, mute)
	sc.Step(`^I mute ([\w, ]+) in the room permanently$`, muteForever)
	sc.Step(`^I mute (\w+) in the room for "([^"]*)"$`, muteWithText)
	sc.Step(`^I mute (\w+) for a minute in a chatroom that does not exist$`, muteMissingRoom)
	sc.Step(`^I unmute ([\w, ]+) in the room$`, unmute)
	sc.Step(`^I unmute (\w+) in a chatroom that does not exist$`, unmuteMissingRoom)
	sc.Step(`^I list the room's mutes$`, listMutes)
	sc.Step(`^I list the mutes of a chatroom that does not exist$`, listMutesMissingRoom)
	sc.Step(`^I mute everyone in the room$`, ban)
	sc.Step(`^I lift the mute on everyone in the room$`, unban)
	sc.Step(`^I mute everyone in a chatroom that does not exist$`, banMissingRoom)
	sc.Step(`^I lift the mute on everyone in a chatroom that does not exist$`, unbanMissingRoom)

	// Then
	sc.Step(`^every mute ends about (\d+) ms after the answer's timestamp$`, muteEndsAfter)
	sc.Step(`^the chatroom mute list shows (\w+) until (\d+)$`, muteListShowsUntil)
	sc.Step(`^the chatroom mute list shows exactly ([\w, ]+)$`, muteListExactly)
	sc.Step(`^the chatroom mute list is empty$`, muteListEmpty)

	// Mock only (R-BAN-02): sending is outside the API, the mock's control API shows it.
	sc.Step(`^the mock says the room is (?:(not) )?muted for everyone$`, mockSaysBanned)
	sc.Step(`^the mock says (\w+) may (?:(not) )?speak in the room$`, mockSaysMaySpeak)
}

// ---- Given ------------------------------------------------------------------------------

func muteInBatches(ctx context.Context, w *World, list string, duration int64) error {
	names, err := realNames(w, list)
	if err != nil {
		return err
	}
	return forBatches(names, func(batch []string) error {
		return muteOK(ctx, w, batch, duration)
	})
}

func forBatches(names []string, f func([]string) error) error {
	for start := 0; start < len(names); start += maxBatchNames {
		if err := f(names[start:min(start+maxBatchNames, len(names))]); err != nil {
			return err
		}
	}
	return nil
}

func muteOK(ctx context.Context, w *World, names []string, duration int64) error {
	p, err := roomPath(w, "/mute")
	if err != nil {
		return err
	}
	_, err = w.MustOK(ctx, http.MethodPost, p, map[string]any{"usernames": names, "mute_duration": duration})
	return err
}

func givenMuted(ctx context.Context, list string, ms int64) error {
	return muteInBatches(ctx, WorldFrom(ctx), list, ms)
}

func givenMutedForever(ctx context.Context, list string) error {
	return muteInBatches(ctx, WorldFrom(ctx), list, -1)
}

func givenBanned(ctx context.Context) error {
	w := WorldFrom(ctx)
	p, err := roomPath(w, "/ban")
	if err != nil {
		return err
	}
	_, err = w.MustOK(ctx, http.MethodPost, p, nil)
	return err
}

// ---- When -------------------------------------------------------------------------------

func sendMute(ctx context.Context, list string, duration any, opts ...RequestOption) error {
	names, extra, err := batchNames(ctx, list, maxBatchNames, "mute call")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodPost, "/mute", map[string]any{"usernames": names, "mute_duration": duration},
		append(opts, extra...)...)
}

func mute(ctx context.Context, list string, ms int64) error {
	return sendMute(ctx, list, ms, breaksIf(ms < -1, "mute_duration is -1 or a number of milliseconds")...)
}

func muteForever(ctx context.Context, list string) error { return sendMute(ctx, list, -1) }

func muteWithText(ctx context.Context, user, text string) error {
	return sendMute(ctx, user, text, BreaksSpec("mute_duration is an integer number of milliseconds"))
}

func muteMissingRoom(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	return onMissingRoom(ctx, http.MethodPost, "/mute", map[string]any{"usernames": []string{w.User(user)}, "mute_duration": 60000})
}

func unmute(ctx context.Context, list string) error {
	names, opts, err := batchNames(ctx, list, maxBatchNames, "unmute call")
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodDelete, "/mute/"+commaPath(names), nil, opts...)
}

func unmuteMissingRoom(ctx context.Context, user string) error {
	return onMissingRoom(ctx, http.MethodDelete, "/mute/"+WorldFrom(ctx).User(user), nil)
}

func listMutes(ctx context.Context) error { return onRoom(ctx, http.MethodGet, "/mute", nil) }

func listMutesMissingRoom(ctx context.Context) error {
	return onMissingRoom(ctx, http.MethodGet, "/mute", nil)
}

func ban(ctx context.Context) error   { return onRoom(ctx, http.MethodPost, "/ban", nil) }
func unban(ctx context.Context) error { return onRoom(ctx, http.MethodDelete, "/ban", nil) }

func banMissingRoom(ctx context.Context) error {
	return onMissingRoom(ctx, http.MethodPost, "/ban", nil)
}

func unbanMissingRoom(ctx context.Context) error {
	return onMissingRoom(ctx, http.MethodDelete, "/ban", nil)
}

// ---- Then -------------------------------------------------------------------------------

func int64At(v any) (int64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("want a number, got %s", describe(v))
	}
	return strconv.ParseInt(n.String(), 10, 64)
}

func muteEndsAfter(ctx context.Context, ms int64) error {
	w := WorldFrom(ctx)
	tsv, err := lastJSON(w, "timestamp")
	if err != nil {
		return err
	}
	ts, err := int64At(tsv)
	if err != nil {
		return fmt.Errorf("timestamp: %w", err)
	}
	data, err := lastJSON(w, "data")
	if err != nil {
		return err
	}
	items, err := objects(data)
	if err != nil {
		return err
	}
	for _, it := range items {
		exp, err := int64At(it["expire"])
		if err != nil {
			return fmt.Errorf("expire of %s: %w", asString(it["user"]), err)
		}
		if d := exp - (ts + ms); d < -expireSlack || d > expireSlack {
			return fmt.Errorf("%s: expire %d for %s is %d ms off timestamp %d + %d", w.LastRequest(), exp, w.Logical(asString(it["user"])), d, ts, ms)
		}
	}
	return nil
}

// currentMutes fetches the mute list as user -> expire.
func currentMutes(ctx context.Context, w *World) (map[string]string, error) {
	p, err := roomPath(w, "/mute")
	if err != nil {
		return nil, err
	}
	resp, err := w.MustOK(ctx, http.MethodGet, p, nil)
	if err != nil {
		return nil, err
	}
	data, err := resp.JSON("data")
	if err != nil {
		return nil, err
	}
	items, err := objects(data)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(items))
	for _, it := range items {
		user := asString(it["user"])
		if _, dup := out[user]; dup {
			return nil, fmt.Errorf("%s is on the mute list twice: %s", w.Logical(user), compact(data))
		}
		out[user] = asString(it["expire"])
	}
	return out, nil
}

func muteListShowsUntil(ctx context.Context, user, expire string) error {
	w := WorldFrom(ctx)
	mutes, err := currentMutes(ctx, w)
	if err != nil {
		return err
	}
	got, ok := mutes[w.User(user)]
	if !ok {
		return fmt.Errorf("%s is not on the mute list (%d muted)", user, len(mutes))
	}
	if got != expire {
		return fmt.Errorf("%s is muted until %s, want %s", user, got, expire)
	}
	return nil
}

func muteListUsers(ctx context.Context, w *World, list string) error {
	mutes, err := currentMutes(ctx, w)
	if err != nil {
		return err
	}
	got := make([]string, 0, len(mutes))
	for u := range mutes {
		got = append(got, u)
	}
	var want []string
	if list != "" {
		if want, err = realNames(w, list); err != nil {
			return err
		}
	}
	return sameUsers(w, "mute list", got, want)
}

func muteListExactly(ctx context.Context, list string) error {
	return muteListUsers(ctx, WorldFrom(ctx), list)
}

func muteListEmpty(ctx context.Context) error {
	return muteListUsers(ctx, WorldFrom(ctx), "")
}

// ---- mock control (R-BAN-02) ------------------------------------------------------------

// mockMuteAll asks the mock's control API about the room's mute-all state and, with a user,
// whether that user may speak: GET /_mock/chatrooms/{org}/{app}/{id}/ban[?user=U] answers
// {chatroom_id, mute_all, user?, can_speak?}.
func mockMuteAll(ctx context.Context, w *World, user string) (map[string]any, error) {
	id, err := roomID(w, roomKey)
	if err != nil {
		return nil, err
	}
	path := "/_mock/chatrooms/" + MockOrg + "/" + MockApp + "/" + id + "/ban"
	if user != "" {
		path += "?user=" + url.QueryEscape(w.User(user))
	}
	resp, err := w.MockControl(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	doc, err := resp.JSON("")
	if err != nil {
		return nil, err
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("mock control: want an object, got %s", describe(doc))
	}
	return m, nil
}

func mockSaysBanned(ctx context.Context, not string) error {
	st, err := mockMuteAll(ctx, WorldFrom(ctx), "")
	if err != nil {
		return err
	}
	got, ok := st["mute_all"].(bool)
	if !ok {
		return fmt.Errorf("mock control: no boolean mute_all in %s", compact(st))
	}
	if want := not == ""; got != want {
		return fmt.Errorf("mock control: mute-all is %t, want %t", got, want)
	}
	return nil
}

func mockSaysMaySpeak(ctx context.Context, user, not string) error {
	st, err := mockMuteAll(ctx, WorldFrom(ctx), user)
	if err != nil {
		return err
	}
	got, ok := st["can_speak"].(bool)
	if !ok {
		return fmt.Errorf("mock control: no boolean can_speak in %s", compact(st))
	}
	if want := not == ""; got != want {
		return fmt.Errorf("mock control: %s can_speak is %t, want %t (%s)", user, got, want, compact(st))
	}
	return nil
}
