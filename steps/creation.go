package steps

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/cucumber/godog"
)

// Creating a group or a chatroom and finding it again, one step per idea for both halves:
// a create call at the maxusers limit, the created answer, ids that differ, the details of two
// at once. What differs (the body, the id's field, the limit, how a path joins ids) is data of
// subject.

func registerCreationSteps(sc *godog.ScenarioContext) {
	sc.Step(`^an? `+subjectWord+` owned by (\w+) for at most (\d+) users(?: with members? (.+))?$`, givenForAtMost)
	sc.Step(`^I create an? `+subjectWord+`(?: owned by (\w+))? with:$`, createWith)
	sc.Step(`^I create an? `+subjectWord+` owned by (\w+) for at most (-?\d+) users$`, createForAtMost)
	sc.Step(`^the `+subjectWord+` is created$`, created)
	sc.Step(`^the `+subjectWord+` no longer exists$`, noLongerExists)
	sc.Step(`^the `+subjectWord+` "(\w+)" and "(\w+)" have different ids$`, idsDiffer)
	sc.Step(`^I ask for the details of the `+subjectWord+` "(\w+)" and "(\w+)"$`, askDetailsOfTwo)
	sc.Step(`^I ask for the details of the `+subjectWord+` and of an? (?:group|room|chatroom) that does not exist$`, askDetailsWithMissing)
	sc.Step(`^the details hold the `+subjectWord+` "(\w+)" and "(\w+)"$`, detailsHoldTwo)
}

// givenForAtMost creates the scenario's group or room with maxusers.
func givenForAtMost(ctx context.Context, word, owner string, max int, members string) error {
	names, err := userNames(members)
	if err != nil {
		return err
	}
	s := subjectOf(word)
	_, err = s.create(ctx, s.key, owner, names, map[string]any{"maxusers": max})
	return err
}

// createWith sends a create call with a field | value table (the owner may be in the wording);
// a body that breaks a documented create rule is sent as breaking the spec on purpose.
func createWith(ctx context.Context, word, owner string, table *godog.Table) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	body, err := tableBody(w, table)
	if err != nil {
		return err
	}
	if owner != "" {
		body["owner"] = w.User(owner)
	}
	why := s.createBreaks(body)
	return s.sendCreate(ctx, body, breaksIf(why != "", why)...)
}

// createForAtMost sends a create call with maxusers; outside 1..the documented most it breaks
// the spec on purpose.
func createForAtMost(ctx context.Context, word, owner string, max int) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if err := w.RegisterUsers(ctx, owner); err != nil {
		return err
	}
	body := s.createBody("sized", w.User(owner), nil)
	body["maxusers"] = max
	return s.sendCreate(ctx, body, breaksIf(max < 1 || max > s.maxUsers, fmt.Sprintf("maxusers is 1 to %d", s.maxUsers))...)
}

// created checks a create answer: 200, the success envelope, an id of digits (C-05), remembered.
func created(ctx context.Context, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if err := expectStatus(w, http.StatusOK); err != nil {
		return err
	}
	if err := successEnvelope(ctx, true); err != nil {
		return err
	}
	if err := theJSONAtIsDigits(ctx, s.idAt); err != nil {
		return err
	}
	_, err := s.id(w, s.key)
	return err
}

// noLongerExists asks for the details: a deleted one answers 404.
func noLongerExists(ctx context.Context, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if err := s.send(ctx, http.MethodGet, "", nil); err != nil {
		return err
	}
	if r := w.Last(); r.Status != http.StatusNotFound {
		return fmt.Errorf("%s after the delete: want 404, got %d: %s", w.LastRequest(), r.Status, abbreviate(r.Body, 300))
	}
	return nil
}

// idsDiffer checks that two created ones got different ids, each a string of digits (C-05).
func idsDiffer(ctx context.Context, word, a, b string) error {
	s := subjectOf(word)
	ids, err := s.ids(WorldFrom(ctx), a, b)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !digitString.MatchString(id) {
			return fmt.Errorf("the %s id %q is not a string of digits (C-05)", s.noun, id)
		}
	}
	if ids[0] == ids[1] {
		return fmt.Errorf("the %ss %q and %q both got the id %s", s.noun, a, b, ids[0])
	}
	return nil
}

// askDetailsOfTwo asks for the details of two in one call, their ids joined in the path.
func askDetailsOfTwo(ctx context.Context, word, a, b string) error {
	s := subjectOf(word)
	ids, err := s.ids(WorldFrom(ctx), a, b)
	if err != nil {
		return err
	}
	return send(ctx, http.MethodGet, s.base+"/"+s.commaPath(ids), nil)
}

// askDetailsWithMissing asks for the details of the scenario's one and of an id no service
// hands out, in one call (remembered as {missing}).
func askDetailsWithMissing(ctx context.Context, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	id, err := s.id(w, s.key)
	if err != nil {
		return err
	}
	w.Remember("missing", s.missingID)
	return send(ctx, http.MethodGet, s.base+"/"+s.commaPath([]string{id, s.missingID}), nil)
}

// detailsHoldTwo checks that the last details answer holds both, each with a name.
func detailsHoldTwo(ctx context.Context, word, a, b string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	for _, key := range []string{a, b} {
		id, err := s.id(w, key)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(items, func(it map[string]any) bool { return asString(it["id"]) == id })
		switch {
		case i < 0:
			return fmt.Errorf("%s: no details for the %s %q (%s) in %s", w.LastRequest(), s.noun, key, id, compact(items))
		case items[i]["name"] == nil:
			return fmt.Errorf("%s: the details of %q have no name: %s", w.LastRequest(), key, compact(items[i]))
		}
	}
	return nil
}
