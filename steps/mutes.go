package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/cucumber/godog"
)

// Mutes of a group or a chatroom (G-MUTE-*, R-MUTE-*): one step per idea for both halves. The
// last successful mute answer is kept in the World, so the mute list can be measured against
// the timestamp and the expires it answered.

func registerMuteSteps(sc *godog.ScenarioContext) {
	const the = `the ` + subjectWord
	sc.Step(`^(.+) (?:is|are) muted in `+the+` for (-?\d+) ms$`, givenMuted)
	sc.Step(`^(.+) (?:is|are) muted in `+the+` permanently$`, givenMutedForever)
	sc.Step(`^I mute (.+) in `+the+` for (-?\d+) ms$`, mute)
	sc.Step(`^I mute (.+) in `+the+` permanently$`, muteForever)
	sc.Step(`^I mute (\w+) in `+the+` with the mute_duration written as (.+)$`, muteWritten)
	sc.Step(`^I unmute (.+) in `+the+`$`, unmute)
	sc.Step(`^I list `+the+`'s mutes$`, listMutes)
	sc.Step(`^(\d+) ms have passed$`, timePasses)

	sc.Step(`^the mute answer shows (\w+) until (\d+)$`, muteAnswerShows)
	sc.Step(`^the mute answer shows (\w+) until (\d+) ms after the answer's timestamp$`, muteAnswerRelative)
	sc.Step(`^every mute in the answer ends (\d+) ms after the answer's timestamp$`, everyMuteEndsAfter)
	sc.Step(`^`+the+`'s mute list shows (\w+) until (\d+)$`, muteListShows)
	sc.Step(`^`+the+`'s mute list shows (\w+) until (\d+) ms after the mute$`, muteListRelative)
	sc.Step(`^`+the+`'s mute list shows the expire times the mute answered$`, muteListAsAnswered)
	sc.Step(`^`+the+`'s mute list shows exactly (.+)$`, muteListExactly)
	sc.Step(`^`+the+`'s mute list does not show (\w+)$`, muteListLacks)
	sc.Step(`^`+the+`'s mute list is empty$`, muteListEmpty)
}

// --- calls ------------------------------------------------------------------------------------

func givenMuted(ctx context.Context, list, word string, ms int64) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	names, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	return inBatches(names, s.maxBatch, func(batch []string) error {
		resp, err := mustBelow(ctx, s.below, http.MethodPost, "/mute", muteBody(batch, ms))
		w.muteAnswer = resp
		return err
	})
}

func givenMutedForever(ctx context.Context, list, word string) error {
	return givenMuted(ctx, list, word, -1)
}

func mute(ctx context.Context, list, word string, ms int64) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	names, opts, err := batchOf(w, list, s.specBatchLimit())
	if err != nil {
		return err
	}
	opts = append(opts, breaksIf(ms < -1, "mute_duration is -1 or a number of milliseconds")...)
	if err := sendBelow(ctx, s.below, http.MethodPost, "/mute", muteBody(names, ms), opts...); err != nil {
		return err
	}
	if w.Last().Status == http.StatusOK {
		w.muteAnswer = w.Last()
	}
	return nil
}

func muteForever(ctx context.Context, list, word string) error { return mute(ctx, list, word, -1) }

// muteWritten sends mute_duration as written (1.5, "60000", "a minute"), to break the rule that
// it is an integer.
func muteWritten(ctx context.Context, user, word, raw string) error {
	w := WorldFrom(ctx)
	names, _ := json.Marshal([]string{w.User(user)})
	body := fmt.Sprintf(`{"usernames": %s, "mute_duration": %s}`, names, raw)
	if !json.Valid([]byte(body)) {
		return fmt.Errorf("mute_duration %s does not make valid JSON", raw)
	}
	return sendBelow(ctx, subjectOf(word).below, http.MethodPost, "/mute", body, BreaksSpec("mute_duration must be an integer"))
}

func unmute(ctx context.Context, list, word string) error {
	s := subjectOf(word)
	return deleteUsers(ctx, s.below, "/mute/", list, s.maxBatch, s.commaPath)
}

func listMutes(ctx context.Context, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodGet, "/mute", nil)
}

// timePasses waits on the mock and live; replay's answers are already what they were.
func timePasses(ctx context.Context, ms int) error {
	return WorldFrom(ctx).session.Sleep(ctx, time.Duration(ms)*time.Millisecond)
}

// --- reading expires --------------------------------------------------------------------------

