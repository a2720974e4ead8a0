package steps

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/cucumber/godog"
)

// Steps for chatroom custom attributes (R-META-*, R-MEM-07): key-value pairs a member sets on
// a room, owned by that member unless someone forces them.

// roomLongKeyKey remembers the generated long key of "a key of N characters".
const roomLongKeyKey = "chatroom.longkey"

func registerRoomAttributeSteps(sc *godog.ScenarioContext) {
	// Set
	sc.Step(`^(\w+) (?:sets|has set) attributes on the room:$`, setAttributesTable)
	sc.Step(`^(\w+) force-sets attributes on the room:$`, forceSetAttributesTable)
	sc.Step(`^(\w+) (?:sets|has set) attribute "([^"]*)" to "([^"]*)" on the room$`, setAttribute)
	sc.Step(`^(\w+) (?:sets|has set) attribute "([^"]*)" to "([^"]*)" on the room with autoDelete "(\w*)"$`, setAttributeAutoDelete)
	sc.Step(`^(\w+) force-sets attribute "([^"]*)" to "([^"]*)" on the room$`, forceSetAttribute)
	sc.Step(`^(\w+) sets on the room a key of (\d+) characters and the key "([^"]*)"$`, roomSetLongKey)
	sc.Step(`^(\w+) (?:sets|has set) (\d+) attributes on the room in one call$`, setNAttributes)
	sc.Step(`^(\w+) has set (\d+) attributes on the room, (\d+) per call$`, setNAttributesInCalls)
	sc.Step(`^(\w+) sets on the room the key "([^"]*)" to a value of (\d+) characters and the key "([^"]*)"$`, roomSetLongValue)

	// Delete
	sc.Step(`^(\w+) deletes the room attributes "([^"]*)"$`, deleteAttributes)
	sc.Step(`^(\w+) force-deletes the room attributes "([^"]*)"$`, forceDeleteAttributes)
	sc.Step(`^(\w+) deletes (\d+) room attributes in one call$`, deleteNAttributes)
	sc.Step(`^(\w+) force-deletes (\d+) room attributes in one call$`, forceDeleteNAttributes)

	// Get
	sc.Step(`^I get the room attributes "([^"]*)"$`, getAttributes)
	sc.Step(`^I get all the room attributes$`, getAllAttributes)

	// Then
	sc.Step(`^the attributes "([^"]*)" were (?:set|deleted)$`, attributesSucceeded)
	sc.Step(`^the attribute "([^"]*)" was refused$`, attributeRefused)
	sc.Step(`^no attribute was refused$`, roomNoneRefused)
	sc.Step(`^the long key was (set|refused)$`, roomLongKeyOutcome)
	sc.Step(`^the key "([^"]*)" was (set|refused)$`, roomKeyOutcome)
	sc.Step(`^the room attribute "([^"]*)" is "([^"]*)"$`, roomAttributeIs)
	sc.Step(`^the room has no attribute "([^"]*)"$`, roomHasNoAttribute)
	sc.Step(`^the room holds (\d+) attributes$`, roomHoldsAttributes)
	sc.Step(`^the attributes returned are exactly:$`, attributesExactly)
}

// roomKeyList reads "topic, mood".
func roomKeyList(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// roomNumberedKeys names n attributes attr1..attrN.
func roomNumberedKeys(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("attr%d", i+1)
	}
	return out
}

// attrPath is the metadata path for the room, as user, with "/forced" when forced.
func attrPath(w *World, user string, forced bool) (string, error) {
	id, err := rooms.id(w, roomKey)
	if err != nil {
		return "", err
	}
	p := "/metadata/chatroom/" + id + "/user/" + w.User(user)
	if forced {
		p += "/forced"
	}
	return p, nil
}

// putAttributes sets pairs as user; autoDelete "" leaves the field out (the default, DELETE).
func putAttributes(ctx context.Context, user string, pairs map[string]string, autoDelete string, forced bool, opts ...RequestOption) error {
	w := WorldFrom(ctx)
	p, err := attrPath(w, user, forced)
	if err != nil {
		return err
	}
	body := map[string]any{"metaData": pairs}
	if autoDelete != "" {
		body["autoDelete"] = autoDelete
	}
	var why []string
	if len(pairs) > maxAttrsPerCall {
		why = append(why, "at most 10 attributes per call")
	}
	if autoDelete != "" && autoDelete != "DELETE" && autoDelete != "NO_DELETE" {
		why = append(why, "autoDelete is DELETE or NO_DELETE")
	}
	return send(ctx, http.MethodPut, p, body, append(opts, breaksIf(len(why) > 0, strings.Join(why, "; "))...)...)
}

// roomPairsFrom reads a | key | value | table with a header row.
func roomPairsFrom(table *godog.Table) (map[string]string, error) {
	if len(table.Rows) < 2 || len(table.Rows[0].Cells) != 2 ||
		table.Rows[0].Cells[0].Value != "key" || table.Rows[0].Cells[1].Value != "value" {
		return nil, fmt.Errorf("write attributes as a table with the header | key | value |")
	}
	out := map[string]string{}
	for _, row := range table.Rows[1:] {
		out[row.Cells[0].Value] = row.Cells[1].Value
	}
	return out, nil
}

