package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/cucumber/godog"
)

// The group's block list and mute list.

func registerGroupListSteps(sc *godog.ScenarioContext) {
	// Block list.

	// Mutes.
	sc.Step(`^(.+) (?:is|are) muted in the group for (-?\d+) ms$`, grpGivenGroupMuted)
	sc.Step(`^I mute (.+) in the group for (-?\d+) ms$`, grpMuteInGroup)
	sc.Step(`^I mute (\w+) in the group with the mute_duration written as (.+)$`, grpMuteInGroupRaw)
	sc.Step(`^I unmute (.+) in the group$`, grpUnmuteInGroup)
	sc.Step(`^I list the group's mutes$`, listGroupMutes)
	sc.Step(`^(\d+) ms have passed$`, grpTimePasses)
	sc.Step(`^the mute answer shows (\w+) until (\d+)$`, grpMuteAnswerShows)
	sc.Step(`^the mute answer shows (\w+) until (\d+) ms after the answer's timestamp$`, grpMuteAnswerRelative)
	sc.Step(`^the group's mute list shows (\w+) until (\d+)$`, grpMuteListShows)
	sc.Step(`^the group's mute list shows (\w+) until (\d+) ms after the mute$`, grpMuteListRelative)
	sc.Step(`^the group's mute list does not show (\w+)$`, grpMuteListLacks)
	sc.Step(`^the group's mute list is empty$`, grpMuteListEmpty)
}

// --- block list -----------------------------------------------------------------------------

// --- mutes ----------------------------------------------------------------------------------

const groupMuteAnswerKey = "groups.mute-answer"

func grpGivenGroupMuted(ctx context.Context, list string, ms int64) error {
	w := WorldFrom(ctx)
	names, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	resp, err := mustBelow(ctx, groupPath, http.MethodPost, "/mute", muteBody(names, ms))
	if err != nil {
		return err
	}
	w.Put(groupMuteAnswerKey, resp)
	return nil
}

func grpMuteInGroup(ctx context.Context, list string, ms int64) error {
	w := WorldFrom(ctx)
	names, opts, err := batchOf(w, list, maxGroupBatch)
	if err != nil {
		return err
	}
	if err := onGroup(ctx, http.MethodPost, "/mute", muteBody(names, ms), opts...); err != nil {
		return err
	}
	w.Put(groupMuteAnswerKey, w.Last())
	return nil
}

// grpMuteInGroupRaw sends mute_duration as written ("1.5", "\"60000\""), to break the rule that
// it is an integer.
func grpMuteInGroupRaw(ctx context.Context, user, raw string) error {
	w := WorldFrom(ctx)
	names, _ := json.Marshal([]string{w.User(user)})
	body := fmt.Sprintf(`{"usernames": %s, "mute_duration": %s}`, names, raw)
	if !json.Valid([]byte(body)) {
		return fmt.Errorf("mute_duration %s does not make valid JSON", raw)
	}
	return onGroup(ctx, http.MethodPost, "/mute", body, BreaksSpec("mute_duration must be an integer"))
}

func grpUnmuteInGroup(ctx context.Context, list string) error {
	return deleteUsers(ctx, groupPath, "/mute/", list, maxGroupBatch, groupCommaPath)
}

func listGroupMutes(ctx context.Context) error {
	return onGroup(ctx, http.MethodGet, "/mute", nil)
}

// grpTimePasses waits on the mock and live; replay's answers are already what they were.
func grpTimePasses(ctx context.Context, ms int) error {
	w := WorldFrom(ctx)
	return w.session.Sleep(ctx, time.Duration(ms)*time.Millisecond)
}

// grpExpireIn finds {expire, user} for the user in data (an array) and returns expire.
func grpExpireIn(w *World, resp *Response, user string) (int64, bool, error) {
	v, err := resp.JSON("data")
	if err != nil {
		return 0, false, err
	}
	items, ok := v.([]any)
	if !ok {
		return 0, false, fmt.Errorf("data is %s, want an array of {expire, user}", describe(v))
	}
	real := w.User(user)
	for _, it := range items {
		obj, _ := it.(map[string]any)
		if obj["user"] != real {
			continue
		}
		e, err := int64Of(obj["expire"])
		if err != nil {
			return 0, true, fmt.Errorf("%s's expire, in milliseconds: %w", user, err)
		}
		return e, true, nil
	}
	return 0, false, nil
}

