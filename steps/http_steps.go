package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// registerCommonSteps registers the generic steps: users, raw requests, and assertions on the
// last response. Business steps (groups.go, chatrooms.go) are built on the same World calls.
func registerCommonSteps(sc *godog.ScenarioContext) {
	// Users.
	sc.Step(`^the app has users? "([^"]*)"$`, theAppHasUsers)
	sc.Step(`^"([^"]*)" (?:is|are) not (?:a )?users? of the app$`, notUsersOfTheApp)

	// Requests.
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)"$`, iSend)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" with JSON:$`, iSendJSON)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" breaking the spec \(([^)]*)\)$`, iSendBreakingSpec)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" breaking the spec \(([^)]*)\) with JSON:$`, iSendJSONBreakingSpec)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" breaking the spec \(([^)]*)\) with the body:$`, iSendBodyBreakingSpec)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" without a token$`, iSendWithoutToken)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" with the Authorization header "([^"]*)"$`, iSendWithAuthorization)

	// Status and errors.
	sc.Step(`^the response status is (\d+)$`, theResponseStatusIs)
	sc.Step(`^the response error is "([^"]*)"$`, theResponseErrorIs)
	sc.Step(`^the response exception is "([^"]*)"$`, theResponseExceptionIs)
	sc.Step(`^the error description is "([^"]*)"$`, theErrorDescriptionIs)
	sc.Step(`^the error description contains "([^"]*)"$`, theErrorDescriptionContains)
	sc.Step(`^the response has the service's error shape$`, theResponseHasTheErrorShape)
	sc.Step(`^the response is the success envelope$`, theResponseIsTheSuccessEnvelope)
	sc.Step(`^the response is the success envelope \(action not checked\)$`, theResponseIsTheSuccessEnvelopeAnyAction)

	// JSON.
	sc.Step(`^the JSON at "([^"]*)" is (-?\d+)$`, theJSONAtIsNumber)
	sc.Step(`^the JSON at "([^"]*)" is "([^"]*)"$`, theJSONAtIsString)
	sc.Step(`^the JSON at "([^"]*)" is (true|false)$`, theJSONAtIsBool)
	sc.Step(`^the JSON at "([^"]*)" is null$`, theJSONAtIsNull)
	sc.Step(`^the JSON at "([^"]*)" is a string of digits$`, theJSONAtIsDigits)
	sc.Step(`^the JSON at "([^"]*)" is a number$`, theJSONAtIsANumber)
	sc.Step(`^the JSON at "([^"]*)" has (\d+) items?$`, theJSONAtHasItems)
	sc.Step(`^the JSON at "([^"]*)" contains "([^"]*)"$`, theJSONAtContains)
	sc.Step(`^the JSON at "([^"]*)" does not contain "([^"]*)"$`, theJSONAtDoesNotContain)
	sc.Step(`^the JSON at "([^"]*)" has no item whose "(\w+)" is "([^"]*)"$`, theJSONAtHasNoItemWhose)
	sc.Step(`^the JSON at "([^"]*)" has an item whose "(\w+)" is "([^"]*)"(?: and whose "(\w+)" is "([^"]*)")?$`, theJSONAtHasAnItemWhose)
	sc.Step(`^the JSON at "([^"]*)" lists exactly "([^"]*)"$`, theJSONAtListsExactly)
	sc.Step(`^the JSON at "([^"]*)" exists$`, theJSONAtExists)
	sc.Step(`^the JSON at "([^"]*)" has exactly the keys (.+)$`, theJSONAtHasExactlyTheKeys)
	sc.Step(`^there is no JSON at "([^"]*)"$`, thereIsNoJSONAt)
	sc.Step(`^I remember the JSON at "([^"]*)" as "([^"]*)"$`, iRememberTheJSONAt)
	sc.Step(`^the contract accepts this (\d+) answer to "([A-Z]+) ([^"]*)":$`, theContractAccepts)
}

// --- users ----------------------------------------------------------------------------------

func theAppHasUsers(ctx context.Context, list string) error {
	names, err := userNames(list)
	if err != nil {
		return err
	}
	return WorldFrom(ctx).RegisterUsers(ctx, names...)
}

func notUsersOfTheApp(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	for _, n := range splitNames(list) {
		if w.registered(n) {
			return fmt.Errorf("%q is registered in this scenario; pick another name for a user that does not exist", n)
		}
		w.User(n)
	}
	return nil
}

