package store

import "sort"

// The internal model. Fields are exported only so that Snapshot/Restore can encode them with
// encoding/json; nothing outside the package sees these types. Sets are maps from a username to
// the app-wide sequence number at which the entry was made, which gives lists a stable
// oldest-first order without a second structure to keep in step.

type appState struct {
	Key          AppKey                 `json:"key"`
	UUID         string                 `json:"uuid"`
	ClientID     string                 `json:"client_id,omitempty"`
	ClientSecret string                 `json:"client_secret,omitempty"`
	Seq          int64                  `json:"seq"`
	Users        map[string]*userState  `json:"users"`
	Groups       map[string]*groupState `json:"groups"`
	Chatrooms    map[string]*roomState  `json:"chatrooms"`
	SuperAdmins  map[string]int64       `json:"super_admins"`
	// Threads (G-THR): the feature switch (off when true; on by default), the messages a thread
	// can be created on (messages.go) in the order they were sent, and where each thread lives
	// (its group holds it).
	ThreadsOff bool `json:"threads_off,omitempty"`
	// MemberAttrsOff switches the member-attribute feature off (G-MATTR-11; on by default).
	MemberAttrsOff bool `json:"member_attrs_off,omitempty"`
	// UserCap is the most users the app may register (the free plan's 100, U-18); 0: no cap.
	UserCap      int                      `json:"user_cap,omitempty"`
	Messages     map[string]*messageState `json:"messages,omitempty"`
	MessageOrder []string                 `json:"message_order,omitempty"`
	ThreadGroup  map[string]string        `json:"thread_group,omitempty"`
}

func newAppState(k AppKey) *appState {
	a := &appState{Key: k, UUID: newUUID()}
	a.clearDomain()
	return a
}

// clearDomain drops users, groups, chatrooms and super admins but keeps the app's identity and
// credentials, so tokens issued before a reset stay valid.
func (a *appState) clearDomain() {
	a.Users = map[string]*userState{}
	a.Groups = map[string]*groupState{}
	a.Chatrooms = map[string]*roomState{}
	a.SuperAdmins = map[string]int64{}
	// Today's pages: messages, the thread index, and the switches back to their defaults.
	a.Messages, a.MessageOrder, a.ThreadGroup = nil, nil, nil
	a.ThreadsOff, a.MemberAttrsOff, a.UserCap = false, false, 0
}

// next returns the app's next sequence number: the order of creation and of joining.
func (a *appState) next() int64 {
	a.Seq++
	return a.Seq
}

type userState struct {
	// Seq orders users by registration (U-01, U-04): created times tie within a millisecond.
	Seq      int64  `json:"seq"`
	UUID     uuid   `json:"uuid"`
	Username string `json:"username"`
	Password string `json:"password,omitempty"`
	Nickname string `json:"nickname,omitempty"`
	Created  int64  `json:"created"`
	Modified int64  `json:"modified"`
}

type groupState struct {
	ID                string                `json:"id"`
	Seq               int64                 `json:"seq"`
	Name              string                `json:"name"`
	Description       string                `json:"description"`
	Public            bool                  `json:"public"`
	MembersOnly       bool                  `json:"membersonly"`
	AllowInvites      bool                  `json:"allowinvites"`
	InviteNeedConfirm bool                  `json:"invite_need_confirm"`
	MaxUsers          int                   `json:"maxusers"`
	Owner             string                `json:"owner"`
	Custom            string                `json:"custom"`
	Created           int64                 `json:"created"`
	LastModified      int64                 `json:"last_modified"`
	Announcement      string                `json:"announcement"`
	MuteAll           bool                  `json:"mute_all"` // G-BAN
	Disabled          bool                  `json:"disabled"` // G-DIS
	Members           memberSet             `json:"members"`  // not the owner
	Admins            map[string]int64      `json:"admins"`   // a subset of Members
	Blocks            map[string]int64      `json:"blocks"`   // disjoint from Members and the owner
	Mutes             map[string]int64      `json:"mutes"`    // username -> expire (ms)
	Allow             map[string]int64      `json:"allow"`    // allow list (G-WHITE), a subset of Members
	Files             map[string]*fileState `json:"files"`
	// MemberAttrs are the members' custom attributes in this group (G-MATTR): user -> key -> value.
	MemberAttrs map[string]map[string]string `json:"member_attributes,omitempty"`
	// Threads are the group's message threads (G-THR), deleted with it (G-THR-17).
	Threads map[string]*threadState `json:"threads,omitempty"`
	// Joined is when each member joined (ms), for details with joined_time=true (O-21).
	Joined map[string]int64 `json:"joined,omitempty"`
}

// affiliationsCount is the member count the API shows: members plus the owner (G-MEM-11).
func (g *groupState) affiliationsCount() int { return g.Members.len() + 1 }

func (g *groupState) isMember(u string) bool { return g.Members.has(u) }

// inGroup is true for the owner and the members.
func (g *groupState) inGroup(u string) bool { return u == g.Owner || g.isMember(u) }

type fileState struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Owner   string `json:"owner"`
	Size    int64  `json:"size"`
	Created int64  `json:"created"`
	// Seq orders files uploaded in the same millisecond: ids are random, so without it the
	// order of such files, and so a recording's pages, would change from run to run.
	Seq  int64  `json:"seq"`
	Data []byte `json:"data"`
}

type roomState struct {
	ID           string                     `json:"id"`
	Seq          int64                      `json:"seq"`
	Name         string                     `json:"name"`
	Description  string                     `json:"description"`
	MaxUsers     int                        `json:"maxusers"`
	Owner        string                     `json:"owner"`
	Custom       string                     `json:"custom"`
	Created      int64                      `json:"created"`
	Announcement string                     `json:"announcement"`
	Ban          bool                       `json:"ban"`        // mute-all (R-BAN)
	Members      memberSet                  `json:"members"`    // not the owner
	Admins       map[string]int64           `json:"admins"`     // a subset of Members
	Blocks       map[string]int64           `json:"blocks"`     // disjoint from Members and the owner
	Allow        map[string]int64           `json:"allow"`      // allow list ("white" list)
	Mutes        map[string]int64           `json:"mutes"`      // username -> expire (ms)
	Attributes   map[string]*attributeState `json:"attributes"` // key -> attribute
	// LastModified is the last modify call's time (ms), 0 until one (O-22 shows it).
	LastModified int64 `json:"last_modified,omitempty"`
}

func (r *roomState) affiliationsCount() int { return r.Members.len() + 1 }

func (r *roomState) isMember(u string) bool { return r.Members.has(u) }

func (r *roomState) inRoom(u string) bool { return u == r.Owner || r.isMember(u) }

type attributeState struct {
	Value      string `json:"value"`
	Owner      string `json:"owner"`
	AutoDelete bool   `json:"auto_delete"`
}

// orderedKeys returns the keys of a username->seq set, oldest first (ties by name).
func orderedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] < m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// page cuts items to page pagenum (from 1) of size pagesize; pagesize 0 means everything.
func page[T any](items []T, pagenum, pagesize int) []T {
	if pagesize <= 0 {
		return items
	}
	if pagenum < 1 {
		pagenum = 1
	}
	// Compare page numbers, not offsets: (pagenum-1)*pagesize overflows for a huge pagenum.
	pages := len(items) / pagesize
	if len(items)%pagesize != 0 {
		pages++
	}
	if pagenum > pages {
		return []T{}
	}
	start := (pagenum - 1) * pagesize
	end := min(start+pagesize, len(items))
	return items[start:end]
}
