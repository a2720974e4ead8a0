package steps

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/cucumber/godog"
)

// subject is what a step acts on: the groups or the chatrooms of the app. One step definition
// serves both halves, the feature saying "group" or "room" (or "chatroom"); what differs
// between them (paths, where a create call answers the id, the documents' batch limits, how a
// path joins several names) is data here, not a second function.
type subject struct {
	noun       string // in messages: "group", "chatroom"
	kind       string // tracked for live clean-up: "group", "room"
	key        string // the scenario's main one is remembered as {group} / {room}
	base       string // "/chatgroups", "/chatrooms"
	idAt       string // where a create answer carries the id
	missingID  string // digits no service hands out (C-05)
	joined     string // below /users/{u}: the list of those a user is in
	joinedID   string // the id's field in that list
	joinedName string // the name's field in that list
	listID     string // the id's field in the app's list
	// How the app's list shows one: the owner as written there, the fields of the member count
	// (the owner counted) and of the name, and the type it states ("" for none).
	listOwner           func(w *World, user string) string
	listCount, listName string
	listType            string
	commaPath           func(names []string) string
	maxBatch            int // names per batch call (add, block, mute, ...)
	maxRemove           int // names per batch removal
	maxUsers            int // the documented most of maxusers
	// specBatch is how many names the contract takes in one add, mute or allow-list add call
	// where it takes the wider of the profiles' limits (README "Profiles"); 0 means maxBatch.
	specBatch int
	// createBody is the body of a create call with the documents' required fields.
	createBody func(name, owner string, members []string) map[string]any
	// createBreaks says which documented create rule a body breaks ("" for none).
	createBreaks func(body map[string]any) string
	// modifyBreaks says which documented modify rule a body breaks ("" for none).
	modifyBreaks func(body map[string]any) string
}

var (
	groups = &subject{
		noun: "group", kind: "group", key: groupKey, base: "/chatgroups", idAt: "data.groupid",
		missingID: missingGroupID, joined: "/joined_chatgroups", joinedID: "groupid", joinedName: "groupname", listID: "groupid", commaPath: groupCommaPath,
		listOwner: func(w *World, user string) string { return appPrefix(w) + w.User(user) }, listCount: "affiliations", listName: "groupname", listType: "group",
		maxBatch: maxGroupBatch, maxRemove: maxGroupBatch, maxUsers: maxGroupMaxUsers,
		createBody: func(name, owner string, members []string) map[string]any {
			return withMembers(map[string]any{"groupname": name, "desc": "a group of the " + name + " scenario", "public": true, "owner": owner}, members)
		},
		createBreaks: groupCreateBreaks,
		modifyBreaks: groupModifyBreaks,
	}
	rooms = &subject{
		noun: "chatroom", kind: "room", key: roomKey, base: "/chatrooms", idAt: "data.id",
		missingID: missingRoomID, joined: "/joined_chatrooms", joinedID: "id", joinedName: "name", listID: "id", commaPath: roomCommaPath,
		listOwner: func(w *World, user string) string { return w.User(user) }, listCount: "affiliations_count", listName: "name",
		maxBatch: roomMaxBatchNames, maxRemove: roomMaxRemoveNames, specBatch: roomSpecBatchNames, maxUsers: maxRoomUsers,
		createBody: func(name, owner string, members []string) map[string]any {
			return withMembers(map[string]any{"name": "room " + name, "description": "created by the contract suite", "owner": owner}, members)
		},
		createBreaks: roomCreateBreaks,
		modifyBreaks: func(body map[string]any) string {
			for k := range body {
				if k != "name" && k != "description" && k != "maxusers" {
					return "only name, description and maxusers can be modified"
				}
			}
			return ""
		},
	}
)

// specBatchLimit is the most names the contract takes in one add or mute call: past it a
// request breaks the spec on purpose.
func (s *subject) specBatchLimit() int {
	if s.specBatch > 0 {
		return s.specBatch
	}
	return s.maxBatch
}

// maxPageSize is the most a member list page holds (G-MEM-01, R-MEM-01).
const maxPageSize = 1000

// id is the id remembered under key (the scenario's main one is s.key).
func (s *subject) id(w *World, key string) (string, error) {
	id, err := w.Recall(key)
	if err != nil {
		return "", fmt.Errorf("no %s %q in this scenario: start with `Given a %s owned by alice` (%w)", s.noun, key, s.noun, err)
	}
	return id, nil
}