// --- requests -------------------------------------------------------------------------------

// send is Do for steps: the status is asserted later, so only spec and transport errors fail.
func send(ctx context.Context, method, path string, body any, opts ...RequestOption) error {
	_, err := WorldFrom(ctx).Do(ctx, method, path, body, opts...)
	return err
}

func docJSON(ctx context.Context, doc *godog.DocString) (string, error) {
	body, err := WorldFrom(ctx).Expand(doc.Content)
	if err != nil {
		return "", err
	}
	if !json.Valid([]byte(body)) {
		return "", fmt.Errorf("the step's JSON is not valid JSON:\n%s", body)
	}
	return body, nil
}

func iSend(ctx context.Context, method, path string) error { return send(ctx, method, path, nil) }

func iSendJSON(ctx context.Context, method, path string, doc *godog.DocString) error {
	body, err := docJSON(ctx, doc)
	if err != nil {
		return err
	}
	return send(ctx, method, path, body)
}

func iSendBreakingSpec(ctx context.Context, method, path, why string) error {
	return send(ctx, method, path, nil, BreaksSpec(why))
}

func iSendJSONBreakingSpec(ctx context.Context, method, path, why string, doc *godog.DocString) error {
	body, err := docJSON(ctx, doc)
	if err != nil {
		return err
	}
	return send(ctx, method, path, body, BreaksSpec(why))
}

// iSendBodyBreakingSpec sends the doc string as a JSON request's body, whether it is JSON or
// not: for a body the service can not read.
func iSendBodyBreakingSpec(ctx context.Context, method, path, why string, doc *godog.DocString) error {
	body, err := WorldFrom(ctx).Expand(doc.Content)
	if err != nil {
		return err
	}
	return send(ctx, method, path, body, BreaksSpec(why))
}

func iSendWithoutToken(ctx context.Context, method, path string) error {
	return send(ctx, method, path, nil, WithAuthorization(""))
}

func iSendWithAuthorization(ctx context.Context, method, path, header string) error {
	return send(ctx, method, path, nil, WithAuthorization(header))
}

// --- status and errors ----------------------------------------------------------------------

func last(ctx context.Context) (*World, *Response, error) {
	w := WorldFrom(ctx)
	if w.Last() == nil {
		return w, nil, errNoResponse
	}
	return w, w.Last(), nil
}

func theResponseStatusIs(ctx context.Context, want int) error {
	return expectStatus(WorldFrom(ctx), want)
}

func stringAt(ctx context.Context, path string) (string, *World, error) {
	w := WorldFrom(ctx)
	v, err := lastJSON(w, path)
	if err != nil {
		return "", w, err
	}
	s, ok := v.(string)
	if !ok {
		return "", w, fmt.Errorf("%s: %q is %s, not a string", w.LastRequest(), path, describe(v))
	}
	return s, w, nil
}

func theResponseErrorIs(ctx context.Context, want string) error {
	return stringEquals(ctx, "error", want)
}

func theResponseExceptionIs(ctx context.Context, want string) error {
	return stringEquals(ctx, "exception", want)
}

func stringEquals(ctx context.Context, path, want string) error {
	got, w, err := stringAt(ctx, path)
	if err != nil {
		return err
	}
	if want, err = w.resolve(want); err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s: want %s %q, got %q (status %d)", w.LastRequest(), path, want, got, w.Last().Status)
	}
	return nil
}

func theErrorDescriptionIs(ctx context.Context, want string) error {
	return stringEquals(ctx, "error_description", want)
}

func theErrorDescriptionContains(ctx context.Context, want string) error {
	got, w, err := stringAt(ctx, "error_description")
	if err != nil {
		return err
	}
	if want, err = w.resolve(want); err != nil {
		return err
	}
	if !strings.Contains(got, want) {
		return fmt.Errorf("%s: want the error description to contain %q, got %q", w.LastRequest(), want, got)
	}
	return nil
}

// theResponseHasTheErrorShape checks C-02: error, exception, timestamp, duration,
// error_description, with their types.
func theResponseHasTheErrorShape(ctx context.Context) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	doc, err := decodeJSON(r.Body)
	if err != nil {
		return err
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: the error body is %s, not an object", w.LastRequest(), describe(doc))
	}
	var problems []string
	for _, f := range []struct{ name, kind string }{
		{"error", "string"}, {"exception", "string"}, {"timestamp", "number"},
		{"duration", "number"}, {"error_description", "string"},
	} {
		if p := checkKind(obj, f.name, f.kind); p != "" {
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: not the service's error shape: %s\nbody: %s", w.LastRequest(), strings.Join(problems, "; "), abbreviate(r.Body, 400))
	}
	return nil
}

