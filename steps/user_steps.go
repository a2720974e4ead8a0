package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/cucumber/godog"
)

// The app's users (C-07, U rows; pages account_*.md): registering one or a batch, reading and
// deleting one, the app's list a page at a time and the bulk delete of its oldest users.
//
// A user is a logical name (`dave`, mapped to the scenario's real name) or, quoted, a user
// name sent exactly as written (`"no spaces"`, a 64-character name): the scenarios on the
// username rules need names that no mapping touches. Registration bodies that break the
// contract's username, nickname or batch rules are marked as breaking the spec by the step
// itself (newUserBreaks), so the contract must reject them too.

// userRef is the pattern of one user: a logical name or a quoted user name.
const userRef = `(\w+|"[^"]*")`

// The contract's rules on a registration (NewUser, NewUsers).
const (
	maxUsernameBytes  = 64
	maxNicknameChars  = 100
	maxUsersPerCall   = 60
	usernameCharacter = `a-zA-Z0-9_.-`
)

var usernamePattern = regexp.MustCompile(`^[` + usernameCharacter + `]+$`)

func registerUserSteps(sc *godog.ScenarioContext) {
	// Registration.
	sc.Step(`^I register the user `+userRef+`$`, registerUser)
	sc.Step(`^I register the user (\w+) with a nickname of (\d+) characters$`, registerUserNickname)
	sc.Step(`^I register the user (\w+) without a password$`, registerUserWithoutPassword)
	sc.Step(`^I register a user without a username$`, registerUserWithoutUsername)
	sc.Step(`^I register the user (\w+) (without a token|with a token that was never issued)$`, registerUserUnauthorized)
	sc.Step(`^I register (.+) in one call$`, registerUsersInOneCall)
	sc.Step(`^I register (\w+) twice in one call with different passwords$`, registerUserTwice)
	sc.Step(`^the answer registers the user (\w+)$`, answerRegistersUser)

	// One user.
	sc.Step(`^I ask for the user `+userRef+`$`, askUser)
	sc.Step(`^I delete the user `+userRef+`$`, deleteUser)
	sc.Step(`^the user (\w+) exists$`, userExists)
	sc.Step(`^the app has no user `+userRef+`$`, appHasNoUser)

	// The app's users.
	sc.Step(`^I list the app's users$`, listAppUsers)
	sc.Step(`^I list the app's users (-?\d+) at a time$`, listAppUsersAtATime)
	sc.Step(`^I ask for the next page of users$`, listAppUsersNextPage)
	sc.Step(`^I delete the app's (\d+) oldest users?$`, deleteOldestUsers)
	sc.Step(`^I (list|bulk-delete) the users of the app "(\w+)"$`, usersOfOtherApp)
}

// realUser maps a userRef to the name sent: a quoted name as written, else the logical
// name's real one.
func realUser(w *World, ref string) string {
	if q := strings.Trim(ref, `"`); q != ref {
		return q
	}
	return w.User(ref)
}

func userPath(w *World, ref string) string { return "/users/" + url.PathEscape(realUser(w, ref)) }

// newUserBreaks says which contract rule a registered user name breaks ("" for none).
func newUserBreaks(name string) string {
	switch {
	case name == "":
		return "username is required"
	case len(name) > maxUsernameBytes:
		return fmt.Sprintf("username at most %d bytes", maxUsernameBytes)
	case !usernamePattern.MatchString(name):
		return "username pattern: " + usernameCharacter
	}
	return ""
}

// newPassword is a password no one needs to know: cassettes redact passwords.
func newPassword() string { return newSuffix() + newSuffix() }

// postNewUsers sends a registration and tracks the users a 200 answer registered (entities), for
// the live clean-up.
func postNewUsers(ctx context.Context, body any, opts ...RequestOption) error {
	w := WorldFrom(ctx)
	resp, err := w.Do(ctx, http.MethodPost, "/users", body, opts...)
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	return eachAnsweredUser(w, func(name string) { w.Track("user", name) })
}

// eachAnsweredUser calls f with the user name of each of the last answer's entities.
func eachAnsweredUser(w *World, f func(name string)) error {
	entities, err := lastObjects(w, "entities")
	if err != nil {
		return err
	}
	for _, e := range entities {
		f(asString(e["username"]))
	}
	return nil
}

func registerUser(ctx context.Context, ref string) error {
	w := WorldFrom(ctx)
	name := realUser(w, ref)
	why := newUserBreaks(name)
	return postNewUsers(ctx, map[string]string{"username": name, "password": newPassword()}, breaksIf(why != "", why)...)
}

// registerUserNickname sends a nickname of n ASCII characters (characters and bytes agree,
// so the step checks the count, U-14).
func registerUserNickname(ctx context.Context, user string, n int) error {
	w := WorldFrom(ctx)
	body := map[string]string{"username": w.User(user), "password": newPassword(), "nickname": digitsText(n)}
	return postNewUsers(ctx, body, breaksIf(n > maxNicknameChars, fmt.Sprintf("nickname at most %d characters", maxNicknameChars))...)
}

// digitsText is n characters: "n234567890123..." (a nickname of a given length).
func digitsText(n int) string {
	var b strings.Builder
	for i := range n {
		if i == 0 {
			b.WriteByte('n')
			continue
		}
		b.WriteByte(byte('0' + (i+1)%10))
	}
	return b.String()
}

