package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"
)

// Steps for chatroom mutes (R-MUTE-*) and mute-all (R-BAN-*).

func registerRoomMuteSteps(sc *godog.ScenarioContext) {
	// Given
	sc.Step(`^([\w, ]+) (?:is|are) muted in the room for (\d+) ms$`, roomGivenMuted)
	sc.Step(`^([\w, ]+) (?:is|are) muted in the room permanently$`, roomGivenMutedForever)
	sc.Step(`^everyone in the room is muted$`, roomGivenBanned)

	// When
	sc.Step(`^I mute ([\w, ]+) in the room for (-?\d+) ms$`, roomMute)
	sc.Step(`^I mute ([\w, ]+) in the room permanently$`, roomMuteForever)
	sc.Step(`^I mute (\w+) in the room for "([^"]*)"$`, roomMuteWithText)
	sc.Step(`^I unmute ([\w, ]+) in the room$`, roomUnmute)
	sc.Step(`^I list the room's mutes$`, roomListMutes)
	sc.Step(`^I mute everyone in the room$`, roomBan)
	sc.Step(`^I lift the mute on everyone in the room$`, roomUnban)

	// Then
	sc.Step(`^every mute ends about (\d+) ms after the answer's timestamp$`, roomMuteEndsAfter)
	sc.Step(`^every mute ends (\d+) to (\d+) ms after the answer's timestamp$`, muteEndsBetween)
	sc.Step(`^the chatroom mute list shows (\w+) until (\d+)$`, roomMuteListShowsUntil)
	sc.Step(`^the chatroom mute list shows exactly ([\w, ]+)$`, roomMuteListExactly)
	sc.Step(`^the chatroom mute list is empty$`, roomMuteListEmpty)
	sc.Step(`^the chatroom mute list shows the expire times the mute answered$`, roomMuteListMatchesAnswer)

	// Mock only (R-BAN-02): sending is outside the API, the mock's control API shows it.
	sc.Step(`^the mock says the room is (?:(not) )?muted for everyone$`, roomMockSaysBanned)
	sc.Step(`^the mock says (\w+) may (?:(not) )?speak in the room$`, roomMockSaysMaySpeak)
}

// ---- Given ------------------------------------------------------------------------------

func roomMuteInBatches(ctx context.Context, list string, duration int64) error {
	return roomGivenOn(ctx, "/mute", list, func(batch []string) map[string]any { return muteBody(batch, duration) })
}

func roomGivenMuted(ctx context.Context, list string, ms int64) error {
	return roomMuteInBatches(ctx, list, ms)
}

func roomGivenMutedForever(ctx context.Context, list string) error {
	return roomMuteInBatches(ctx, list, -1)
}

func roomGivenBanned(ctx context.Context) error {
	_, err := mustBelow(ctx, roomPath, http.MethodPost, "/ban", nil)
	return err
}

// ---- When -------------------------------------------------------------------------------

func roomSendMute(ctx context.Context, list string, duration any, opts ...RequestOption) error {
	names, extra, err := batchOf(WorldFrom(ctx), list, roomMaxBatchNames)
	if err != nil {
		return err
	}
	return onRoom(ctx, http.MethodPost, "/mute", muteBody(names, duration), append(opts, extra...)...)
}

// roomMuteAnswerKey keeps user -> expire from the last successful mute call.
const roomMuteAnswerKey = "chatroom.mute.answer"

func roomMute(ctx context.Context, list string, ms int64) error {
	if err := roomSendMute(ctx, list, ms, breaksIf(ms < -1, "mute_duration is -1 or a number of milliseconds")...); err != nil {
		return err
	}
	w := WorldFrom(ctx)
	if w.Last().Status != http.StatusOK {
		return nil
	}
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	answered := map[string]string{}
	for _, it := range items {
		answered[asString(it["user"])] = asString(it["expire"])
	}
	w.Put(roomMuteAnswerKey, answered)
	return nil
}

func roomMuteForever(ctx context.Context, list string) error { return roomSendMute(ctx, list, -1) }

func roomMuteWithText(ctx context.Context, user, text string) error {
	return roomSendMute(ctx, user, text, BreaksSpec("mute_duration is an integer number of milliseconds"))
}

func roomUnmute(ctx context.Context, list string) error {
	return deleteUsers(ctx, roomPath, "/mute/", list, roomMaxBatchNames, roomCommaPath)
}

func roomListMutes(ctx context.Context) error { return onRoom(ctx, http.MethodGet, "/mute", nil) }