func checkKind(obj map[string]any, name, kind string) string {
	v, ok := obj[name]
	if !ok {
		return fmt.Sprintf("%s is missing", name)
	}
	switch kind {
	case "string":
		if _, ok := v.(string); !ok {
			return fmt.Sprintf("%s is %s, want a string", name, describe(v))
		}
	case "number":
		if _, ok := v.(json.Number); !ok {
			return fmt.Sprintf("%s is %s, want a number", name, describe(v))
		}
	case "array":
		if _, ok := v.([]any); !ok {
			return fmt.Sprintf("%s is %s, want an array", name, describe(v))
		}
	}
	return ""
}

func theResponseIsTheSuccessEnvelope(ctx context.Context) error { return successEnvelope(ctx, true) }

func theResponseIsTheSuccessEnvelopeAnyAction(ctx context.Context) error {
	return successEnvelope(ctx, false)
}

// successEnvelope checks C-03: action (the request's method in lower case), application, uri,
// entities, data, timestamp, duration, organization, applicationName.
func successEnvelope(ctx context.Context, checkAction bool) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	if r.Status/100 != 2 {
		return fmt.Errorf("%s: want a success, got %d: %s", w.LastRequest(), r.Status, abbreviate(r.Body, 400))
	}
	doc, err := decodeJSON(r.Body)
	if err != nil {
		return err
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: the body is %s, not an envelope object", w.LastRequest(), describe(doc))
	}
	var problems []string
	for _, f := range []struct{ name, kind string }{
		{"action", "string"}, {"application", "string"}, {"uri", "string"}, {"entities", "array"},
		{"timestamp", "number"}, {"duration", "number"}, {"organization", "string"}, {"applicationName", "string"},
	} {
		if p := checkKind(obj, f.name, f.kind); p != "" {
			problems = append(problems, p)
		}
	}
	if _, ok := obj["data"]; !ok {
		problems = append(problems, "data is missing")
	}
	if checkAction {
		method, _, _ := strings.Cut(w.LastRequest(), " ")
		if a, _ := obj["action"].(string); a != strings.ToLower(method) {
			problems = append(problems, fmt.Sprintf("action is %q, want %q (the request's method in lower case)", a, strings.ToLower(method)))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: not the success envelope: %s\nbody: %s", w.LastRequest(), strings.Join(problems, "; "), abbreviate(r.Body, 400))
	}
	return nil
}

// --- JSON -----------------------------------------------------------------------------------

func valueAt(ctx context.Context, path string) (any, *World, error) {
	w := WorldFrom(ctx)
	path, err := w.Expand(path)
	if err != nil {
		return nil, w, err
	}
	v, err := lastJSON(w, path)
	return v, w, err
}

func theJSONAtIsNumber(ctx context.Context, path, want string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	n, ok := v.(json.Number)
	if !ok || !numbersEqual(n, want) {
		return fmt.Errorf("%s: want %s = %s, got %s", w.LastRequest(), path, want, describe(v))
	}
	return nil
}

func numbersEqual(n json.Number, want string) bool {
	if n.String() == want {
		return true
	}
	a, errA := strconv.ParseFloat(n.String(), 64)
	b, errB := strconv.ParseFloat(want, 64)
	return errA == nil && errB == nil && a == b
}

func theJSONAtIsString(ctx context.Context, path, want string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	if want, err = w.resolve(want); err != nil {
		return err
	}
	if s, ok := v.(string); !ok || s != want {
		return fmt.Errorf("%s: want %s = %q, got %s", w.LastRequest(), path, want, describe(v))
	}
	return nil
}

func theJSONAtIsBool(ctx context.Context, path, want string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	if b, ok := v.(bool); !ok || b != (want == "true") {
		return fmt.Errorf("%s: want %s = %s, got %s", w.LastRequest(), path, want, describe(v))
	}
	return nil
}

func theJSONAtIsNull(ctx context.Context, path string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	if v != nil {
		return fmt.Errorf("%s: want %s = null, got %s", w.LastRequest(), path, describe(v))
	}
	return nil
}

var digitString = regexp.MustCompile(`^[0-9]+$`)