func setAttributesTable(ctx context.Context, user string, table *godog.Table) error {
	pairs, err := roomPairsFrom(table)
	if err != nil {
		return err
	}
	return putAttributes(ctx, user, pairs, "", false)
}

func forceSetAttributesTable(ctx context.Context, user string, table *godog.Table) error {
	pairs, err := roomPairsFrom(table)
	if err != nil {
		return err
	}
	return putAttributes(ctx, user, pairs, "", true)
}

func setAttribute(ctx context.Context, user, key, value string) error {
	return putAttributes(ctx, user, map[string]string{key: value}, "", false)
}

func setAttributeAutoDelete(ctx context.Context, user, key, value, autoDelete string) error {
	return putAttributes(ctx, user, map[string]string{key: value}, autoDelete, false)
}

func forceSetAttribute(ctx context.Context, user, key, value string) error {
	return putAttributes(ctx, user, map[string]string{key: value}, "", true)
}

func roomSetLongKey(ctx context.Context, user string, n int, other string) error {
	w := WorldFrom(ctx)
	key := keyOf(n)
	w.Remember(roomLongKeyKey, key)
	return putAttributes(ctx, user, map[string]string{key: "long", other: "short"}, "", false)
}

func setNAttributes(ctx context.Context, user string, n int) error {
	pairs := map[string]string{}
	for _, k := range roomNumberedKeys(n) {
		pairs[k] = "v-" + k
	}
	return putAttributes(ctx, user, pairs, "", false)
}

// setNAttributesInCalls is set-up: every call must succeed and set every key.
func setNAttributesInCalls(ctx context.Context, user string, n, per int) error {
	w := WorldFrom(ctx)
	keys := roomNumberedKeys(n)
	for start := 0; start < n; start += per {
		pairs := map[string]string{}
		for _, k := range keys[start:min(start+per, n)] {
			pairs[k] = "v-" + k
		}
		if err := putAttributes(ctx, user, pairs, "", false); err != nil {
			return err
		}
		if err := expectStatus(w, http.StatusOK); err != nil {
			return err
		}
		if err := roomNoneRefused(ctx); err != nil {
			return err
		}
	}
	return nil
}

func roomSetLongValue(ctx context.Context, user, key string, n int, other string) error {
	return putAttributes(ctx, user, map[string]string{key: keyOf(n), other: "short"}, "", false)
}

func roomSendDelete(ctx context.Context, user string, keys []string, forced bool) error {
	w := WorldFrom(ctx)
	p, err := attrPath(w, user, forced)
	if err != nil {
		return err
	}
	return send(ctx, http.MethodDelete, p, map[string]any{"keys": keys},
		breaksIf(len(keys) > maxAttrsPerCall, "at most 10 keys per delete call")...)
}

func deleteAttributes(ctx context.Context, user, keys string) error {
	return roomSendDelete(ctx, user, roomKeyList(keys), false)
}

func forceDeleteAttributes(ctx context.Context, user, keys string) error {
	return roomSendDelete(ctx, user, roomKeyList(keys), true)
}

func deleteNAttributes(ctx context.Context, user string, n int) error {
	return roomSendDelete(ctx, user, roomNumberedKeys(n), false)
}

func forceDeleteNAttributes(ctx context.Context, user string, n int) error {
	return roomSendDelete(ctx, user, roomNumberedKeys(n), true)
}

func getAttributes(ctx context.Context, keys string) error {
	return onRoomMetadata(ctx, map[string]any{"keys": roomKeyList(keys)})
}

func getAllAttributes(ctx context.Context) error { return onRoomMetadata(ctx, nil) }

func onRoomMetadata(ctx context.Context, body any) error {
	w := WorldFrom(ctx)
	id, err := rooms.id(w, roomKey)
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPost, "/metadata/chatroom/"+id, body)
}

// ---- Then -------------------------------------------------------------------------------

// attrResult reads successKeys and errorKeys from the last set or delete answer.
func attrResult(w *World) (success []string, errorKeys map[string]any, err error) {
	if err := expectStatus(w, http.StatusOK); err != nil {
		return nil, nil, err
	}
	if success, err = lastNames(w, "data.successKeys"); err != nil {
		return nil, nil, err
	}
	e, err := lastJSON(w, "data.errorKeys")
	if err != nil {
		return nil, nil, err
	}
	errorKeys, ok := e.(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("data.errorKeys: want an object, got %s", describe(e))
	}
	return success, errorKeys, nil
}

func attributesSucceeded(ctx context.Context, keys string) error {
	w := WorldFrom(ctx)
	success, errorKeys, err := attrResult(w)
	if err != nil {
		return err
	}
	for _, k := range roomKeyList(keys) {
		if !slices.Contains(success, k) {
			return fmt.Errorf("%s: %q is not in successKeys %v (errorKeys %s)", w.LastRequest(), k, success, compact(errorKeys))
		}
	}
	return nil
}