func grpFetchMutes(ctx context.Context) (*World, *Response, error) {
	resp, err := mustBelow(ctx, groupPath, http.MethodGet, "/mute", nil)
	return WorldFrom(ctx), resp, err
}

func grpMuteAnswerShows(ctx context.Context, user string, want int64) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	return grpExpireEquals(w, r, user, want, "the mute answer")
}

func grpExpireEquals(w *World, r *Response, user string, want int64, what string) error {
	got, found, err := grpExpireIn(w, r, user)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if !found {
		return fmt.Errorf("%s does not show %s: %s", what, user, abbreviate(r.Body, 400))
	}
	if got != want {
		return fmt.Errorf("%s shows %s until %d, want %d", what, user, got, want)
	}
	return nil
}

// expireFrom checks a mute's expire against the answer's timestamp plus the duration. The
// service stamps both from one clock reading, give or take the millisecond O-13 observed
// (expire = timestamp + duration - 1 .. timestamp + duration); the mock from exactly one.
func expireFrom(expire, ts, ms int64) error {
	if d := expire - (ts + ms); d < -1 || d > 0 {
		return fmt.Errorf("expire %d is %d ms off timestamp %d + %d ms (O-13 allows -1 to 0)", expire, d, ts, ms)
	}
	return nil
}

func grpExpireNear(w *World, r *Response, user string, ms int64, ref *Response, what string) error {
	got, found, err := grpExpireIn(w, r, user)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if !found {
		return fmt.Errorf("%s does not show %s: %s", what, user, abbreviate(r.Body, 400))
	}
	tsv, err := ref.JSON("timestamp")
	if err != nil {
		return fmt.Errorf("the mute answer has no timestamp to measure from: %w", err)
	}
	ts, err := int64Of(tsv)
	if err != nil {
		return fmt.Errorf("the mute answer's timestamp is %s", describe(tsv))
	}
	if err := expireFrom(got, ts, ms); err != nil {
		return fmt.Errorf("%s shows %s: %w", what, user, err)
	}
	return nil
}

func grpMuteAnswerRelative(ctx context.Context, user string, ms int64) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	return grpExpireNear(w, r, user, ms, r, "the mute answer")
}

func grpMuteListShows(ctx context.Context, user string, want int64) error {
	w, r, err := grpFetchMutes(ctx)
	if err != nil {
		return err
	}
	return grpExpireEquals(w, r, user, want, "the group's mute list")
}

func grpMuteListRelative(ctx context.Context, user string, ms int64) error {
	w := WorldFrom(ctx)
	answer, ok := scratch[*Response](w, groupMuteAnswerKey)
	if !ok {
		return fmt.Errorf("no mute answer to measure from: mute someone first")
	}
	_, r, err := grpFetchMutes(ctx)
	if err != nil {
		return err
	}
	return grpExpireNear(w, r, user, ms, answer, "the group's mute list")
}

func grpMuteListLacks(ctx context.Context, user string) error {
	w, r, err := grpFetchMutes(ctx)
	if err != nil {
		return err
	}
	if _, found, err := grpExpireIn(w, r, user); err != nil || found {
		if err != nil {
			return err
		}
		return fmt.Errorf("the group's mute list still shows %s: %s", user, abbreviate(r.Body, 400))
	}
	return nil
}

func grpMuteListEmpty(ctx context.Context) error {
	w, r, err := grpFetchMutes(ctx)
	if err != nil {
		return err
	}
	v, err := r.JSON("data")
	if err != nil {
		return err
	}
	if items, ok := v.([]any); !ok || len(items) != 0 {
		return fmt.Errorf("%s: want an empty mute list, got %s", w.LastRequest(), compact(v))
	}
	return nil
}