// ids are the ids remembered under keys.
func (s *subject) ids(w *World, keys ...string) ([]string, error) {
	ids := make([]string, len(keys))
	for i, k := range keys {
		id, err := s.id(w, k)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// below is the path rest below the scenario's group or room: /chatgroups/{id}<rest>.
func (s *subject) below(w *World, rest string) (string, error) {
	id, err := s.id(w, s.key)
	if err != nil {
		return "", err
	}
	return s.base + "/" + url.PathEscape(id) + rest, nil
}

// send sends a request to rest below the scenario's group or room; a Then step checks the answer.
func (s *subject) send(ctx context.Context, method, rest string, body any, opts ...RequestOption) error {
	return sendBelow(ctx, s.below, method, rest, body, opts...)
}

// capture remembers under key the id a create call answered, and tracks it for clean-up.
func (s *subject) capture(w *World, resp *Response, key string) (string, error) {
	return captureID(w, resp, s.idAt, key, s.kind)
}

// withMembers adds the members to a create body, when there are any.
func withMembers(body map[string]any, members []string) map[string]any {
	if len(members) > 0 {
		body["members"] = members
	}
	return body
}

// create registers the owner and members (logical names), creates a group or room with the
// required fields and extra ones, and remembers its id under key. Anything but a 2xx fails.
func (s *subject) create(ctx context.Context, key, owner string, members []string, extra map[string]any) (string, error) {
	w := WorldFrom(ctx)
	if err := w.RegisterUsers(ctx, append([]string{owner}, members...)...); err != nil {
		return "", err
	}
	body := s.createBody(key, w.User(owner), w.Users(members...))
	maps.Copy(body, extra)
	resp, err := w.MustOK(ctx, http.MethodPost, s.base, body)
	if err != nil {
		return "", fmt.Errorf("creating the %s %q: %w", s.noun, key, err)
	}
	return s.capture(w, resp, key)
}

// sendCreate posts a create body; a 200 answer's id is remembered as the scenario's main one.
func (s *subject) sendCreate(ctx context.Context, body map[string]any, opts ...RequestOption) error {
	w := WorldFrom(ctx)
	resp, err := w.Do(ctx, http.MethodPost, s.base, body, opts...)
	if err != nil || resp.Status != http.StatusOK {
		return err
	}
	_, err = s.capture(w, resp, s.key)
	return err
}

// subjectWord is the pattern of the word a step names its subject with.
const subjectWord = `(group|room|chatroom)s?`

// subjectOf reads the word a step matched with subjectWord.
func subjectOf(word string) *subject {
	if word == "group" {
		return groups
	}
	return rooms
}

func registerSubjectSteps(sc *godog.ScenarioContext) {
	sc.Step(`^an? `+subjectWord+` that does not exist$`, givenMissing)
	sc.Step(`^an? (public |private )?`+subjectWord+`(?: "(\w+)")? owned by (\w+)(?: with members? (.+))?$`, givenOne)
	sc.Step(`^another `+subjectWord+` "(\w+)" owned by (\w+)(?: with members? (.+))?$`, givenAnother)
	sc.Step(`^(\w+) is already in (\d+) `+subjectWord+`$`, givenUserIn)
	sc.Step(`^the `+subjectWord+` has (\d+) members besides its owner$`, membersBesidesOwner)
	sc.Step(`^the `+subjectWord+`'s details show:$`, detailsShow)
	sc.Step(`^the `+subjectWord+`'s details list (\w+) as owner and (.+) as members$`, detailsList)
	sc.Step(`^I ask for the `+subjectWord+`'s details$`, askDetails)
	sc.Step(`^I create a `+subjectWord+` owned by (\w+) without "(\w+)"$`, createWithout)
	sc.Step(`^I modify the `+subjectWord+` with:$`, modifyWith)
	sc.Step(`^I delete the `+subjectWord+`$`, deleteSubject)
	sc.Step(`^I list the `+subjectWord+` (\w+) has joined$`, listJoined)
	sc.Step(`^(\w+) (?:still )?owns the `+subjectWord+`$`, owns)
	sc.Step(`^(\w+) is in (\d+) `+subjectWord+` according to their joined list$`, userInN)
	sc.Step(`^(\w+) is (not )?in the `+subjectWord+` according to their joined list$`, userIn)
	sc.Step(`^the joined list holds exactly the `+subjectWord+` "(\w+)" and "(\w+)"$`, joinedExactly)
	sc.Step(`^the joined list shows the `+subjectWord+` named "([^"]*)"$`, joinedShowsNamed)
}

// joinedIDs reads back the ids of the groups or chatrooms a user is in.
func (s *subject) joinedIDs(ctx context.Context, user string) ([]string, error) {
	w := WorldFrom(ctx)
	if _, err := w.MustOK(ctx, http.MethodGet, "/users/"+url.PathEscape(w.User(user))+s.joined, nil); err != nil {
		return nil, err
	}
	return s.lastJoinedIDs(w)
}

// lastJoinedIDs reads the ids of the last joined-list answer.
func (s *subject) lastJoinedIDs(w *World) ([]string, error) {
	items, err := lastObjects(w, "data")
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = asString(it[s.joinedID])
	}
	return ids, nil
}

// joinedExactly checks that the last joined-list answer holds exactly the two, in any order.
func joinedExactly(ctx context.Context, word, a, b string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	got, err := s.lastJoinedIDs(w)
	if err != nil {
		return err
	}
	want, err := s.ids(w, a, b)
	if err != nil {
		return err
	}
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		return fmt.Errorf("%s: want the %ss %q and %q (%s), got %v", w.LastRequest(), s.noun, a, b, strings.Join(want, ", "), got)
	}
	return nil
}