func roomCheckRefused(w *World, key string) error {
	success, errorKeys, err := attrResult(w)
	if err != nil {
		return err
	}
	reason, ok := errorKeys[key]
	if !ok {
		return fmt.Errorf("%s: %q is not in errorKeys %s (successKeys %v)", w.LastRequest(), abbreviate([]byte(key), 40), compact(errorKeys), success)
	}
	if s, _ := reason.(string); s == "" {
		return fmt.Errorf("%s: errorKeys[%q] gives no reason: %s", w.LastRequest(), key, compact(reason))
	}
	if slices.Contains(success, key) {
		return fmt.Errorf("%s: %q is both refused and in successKeys", w.LastRequest(), key)
	}
	return nil
}

func attributeRefused(ctx context.Context, key string) error {
	return roomCheckRefused(WorldFrom(ctx), key)
}

func roomNoneRefused(ctx context.Context) error {
	w := WorldFrom(ctx)
	_, errorKeys, err := attrResult(w)
	if err != nil {
		return err
	}
	if len(errorKeys) > 0 {
		return fmt.Errorf("%s: keys were refused: %s", w.LastRequest(), compact(errorKeys))
	}
	return nil
}

func roomLongKeyOutcome(ctx context.Context, outcome string) error {
	w := WorldFrom(ctx)
	key, err := w.Recall(roomLongKeyKey)
	if err != nil {
		return err
	}
	return roomCheckOutcome(w, key, outcome)
}

func roomKeyOutcome(ctx context.Context, key, outcome string) error {
	return roomCheckOutcome(WorldFrom(ctx), key, outcome)
}

// roomCheckOutcome says whether key went to successKeys ("set") or errorKeys ("refused").
func roomCheckOutcome(w *World, key, outcome string) error {
	if outcome == "refused" {
		return roomCheckRefused(w, key)
	}
	success, errorKeys, err := attrResult(w)
	if err != nil {
		return err
	}
	if !slices.Contains(success, key) {
		return fmt.Errorf("%s: the %d-character key %q is not in successKeys (errorKeys %s)", w.LastRequest(), len(key), abbreviate([]byte(key), 40), compact(errorKeys))
	}
	return nil
}

// fetchAttributes reads the room's attributes (all when keys is nil).
func fetchAttributes(ctx context.Context, w *World, keys []string) (map[string]any, error) {
	id, err := rooms.id(w, roomKey)
	if err != nil {
		return nil, err
	}
	var body any
	if keys != nil {
		body = map[string]any{"keys": keys}
	}
	resp, err := w.MustOK(ctx, http.MethodPost, "/metadata/chatroom/"+id, body)
	if err != nil {
		return nil, err
	}
	v, err := resp.JSON("data")
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("attributes: want an object, got %s", describe(v))
	}
	return m, nil
}

func roomAttributeIs(ctx context.Context, key, want string) error {
	w := WorldFrom(ctx)
	attrs, err := fetchAttributes(ctx, w, []string{key})
	if err != nil {
		return err
	}
	got, ok := attrs[key]
	if !ok {
		return fmt.Errorf("the room has no attribute %q (got %s)", key, compact(attrs))
	}
	if asString(got) != want {
		return fmt.Errorf("room attribute %q: want %q, got %s", key, want, compact(got))
	}
	return nil
}

func roomHasNoAttribute(ctx context.Context, key string) error {
	w := WorldFrom(ctx)
	attrs, err := fetchAttributes(ctx, w, nil)
	if err != nil {
		return err
	}
	if v, ok := attrs[key]; ok {
		return fmt.Errorf("the room still has attribute %q = %s", key, compact(v))
	}
	return nil
}

func roomHoldsAttributes(ctx context.Context, n int) error {
	attrs, err := fetchAttributes(ctx, WorldFrom(ctx), nil)
	if err != nil {
		return err
	}
	if len(attrs) != n {
		return fmt.Errorf("the room holds %d attributes, want %d: %s", len(attrs), n, compact(attrs))
	}
	return nil
}

func attributesExactly(ctx context.Context, table *godog.Table) error {
	w := WorldFrom(ctx)
	want, err := roomPairsFrom(table)
	if err != nil {
		return err
	}
	if err := expectStatus(w, http.StatusOK); err != nil {
		return err
	}
	v, err := lastJSON(w, "data")
	if err != nil {
		return err
	}
	got, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("attributes: want an object, got %s", describe(v))
	}
	if len(got) != len(want) {
		return fmt.Errorf("want %d attributes %v, got %s", len(want), want, compact(got))
	}
	for k, wv := range want {
		if gv, ok := got[k]; !ok || asString(gv) != wv {
			return fmt.Errorf("attribute %q: want %q, got %s (all: %s)", k, wv, compact(gv), compact(got))
		}
	}
	return nil
}

// keyOf is an attribute key of n characters from the allowed set (a-z).
func keyOf(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[i%len(alphabet)]
	}
	return string(b)
}