func roomBan(ctx context.Context) error   { return onRoom(ctx, http.MethodPost, "/ban", nil) }
func roomUnban(ctx context.Context) error { return onRoom(ctx, http.MethodDelete, "/ban", nil) }

// ---- Then -------------------------------------------------------------------------------

func roomMuteEndsAfter(ctx context.Context, ms int64) error {
	w := WorldFrom(ctx)
	tsv, err := lastJSON(w, "timestamp")
	if err != nil {
		return err
	}
	ts, err := int64Of(tsv)
	if err != nil {
		return fmt.Errorf("timestamp: %w", err)
	}
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	for _, it := range items {
		exp, err := int64Of(it["expire"])
		if err != nil {
			return fmt.Errorf("expire of %s: %w", asString(it["user"]), err)
		}
		if err := expireFrom(exp, ts, ms); err != nil {
			return fmt.Errorf("%s: %s: %w", w.LastRequest(), w.Logical(asString(it["user"])), err)
		}
	}
	return nil
}

// muteEndsBetween checks each item of a mute answer (group or chatroom) ends between lo and hi
// ms after the answer's timestamp, both included (O-13: milliseconds, counted from just before
// the answer is stamped).
func muteEndsBetween(ctx context.Context, lo, hi int64) error {
	w := WorldFrom(ctx)
	tsv, err := lastJSON(w, "timestamp")
	if err != nil {
		return err
	}
	ts, err := int64Of(tsv)
	if err != nil {
		return fmt.Errorf("timestamp: %w", err)
	}
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return fmt.Errorf("%s: the answer mutes nobody", w.LastRequest())
	}
	for _, it := range items {
		exp, err := int64Of(it["expire"])
		if err != nil {
			return fmt.Errorf("expire of %s: %w", asString(it["user"]), err)
		}
		if d := exp - ts; d < lo || d > hi {
			return fmt.Errorf("%s: expire %d for %s is %d ms after timestamp %d, want %d to %d", w.LastRequest(), exp, w.Logical(asString(it["user"])), d, ts, lo, hi)
		}
	}
	return nil
}

// roomCurrentMutes fetches the mute list as user -> expire.
func roomCurrentMutes(ctx context.Context, w *World) (map[string]string, error) {
	data, err := fetchJSON(ctx, roomPath, "/mute", "data")
	if err != nil {
		return nil, err
	}
	items, err := objectsOf(data)
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

func roomMuteListShowsUntil(ctx context.Context, user, expire string) error {
	w := WorldFrom(ctx)
	mutes, err := roomCurrentMutes(ctx, w)
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

func roomMuteListUsers(ctx context.Context, w *World, list string) error {
	mutes, err := roomCurrentMutes(ctx, w)
	if err != nil {
		return err
	}
	got := make([]string, 0, len(mutes))
	for u := range mutes {
		got = append(got, u)
	}
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	return sameUsers(w, "mute list", got, want)
}

func roomMuteListExactly(ctx context.Context, list string) error {
	return roomMuteListUsers(ctx, WorldFrom(ctx), list)
}

func roomMuteListMatchesAnswer(ctx context.Context) error {
	w := WorldFrom(ctx)
	answered, ok := scratch[map[string]string](w, roomMuteAnswerKey)
	if !ok {
		return fmt.Errorf("mute someone for a number of milliseconds first")
	}
	listed, err := roomCurrentMutes(ctx, w)
	if err != nil {
		return err
	}
	for user, exp := range answered {
		if got, ok := listed[user]; !ok || got != exp {
			return fmt.Errorf("%s: the mute answered expire %s, the mute list shows %q", w.Logical(user), exp, got)
		}
	}
	return nil
}

func roomMuteListEmpty(ctx context.Context) error {
	return roomMuteListUsers(ctx, WorldFrom(ctx), "nobody")
}

// ---- mock control (R-BAN-02) ------------------------------------------------------------

// roomMockMuteAll asks the mock's control API about the room's mute-all state and, with a user,
// whether that user may speak: GET /_mock/chatrooms/{org}/{app}/{id}/ban[?user=U] answers
// {chatroom_id, mute_all, user?, can_speak?}.
func roomMockMuteAll(ctx context.Context, w *World, user string) (map[string]any, error) {
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

func roomMockSaysBanned(ctx context.Context, not string) error {
	st, err := roomMockMuteAll(ctx, WorldFrom(ctx), "")
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

func roomMockSaysMaySpeak(ctx context.Context, user, not string) error {
	st, err := roomMockMuteAll(ctx, WorldFrom(ctx), user)
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