// joinedShowsNamed finds the scenario's group or room in the last joined-list answer and checks
// the name it shows.
func joinedShowsNamed(ctx context.Context, word, name string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	id, err := s.id(w, s.key)
	if err != nil {
		return err
	}
	items, err := lastObjects(w, "data")
	if err != nil {
		return err
	}
	i := slices.IndexFunc(items, func(it map[string]any) bool { return asString(it[s.joinedID]) == id })
	switch {
	case i < 0:
		return fmt.Errorf("%s: the %s %s is not in the joined list: %s", w.LastRequest(), s.noun, id, compact(items))
	case items[i][s.joinedName] != name:
		return fmt.Errorf("%s: the joined list names the %s %s, want %q", w.LastRequest(), s.noun, describe(items[i][s.joinedName]), name)
	}
	return nil
}

// userIn reads the user's joined list back: it holds the scenario's group or room, or not.
func userIn(ctx context.Context, user, not, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	id, err := w.Recall(s.key)
	if err != nil {
		return err
	}
	ids, err := s.joinedIDs(ctx, user)
	if err != nil {
		return err
	}
	return listed(user+"'s joined "+s.noun+"s", ids, id, not == "", "the "+s.noun+" "+id, fmt.Sprint(ids))
}

func userInN(ctx context.Context, user string, n int, word string) error {
	s := subjectOf(word)
	ids, err := s.joinedIDs(ctx, user)
	if err != nil {
		return err
	}
	if len(ids) != n {
		return fmt.Errorf("%s's joined list holds %d %ss, want %d", user, len(ids), s.noun, n)
	}
	return nil
}

// createWithout sends a create call that lacks one required field (breaking the spec on purpose).
func createWithout(ctx context.Context, word, owner, field string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if err := w.RegisterUsers(ctx, owner); err != nil {
		return err
	}
	body := s.createBody("partial", w.User(owner), nil)
	if _, ok := body[field]; !ok {
		return fmt.Errorf("%q is not a required field of a %s create call", field, s.noun)
	}
	delete(body, field)
	return s.sendCreate(ctx, body, BreaksSpec(field+" is required"))
}

// modifyWith sends a modify call with a field | value table.
func modifyWith(ctx context.Context, word string, table *godog.Table) error {
	s := subjectOf(word)
	body, err := tableBody(WorldFrom(ctx), table)
	if err != nil {
		return err
	}
	why := s.modifyBreaks(body)
	return s.send(ctx, http.MethodPut, "", body, breaksIf(why != "", why)...)
}

func askDetails(ctx context.Context, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodGet, "", nil)
}

func deleteSubject(ctx context.Context, word string) error {
	s := subjectOf(word)
	return deleteTracked(ctx, s.below, s.kind, s.key)
}

func listJoined(ctx context.Context, word, user string) error {
	w := WorldFrom(ctx)
	return send(ctx, http.MethodGet, "/users/"+url.PathEscape(w.User(user))+subjectOf(word).joined, nil)
}