func theJSONAtIsDigits(ctx context.Context, path string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	if s, ok := v.(string); !ok || !digitString.MatchString(s) {
		return fmt.Errorf("%s: want %s to be a string of digits, got %s", w.LastRequest(), path, describe(v))
	}
	return nil
}

func theJSONAtIsANumber(ctx context.Context, path string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	if _, ok := v.(json.Number); !ok {
		return fmt.Errorf("%s: want %s to be a number, got %s", w.LastRequest(), path, describe(v))
	}
	return nil
}

func arrayAt(ctx context.Context, path string) ([]any, *World, error) {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return nil, w, err
	}
	a, ok := v.([]any)
	if !ok {
		return nil, w, fmt.Errorf("%s: want %s to be an array, got %s", w.LastRequest(), path, describe(v))
	}
	return a, w, nil
}

func theJSONAtHasItems(ctx context.Context, path string, n int) error {
	a, w, err := arrayAt(ctx, path)
	if err != nil {
		return err
	}
	if len(a) != n {
		return fmt.Errorf("%s: want %s to have %d items, got %d: %s", w.LastRequest(), path, n, len(a), compact(a))
	}
	return nil
}

// theJSONAtHasExactlyTheKeys checks an object's keys, written "groupname" or "name" and
// "maxusers": an answer that reports more (or fewer) fields than the call changed fails.
func theJSONAtHasExactlyTheKeys(ctx context.Context, path, list string) error {
	w := WorldFrom(ctx)
	v, err := lastJSON(w, path)
	if err != nil {
		return err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: %s is %s, want an object", w.LastRequest(), path, describe(v))
	}
	var want []string
	for _, k := range splitNames(list) {
		want = append(want, strings.Trim(k, `"`))
	}
	got := slices.Sorted(maps.Keys(obj))
	if !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		return fmt.Errorf("%s: %s has the keys %v, want exactly %s: %s", w.LastRequest(), path, got, list, compact(obj))
	}
	return nil
}

// contains: an array holds the (resolved) string as an element, or a string holds it.
func contains(v any, want string) bool {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && s == want {
				return true
			}
			if n, ok := e.(json.Number); ok && n.String() == want {
				return true
			}
		}
	case string:
		return strings.Contains(v, want)
	}
	return false
}

func theJSONAtContains(ctx context.Context, path, want string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	if want, err = w.resolve(want); err != nil {
		return err
	}
	if !contains(v, want) {
		return fmt.Errorf("%s: want %s to contain %q, got %s", w.LastRequest(), path, want, compact(v))
	}
	return nil
}

func theJSONAtDoesNotContain(ctx context.Context, path, want string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	if want, err = w.resolve(want); err != nil {
		return err
	}
	if contains(v, want) {
		return fmt.Errorf("%s: want %s not to contain %q, got %s", w.LastRequest(), path, want, compact(v))
	}
	return nil
}

// theJSONAtHasNoItemWhose checks a list of objects for the absence of one (a thread id in the
// app's thread list): about the scenario's own item, so it holds on an app that holds others.
func theJSONAtHasNoItemWhose(ctx context.Context, path, field, want string) error {
	m, err := itemWhose(ctx, path, field, want)
	if err != nil || m.item == nil {
		return err
	}
	return fmt.Errorf("%s: want no item of %s whose %s is %q, got %s", m.w.LastRequest(), path, field, m.want, compact(m.item))
}

// theJSONAtHasAnItemWhose finds the scenario's own item in a list the app shares with others
// (a live app holds more than the run's data, so "data.0" need not be ours), and checks one
// more field of it when the step names one (values compared as printed; the contract checks
// their types).
func theJSONAtHasAnItemWhose(ctx context.Context, path, field, want, field2, want2 string) error {
	m, err := itemWhose(ctx, path, field, want)
	if err != nil {
		return err
	}
	if m.item == nil {
		return fmt.Errorf("%s: want an item of %s whose %s is %q, found none", m.w.LastRequest(), path, field, m.want)
	}
	if field2 == "" {
		return nil
	}
	if want2, err = m.w.resolve(want2); err != nil {
		return err
	}
	if got, ok := m.item.(map[string]any)[field2]; !ok || fmt.Sprint(got) != want2 {
		return fmt.Errorf("%s: the item of %s whose %s is %q: want %s %q, got %s", m.w.LastRequest(), path, field, m.want, field2, want2, compact(m.item))
	}
	return nil
}