// expires reads data, an array of {expire, user}, as user -> expire; a user twice is an error.
func expires(w *World, r *Response) (map[string]int64, error) {
	v, err := r.JSON("data")
	if err != nil {
		return nil, err
	}
	items, err := objectsOf(v)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(items))
	for _, it := range items {
		user := asString(it["user"])
		if _, dup := out[user]; dup {
			return nil, fmt.Errorf("%s is listed twice: %s", w.Logical(user), compact(v))
		}
		if out[user], err = int64Of(it["expire"]); err != nil {
			return nil, fmt.Errorf("%s's expire, in milliseconds: %w", w.Logical(user), err)
		}
	}
	return out, nil
}

// expireOf is one user's expire in an answer (what names it for messages).
func expireOf(w *World, r *Response, user, what string) (int64, error) {
	all, err := expires(w, r)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	e, ok := all[w.User(user)]
	if !ok {
		return 0, fmt.Errorf("%s does not show %s: %s", what, user, abbreviate(r.Body, 400))
	}
	return e, nil
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

func timestampOf(r *Response) (int64, error) {
	v, err := r.JSON("timestamp")
	if err != nil {
		return 0, fmt.Errorf("the mute answer has no timestamp to measure from: %w", err)
	}
	return int64Of(v)
}

// muteList reads the mute list back.
func muteList(ctx context.Context, s *subject) (*World, *Response, error) {
	resp, err := mustBelow(ctx, s.below, http.MethodGet, "/mute", nil)
	return WorldFrom(ctx), resp, err
}

// --- Then -------------------------------------------------------------------------------------

func expireIs(w *World, r *Response, user string, want int64, what string) error {
	got, err := expireOf(w, r, user, what)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s shows %s until %d, want %d", what, user, got, want)
	}
	return nil
}

// expireAfter checks a user's expire in r against ref's timestamp + ms.
func expireAfter(w *World, r *Response, user string, ms int64, ref *Response, what string) error {
	got, err := expireOf(w, r, user, what)
	if err != nil {
		return err
	}
	ts, err := timestampOf(ref)
	if err != nil {
		return err
	}
	if err := expireFrom(got, ts, ms); err != nil {
		return fmt.Errorf("%s shows %s: %w", what, user, err)
	}
	return nil
}

func muteAnswerShows(ctx context.Context, user string, want int64) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	return expireIs(w, r, user, want, "the mute answer")
}

func muteAnswerRelative(ctx context.Context, user string, ms int64) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	return expireAfter(w, r, user, ms, r, "the mute answer")
}

func everyMuteEndsAfter(ctx context.Context, ms int64) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	all, err := expires(w, r)
	if err != nil {
		return err
	}
	for u := range all {
		if err := expireAfter(w, r, w.Logical(u), ms, r, "the mute answer"); err != nil {
			return err
		}
	}
	return nil
}

func muteListShows(ctx context.Context, word, user string, want int64) error {
	s := subjectOf(word)
	w, r, err := muteList(ctx, s)
	if err != nil {
		return err
	}
	return expireIs(w, r, user, want, "the "+s.noun+"'s mute list")
}

func muteListRelative(ctx context.Context, word, user string, ms int64) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	answer := w.muteAnswer
	if answer == nil {
		return fmt.Errorf("no mute answer to measure from: mute someone first")
	}
	_, r, err := muteList(ctx, s)
	if err != nil {
		return err
	}
	return expireAfter(w, r, user, ms, answer, "the "+s.noun+"'s mute list")
}

func muteListAsAnswered(ctx context.Context, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if w.muteAnswer == nil {
		return fmt.Errorf("mute someone first")
	}
	answered, err := expires(w, w.muteAnswer)
	if err != nil {
		return err
	}
	_, r, err := muteList(ctx, s)
	if err != nil {
		return err
	}
	listed, err := expires(w, r)
	if err != nil {
		return err
	}
	for user, exp := range answered {
		if got, ok := listed[user]; !ok || got != exp {
			return fmt.Errorf("%s: the mute answered expire %d, the mute list shows %d (listed: %t)", w.Logical(user), exp, got, ok)
		}
	}
	return nil
}

func muteListExactly(ctx context.Context, word, list string) error {
	s := subjectOf(word)
	w, r, err := muteList(ctx, s)
	if err != nil {
		return err
	}
	all, err := expires(w, r)
	if err != nil {
		return err
	}
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	got := make([]string, 0, len(all))
	for u := range all {
		got = append(got, u)
	}
	return sameUsers(w, "the "+s.noun+"'s mute list", got, want)
}

func muteListLacks(ctx context.Context, word, user string) error {
	s := subjectOf(word)
	w, r, err := muteList(ctx, s)
	if err != nil {
		return err
	}
	all, err := expires(w, r)
	if err != nil {
		return err
	}
	if _, found := all[w.User(user)]; found {
		return fmt.Errorf("the %s's mute list still shows %s: %s", s.noun, user, abbreviate(r.Body, 400))
	}
	return nil
}

func muteListEmpty(ctx context.Context, word string) error {
	return muteListExactly(ctx, word, "nobody")
}