// owns reads the details back: the owner is the user.
func owns(ctx context.Context, user, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	d, err := s.details(ctx)
	if err != nil {
		return err
	}
	if got := asString(d["owner"]); got != w.User(user) {
		return fmt.Errorf("the %s's owner is %s, want %s", s.noun, w.Logical(got), user)
	}
	return nil
}

// details reads back the details of the scenario's group or room (the one object of data).
func (s *subject) details(ctx context.Context) (map[string]any, error) {
	v, err := fetchJSON(ctx, s.below, "", "data.0")
	if err != nil {
		return nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the %s's details: data.0 is %s, want an object", s.noun, describe(v))
	}
	return obj, nil
}

// detailsShow reads the details back and checks the fields of a field | value table, read as
// every table of the suite is (tableBody: JSON literals, logical user names).
func detailsShow(ctx context.Context, word string, table *godog.Table) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	details, err := s.details(ctx)
	if err != nil {
		return err
	}
	want, err := tableBody(w, table)
	if err != nil {
		return err
	}
	var problems []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		got, ok := details[k]
		switch {
		case !ok:
			problems = append(problems, k+" is missing")
		case !sameJSON(got, want[k]):
			problems = append(problems, fmt.Sprintf("%s is %s, want %s", k, compact(got), compact(want[k])))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("the %s's details: %s\ndetails: %s", s.noun, strings.Join(problems, "; "), compact(details))
	}
	return nil
}

// detailsList reads the details back and checks their affiliations (the member list is
// ownerAndMembersAre's).
func detailsList(ctx context.Context, word, owner, members string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	want, err := realNamesOf(w, members)
	if err != nil {
		return err
	}
	d, err := s.details(ctx)
	if err != nil {
		return err
	}
	return expectAffiliations(w, "the "+s.noun+"'s details:", d["affiliations"], owner, want)
}

// members reads back the owner and the members of the scenario's group or room (one page of
// 1000 holds every group and any room the suite makes).
func (s *subject) members(ctx context.Context) (owners, members []string, err error) {
	data, err := fetchJSON(ctx, s.below, "/users?pagenum=1&pagesize=1000", "data")
	if err != nil {
		return nil, nil, err
	}
	return affiliations(data)
}

func membersBesidesOwner(ctx context.Context, word string, n int) error {
	s := subjectOf(word)
	owners, members, err := s.members(ctx)
	if err != nil {
		return err
	}
	if len(owners) != 1 || len(members) != n {
		return fmt.Errorf("the %s has %d owners and %d members, want 1 and %d", s.noun, len(owners), len(members), n)
	}
	return nil
}

// givenOne creates a group or chatroom (private: a group with public false). Named, it is
// remembered under its name too; the first one of a scenario is "the group" / "the room".
func givenOne(ctx context.Context, visibility, word, key, owner, members string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	names, err := userNames(members)
	if err != nil {
		return err
	}
	extra := map[string]any{}
	if strings.TrimSpace(visibility) == "private" {
		if s != groups {
			return fmt.Errorf("only groups are public or private")
		}
		extra["public"] = false
	}
	if key == "" {
		key = s.key
	}
	id, err := s.create(ctx, key, owner, names, extra)
	if err != nil {
		return err
	}
	if _, err := w.Recall(s.key); err != nil {
		w.Remember(s.key, id)
	}
	return nil
}

// givenAnother creates one more, remembered under its name only.
func givenAnother(ctx context.Context, word, key, owner, members string) error {
	names, err := userNames(members)
	if err != nil {
		return err
	}
	_, err = subjectOf(word).create(ctx, key, owner, names, nil)
	return err
}

// givenMissing makes the scenario's group or room one that does not exist: the steps on "the
// group" or "the room" then call it.
func givenMissing(ctx context.Context, word string) error {
	s := subjectOf(word)
	WorldFrom(ctx).Remember(s.key, s.missingID)
	return nil
}

// givenUserIn puts a user in n new groups or chatrooms owned by "keeper", oldest first, each
// remembered as many1..manyN.
func givenUserIn(ctx context.Context, user string, n int, word string) error {
	s, w := subjectOf(word), WorldFrom(ctx)
	if err := w.RegisterUsers(ctx, "keeper", user); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		key := fmt.Sprintf("many%d", i)
		if _, err := s.create(ctx, key, "keeper", []string{user}, nil); err != nil {
			return fmt.Errorf("putting %s in %s %d of %d: %w", user, s.noun, i, n, err)
		}
	}
	return nil
}