// itemMatch is what itemWhose found: the first matching item (nil for none) and the wanted
// value with its placeholders resolved.
type itemMatch struct {
	w    *World
	item any
	want string
}

// itemWhose looks for the first object of the array at path whose field prints as want.
func itemWhose(ctx context.Context, path, field, want string) (itemMatch, error) {
	a, w, err := arrayAt(ctx, path)
	if err != nil {
		return itemMatch{}, err
	}
	if want, err = w.resolve(want); err != nil {
		return itemMatch{}, err
	}
	m := itemMatch{w: w, want: want}
	for i, e := range a {
		obj, ok := e.(map[string]any)
		if !ok {
			return m, fmt.Errorf("%s: %s.%d is %s, want an object", w.LastRequest(), path, i, describe(e))
		}
		if v, ok := obj[field]; ok && fmt.Sprint(v) == want {
			m.item = e
			return m, nil
		}
	}
	return m, nil
}

func theJSONAtListsExactly(ctx context.Context, path, list string) error {
	a, w, err := arrayAt(ctx, path)
	if err != nil {
		return err
	}
	var want []string
	for _, n := range splitNames(list) {
		r, err := w.resolve(n)
		if err != nil {
			return err
		}
		want = append(want, r)
	}
	got, err := stringList(a)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", w.LastRequest(), path, err)
	}
	return sameUsers(w, w.LastRequest()+": "+path+" (any order)", got, want)
}

func theJSONAtExists(ctx context.Context, path string) error {
	_, _, err := valueAt(ctx, path)
	return err
}

func thereIsNoJSONAt(ctx context.Context, path string) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	if v, err := r.JSON(path); err == nil {
		return fmt.Errorf("%s: want no %s, got %s", w.LastRequest(), path, compact(v))
	}
	return nil
}

func iRememberTheJSONAt(ctx context.Context, path, key string) error {
	v, w, err := valueAt(ctx, path)
	if err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		w.Remember(key, v)
	case json.Number:
		w.Remember(key, v.String())
	default:
		return fmt.Errorf("%s: %s is %s; only strings and numbers can be remembered", w.LastRequest(), path, describe(v))
	}
	return nil
}

// --- helpers on World -----------------------------------------------------------------------

// resolve turns an expected value into what the response should hold: {placeholders}
// expanded, and a bare logical user name ("bob") into the real one.
func (w *World) resolve(s string) (string, error) {
	s, err := w.Expand(s)
	if err != nil {
		return "", err
	}
	if real, ok := w.users[s]; ok {
		return real, nil
	}
	return s, nil
}

func (w *World) registered(logical string) bool {
	for _, t := range w.tracked {
		if t.kind == "user" && t.id == w.users[logical] {
			return true
		}
	}
	return false
}

// RegisterUsers registers users under their real names (POST /users, up to 60 per call)
// and tracks them for clean-up (C-07).
func (w *World) RegisterUsers(ctx context.Context, logical ...string) error {
	var batch []map[string]string
	seen := map[string]bool{}
	for _, l := range logical {
		if w.registered(l) || seen[l] {
			continue
		}
		seen[l] = true
		batch = append(batch, map[string]string{"username": w.User(l), "password": newSuffix() + newSuffix()})
	}
	for len(batch) > 0 {
		n := min(len(batch), 60)
		if _, err := w.MustOK(ctx, http.MethodPost, "/users", batch[:n]); err != nil {
			return fmt.Errorf("registering users: %w", err)
		}
		for _, u := range batch[:n] {
			w.Track("user", u["username"])
		}
		batch = batch[n:]
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// theContractAccepts validates an answer the service was seen to give (O-09, O-10), written in
// the scenario, against the contract: the mock never sends these shapes, so only this step
// shows that `emcontract validate` would not flag them.
func theContractAccepts(ctx context.Context, status int, method, path string, answer *godog.DocString) error {
	w := WorldFrom(ctx)
	path, err := w.Expand(path)
	if err != nil {
		return err
	}
	body, err := w.Expand(answer.Content)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, w.session.Target.BaseURL()+path, nil)
	if err != nil {
		return err
	}
	route, err := w.contract.FindRoute(req)
	if err != nil {
		return err
	}
	header := http.Header{"Content-Type": {"application/json"}}
	if err := w.contract.ValidateResponse(ctx, route, req, status, header, []byte(body)); err != nil {
		return fmt.Errorf("the contract refuses this %d answer to %s %s: %w", status, method, path, err)
	}
	return nil
}
