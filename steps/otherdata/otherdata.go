// Package otherdata puts into a mock app the data of "other people": users, a group with
// admins, mutes, a block list and an allow list, a chatroom and a super admin, under the very
// names the suite's scenarios use (alice, bob, carol, owner). The live-safety tests seed it,
// run the suite's live target against the same app, and check that it is byte for byte as it
// was and that nothing of the run is left. It talks to the mock through the API itself, as
// another client of a real app would, and reads the result back with GET /_mock/state.
package otherdata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
)

// Names of what Seed creates.
var (
	Users       = []string{"alice", "bob", "carol", "dave", "erin", "owner"}
	SuperAdmins = []string{"owner"}
)

// Seeded is what Seed created: its ids.
type Seeded struct {
	Group, Room string
}

// Seed creates the other data in the app at base (scheme://host/org/app) with a token from
// these client credentials.
func Seed(base, clientID, clientSecret string) (Seeded, error) {
	var s Seeded
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := do("", http.MethodPost, base+"/token", map[string]any{"grant_type": "client_credentials", "client_id": clientID, "client_secret": clientSecret}, &tok); err != nil {
		return s, err
	}
	t := tok.AccessToken
	var users []map[string]string
	for _, u := range Users {
		users = append(users, map[string]string{"username": u, "password": "their-own-" + u})
	}
	if err := do(t, http.MethodPost, base+"/users", users, nil); err != nil {
		return s, err
	}
	var group struct {
		Data struct {
			GroupID string `json:"groupid"`
		} `json:"data"`
	}
	if err := do(t, http.MethodPost, base+"/chatgroups", map[string]any{
		"groupname": "their group", "desc": "not the suite's", "public": true, "maxusers": 300,
		"owner": "owner", "members": []string{"alice", "bob", "carol", "dave", "erin"},
	}, &group); err != nil {
		return s, err
	}
	s.Group = group.Data.GroupID
	g := base + "/chatgroups/" + s.Group
	var room struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	steps := []struct {
		method, url string
		body        any
		into        any
	}{
		{http.MethodPost, g + "/admin", map[string]any{"newadmin": "alice"}, nil},
		{http.MethodPost, g + "/mute", map[string]any{"usernames": []string{"bob"}, "mute_duration": -1}, nil},
		{http.MethodPost, g + "/blocks/users", map[string]any{"usernames": []string{"erin"}}, nil},
		{http.MethodPost, g + "/white/users", map[string]any{"usernames": []string{"carol"}}, nil},
		{http.MethodPost, g + "/announcement", map[string]any{"announcement": "their announcement"}, nil},
		{http.MethodPost, base + "/chatrooms", map[string]any{"name": "their room", "description": "not the suite's", "owner": "owner", "members": []string{"alice", "bob", "carol"}}, &room},
		{http.MethodPost, base + "/chatrooms/super_admin", map[string]any{"superadmin": "owner"}, nil},
	}
	for _, st := range steps {
		if err := do(t, st.method, st.url, st.body, st.into); err != nil {
			return s, err
		}
	}
	s.Room = room.Data.ID
	r := base + "/chatrooms/" + s.Room
	for _, st := range []struct {
		url  string
		body any
	}{
		{r + "/admin", map[string]any{"newadmin": "alice"}},
		{r + "/mute", map[string]any{"usernames": []string{"bob"}, "mute_duration": -1}},
		{r + "/white/users", map[string]any{"usernames": []string{"carol"}}},
	} {
		if err := do(t, http.MethodPost, st.url, st.body, nil); err != nil {
			return s, err
		}
	}
	return s, nil
}

func do(token, method, url string, body, into any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("seeding: %s %s answered %d: %s", method, url, resp.StatusCode, data)
	}
	if into != nil {
		return json.Unmarshal(data, into)
	}
	return nil
}

// State is the part of one app's mock state that Seed made, and what else the app holds.
type State struct {
	// Theirs is the seeded users, group, room and super admins as GET /_mock/state shows
	// them, as JSON: compared byte for byte before and after a run.
	Theirs string
	// Others lists what the app holds besides them: what a run left.
	Others []string
}

// Read takes the mock's state (server is the mock's scheme://host) and splits one app's into
// what Seed made and the rest.
func Read(server, org, app string, s Seeded) (State, error) {
	resp, err := http.Get(server + "/_mock/state")
	if err != nil {
		return State{}, err
	}
	defer resp.Body.Close()
	var state struct {
		Apps []struct {
			Key struct {
				Org string `json:"org"`
				App string `json:"app"`
			} `json:"key"`
			Users       map[string]json.RawMessage `json:"users"`
			Groups      map[string]json.RawMessage `json:"groups"`
			Chatrooms   map[string]json.RawMessage `json:"chatrooms"`
			SuperAdmins map[string]json.RawMessage `json:"super_admins"`
		} `json:"apps"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&state); err != nil {
		return State{}, err
	}
	for _, a := range state.Apps {
		if a.Key.Org != org || a.Key.App != app {
			continue
		}
		theirs := map[string]map[string]json.RawMessage{"users": {}, "groups": {}, "chatrooms": {}, "super_admins": {}}
		var others []string
		split := func(kind string, m map[string]json.RawMessage, ours func(string) bool) {
			for k, v := range m {
				if ours(k) {
					theirs[kind][k] = v
				} else {
					others = append(others, kind+" "+k)
				}
			}
		}
		in := func(list []string) func(string) bool {
			return func(k string) bool {
				for _, x := range list {
					if x == k {
						return true
					}
				}
				return false
			}
		}
		split("users", a.Users, in(Users))
		split("groups", a.Groups, in([]string{s.Group}))
		split("chatrooms", a.Chatrooms, in([]string{s.Room}))
		split("super_admins", a.SuperAdmins, in(SuperAdmins))
		sort.Strings(others)
		b, err := json.Marshal(theirs) // maps marshal in key order: the same state, the same bytes
		return State{Theirs: string(b), Others: others}, err
	}
	return State{}, fmt.Errorf("the mock's state has no app %s/%s", org, app)
}

// SeedServer seeds the other data into org/app of the mock served at server (scheme://host)
// and reads it back: the state a live-safety test compares with after its run. It fails if the
// app held anything else before.
func SeedServer(server, org, app, clientID, clientSecret string) (Seeded, State, error) {
	seeded, err := Seed(server+"/"+org+"/"+app, clientID, clientSecret)
	if err != nil {
		return Seeded{}, State{}, err
	}
	before, err := Read(server, org, app, seeded)
	if err == nil && len(before.Others) > 0 {
		err = fmt.Errorf("the app held %d things besides the seeded data", len(before.Others))
	}
	return seeded, before, err
}