func registerUserWithoutPassword(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	return postNewUsers(ctx, map[string]string{"username": w.User(user)}, BreaksSpec("password is required"))
}

func registerUserWithoutUsername(ctx context.Context) error {
	return postNewUsers(ctx, map[string]string{"password": newPassword()}, BreaksSpec("username is required"))
}

// registerUserUnauthorized registers without the app token, or with one no service issued
// (U-17: the mock runs in authorized registration mode).
func registerUserUnauthorized(ctx context.Context, user, how string) error {
	w := WorldFrom(ctx)
	auth := ""
	if how != "without a token" {
		auth = "Bearer " + neverIssued
	}
	return postNewUsers(ctx, map[string]string{"username": w.User(user), "password": newPassword()}, WithAuthorization(auth))
}

// registerUsersInOneCall registers a written list of users (`dave and erin`, `f1 to f61`,
// `"ok_one" and "bad/one"`) as one array: past 60 users, or with a name the contract refuses,
// the request breaks the spec on purpose.
func registerUsersInOneCall(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	refs, err := userNames(list)
	if err != nil {
		return err
	}
	body := make([]map[string]string, len(refs))
	var opts []RequestOption
	for i, ref := range refs {
		name := realUser(w, ref)
		body[i] = map[string]string{"username": name, "password": newPassword()}
		if why := newUserBreaks(name); why != "" {
			opts = []RequestOption{BreaksSpec(why)}
		}
	}
	if len(refs) > maxUsersPerCall {
		opts = []RequestOption{BreaksSpec(fmt.Sprintf("at most %d users", maxUsersPerCall))}
	}
	return postNewUsers(ctx, body, opts...)
}

// registerUserTwice names one user twice in a batch with two passwords (U-15; mock only:
// cassettes redact passwords, so a replay could not tell them apart).
func registerUserTwice(ctx context.Context, user string) error {
	name := WorldFrom(ctx).User(user)
	return postNewUsers(ctx, []map[string]string{{"username": name, "password": "one"}, {"username": name, "password": "two"}})
}

func answerRegistersUser(ctx context.Context, user string) error {
	if err := theResponseStatusIs(ctx, 200); err != nil {
		return err
	}
	return theJSONAtIsString(ctx, "entities.0.username", user)
}

func askUser(ctx context.Context, ref string) error {
	w := WorldFrom(ctx)
	return send(ctx, http.MethodGet, userPath(w, ref), nil)
}

func deleteUser(ctx context.Context, ref string) error {
	w := WorldFrom(ctx)
	return deleteAppUsers(ctx, userPath(w, ref))
}

func userExists(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	_, err := w.MustOK(ctx, http.MethodGet, userPath(w, user), nil)
	return err
}

// appHasNoUser reads the user back: the service answers 404.
func appHasNoUser(ctx context.Context, ref string) error {
	w := WorldFrom(ctx)
	resp, err := w.Do(ctx, http.MethodGet, userPath(w, ref), nil)
	if err != nil {
		return err
	}
	if resp.Status != http.StatusNotFound {
		return fmt.Errorf("%s: want 404 (no such user), got %d: %s", w.LastRequest(), resp.Status, abbreviate(resp.Body, 300))
	}
	return nil
}

func listAppUsers(ctx context.Context) error {
	return send(ctx, http.MethodGet, "/users", nil)
}

// listAppUsersAtATime asks for the first page of the app's users, oldest first (U-01, U-03);
// a limit below 1 breaks the spec on purpose.
func listAppUsersAtATime(ctx context.Context, limit int) error {
	w := WorldFrom(ctx)
	w.pageLimit = limit
	return send(ctx, http.MethodGet, fmt.Sprintf("/users?limit=%d", limit), nil, breaksIf(limit < 1, "limit is at least 1")...)
}

// listAppUsersNextPage follows the last page's cursor with the same limit (U-02).
func listAppUsersNextPage(ctx context.Context) error {
	w := WorldFrom(ctx)
	cursor, err := lastCursor(w)
	if err != nil {
		return err
	}
	return send(ctx, http.MethodGet, fmt.Sprintf("/users?limit=%d&cursor=%s", w.pageLimit, url.QueryEscape(cursor)), nil)
}

// deleteOldestUsers is the bulk delete: the service picks the app's oldest users (U-04), so
// the scenarios that use it need an empty app.
func deleteOldestUsers(ctx context.Context, n int) error {
	return deleteAppUsers(ctx, fmt.Sprintf("/users?limit=%d", n))
}

// deleteAppUsers sends a delete of one user or of the oldest ones; the users a 200 answer names
// (entities: real names, in the case the service keeps) need no live clean-up.
func deleteAppUsers(ctx context.Context, path string) error {
	w := WorldFrom(ctx)
	resp, err := w.Do(ctx, http.MethodDelete, path, nil)
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	return eachAnsweredUser(w, func(name string) { w.Untrack("user", name) })
}

// usersOfOtherApp lists or bulk-deletes the users of another app of the org (U-06). On live
// the app's name carries the scenario's suffix, as user names do, so that "nosuchapp" is
// nobody's real app.
func usersOfOtherApp(ctx context.Context, what, app string) error {
	method := http.MethodGet
	if what == "bulk-delete" {
		method = http.MethodDelete
	}
	return send(ctx, method, "/users", nil, InApp(WorldFrom(ctx).User(app)))
}
