package store

import (
	"context"
	"sort"
	"unicode/utf8"
)

// Message threads of groups (G-THR, today's pages group_thread_*.md). A thread hangs on a group
// message and lives in its group: deleting the group deletes its threads, and a user who leaves
// the group leaves its threads (G-THR-17, removeMember). Only members of the group can be in a
// thread (G-THR-05, G-THR-14). The feature is switched per app, on by default (G-THR-01).
// Threads hang on messages sent with POST /messages/chatgroups (messages.go).

// Thread limits (G-THR-03, G-THR-09, G-THR-13).
const (
	MaxThreadNameLength     = 64
	MaxThreadsPerApp        = 100000
	MaxThreadsPerUser       = 100000
	DefaultThreadPageSize   = 50
	MaxThreadPageSize       = 50
	MaxThreadMembersPerCall = 10
)

// The pages' words (G-THR-01..G-THR-15), spaces and periods as printed.
const (
	msgThreadNotOpen     = "thread not open."
	msgThreadNameTooLong = "thread name limit reached."
	msgThreadAppLimit    = "thread number has reached limit."
	msgThreadUserLimit   = "user join thread reach limit."
	msgThreadNotGroupMsg = "thread must on group message to create."
	// Not modelled: 400 "msg not belong to app." (apps never see each other's messages here).
	msgThreadMsgOtherGroup = "msg not belong to group ."
	msgThreadNested        = "thread not nested."
	msgThreadMsgMissing    = "msg not exist."
	msgThreadMsgTaken      = "msg already create thread.not allow to create."
	msgThreadUserNotIn     = "user not in group."
	msgThreadGroupMissing  = "group not found."
	msgThreadMissing       = "thread not found."
	msgThreadQueryLimit    = "query param reaches limit."
	msgThreadBodyLimit     = "request body reaches limit."
)

type threadState struct {
	ID      string           `json:"id"`
	Seq     int64            `json:"seq"`
	GroupID string           `json:"group_id"`
	Name    string           `json:"name"`
	MsgID   string           `json:"msg_id"`
	Owner   string           `json:"owner"`
	Created int64            `json:"created"`
	Members map[string]int64 `json:"members"` // user -> the app sequence number of their joining
}

// NewThread is the body of POST /thread (G-THR-02).
type NewThread struct {
	GroupID string `json:"group_id"`
	Name    string `json:"name"`
	MsgID   string `json:"msg_id"`
	Owner   string `json:"owner"`
}

// ThreadCreated is data of POST /thread.
type ThreadCreated struct {
	ThreadID string `json:"thread_id"`
}

// ThreadItem is one thread of a user's lists (G-THR-10, G-THR-11).
type ThreadItem struct {
	Name    string `json:"name"`
	Owner   string `json:"owner"`
	ID      string `json:"id"`
	MsgID   string `json:"msgId"`
	GroupID string `json:"groupId"`
	Created int64  `json:"created"`
}

// ThreadPage is one page of a thread list; every page carries a cursor, and an empty page means
// the list is done (G-THR-11, applied to every thread list).
type ThreadPage[T any] struct {
	Items  []T
	Cursor string
}

// ThreadMemberRemoved is one item of DELETE /thread/{id}/users (G-THR-15).
type ThreadMemberRemoved struct {
	Result bool   `json:"result"`
	User   string `json:"user"`
}

// SetThreadsEnabled switches the thread feature of an app (G-THR-01).
func (s *Store) SetThreadsEnabled(ctx context.Context, app AppKey, on bool) {
	defer s.lockApp(app)()
	s.appFor(app).ThreadsOff = !on
}

func threadsOpen(a *appState) error {
	if a.ThreadsOff {
		return Errorf(ETHREADFORBIDDEN, msgThreadNotOpen)
	}
	return nil
}

// thread finds a thread (lock held): 404 "thread not found." when missing.
func (a *appState) thread(id string) (*threadState, error) {
	if g := a.Groups[a.ThreadGroup[id]]; g != nil {
		if t := g.Threads[id]; t != nil {
			return t, nil
		}
	}
	return nil, Errorf(ETHREADMISSING, msgThreadMissing)
}

func checkThreadName(name string) error {
	if name == "" {
		return Errorf(ETHREAD, "name: required")
	}
	if utf8.RuneCountInString(name) > MaxThreadNameLength {
		return Errorf(ETHREAD, msgThreadNameTooLong)
	}
	return nil
}

// CreateThread creates a thread on a group message; its owner is its first member (G-THR-02..06).
func (s *Store) CreateThread(ctx context.Context, app AppKey, nt NewThread) (ThreadCreated, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	if err := threadsOpen(a); err != nil {
		return ThreadCreated{}, err
	}
	if err := checkThreadName(nt.Name); err != nil {
		return ThreadCreated{}, err
	}
	g := a.Groups[nt.GroupID]
	if g == nil {
		return ThreadCreated{}, Errorf(ETHREADMISSING, msgThreadGroupMissing)
	}
	owner := canon(nt.Owner)
	if !g.inGroup(owner) {
		return ThreadCreated{}, Errorf(ETHREADMISSING, msgThreadUserNotIn)
	}
	m := a.Messages[nt.MsgID]
	switch {
	case m == nil:
		return ThreadCreated{}, Errorf(ETHREADMISSING, msgThreadMsgMissing)
	case m.GroupID == "":
		return ThreadCreated{}, Errorf(ETHREAD, msgThreadNotGroupMsg)
	case m.GroupID != g.ID:
		return ThreadCreated{}, Errorf(ETHREAD, msgThreadMsgOtherGroup)
	case m.ThreadID != "":
		return ThreadCreated{}, Errorf(ETHREAD, msgThreadNested)
	case m.Thread != "":
		if _, err := a.thread(m.Thread); err == nil {
			return ThreadCreated{}, Errorf(ETHREADFORBIDDEN, msgThreadMsgTaken)
		}
	}
	if len(a.ThreadGroup) >= MaxThreadsPerApp {
		return ThreadCreated{}, Errorf(ETHREADFORBIDDEN, msgThreadAppLimit)
	}
	if a.threadsJoined(owner) >= MaxThreadsPerUser {
		return ThreadCreated{}, Errorf(ETHREADFORBIDDEN, msgThreadUserLimit)
	}
	seq := a.next()
	t := &threadState{ID: s.nextRoomID(a), Seq: seq, GroupID: g.ID, Name: nt.Name, MsgID: m.ID, Owner: owner,
		Created: s.nowMS(), Members: map[string]int64{owner: seq}}
	if g.Threads == nil {
		g.Threads = map[string]*threadState{}
	}
	if a.ThreadGroup == nil {
		a.ThreadGroup = map[string]string{}
	}
	g.Threads[t.ID] = t
	a.ThreadGroup[t.ID] = g.ID
	taken := *m // a new record, not a change in place: messages are shared with saves (clone.go)
	taken.Thread = t.ID
	a.Messages[m.ID] = &taken
	return ThreadCreated{ThreadID: t.ID}, nil
}

func (a *appState) threadsJoined(u string) int {
	n := 0
	for _, t := range a.allThreads() {
		if _, ok := t.Members[u]; ok {
			n++
		}
	}
	return n
}

// RenameThread changes a thread's name (G-THR-07).
func (s *Store) RenameThread(ctx context.Context, app AppKey, threadID, name string) (string, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	if err := threadsOpen(a); err != nil {
		return "", err
	}
	if err := checkThreadName(name); err != nil {
		return "", err
	}
	t, err := a.thread(threadID)
	if err != nil {
		return "", err
	}
	t.Name = name
	return name, nil
}

// DeleteThread deletes a thread (G-THR-08).
func (s *Store) DeleteThread(ctx context.Context, app AppKey, threadID string) error {
	defer s.lockApp(app)()
	a := s.appFor(app)
	if err := threadsOpen(a); err != nil {
		return err
	}
	t, err := a.thread(threadID)
	if err != nil {
		return err
	}
	delete(a.Groups[t.GroupID].Threads, t.ID)
	delete(a.ThreadGroup, t.ID)
	return nil
}

// allThreads lists the app's live threads (lock held).
func (a *appState) allThreads() []*threadState {
	var out []*threadState
	for id, gid := range a.ThreadGroup {
		if g := a.Groups[gid]; g != nil && g.Threads[id] != nil {
			out = append(out, g.Threads[id])
		}
	}
	return out
}

// pageOf cuts one page from items after the cursor's offset; the next cursor is always given.
func pageOf[T any](kind string, app AppKey, items []T, limit int, cursor string) ([]T, string, error) {
	if limit < 0 || limit > MaxThreadPageSize {
		return nil, "", Errorf(ETHREAD, msgThreadQueryLimit)
	}
	if limit == 0 {
		limit = DefaultThreadPageSize
	}
	off, err := decodeCursor(kind, app, cursor)
	if err != nil {
		return nil, "", err
	}
	if off > 0 {
		off-- // a cursor holds the offset + 1, since a cursor's number is never 0
	}
	if off > int64(len(items)) {
		off = int64(len(items))
	}
	end := min(int(off)+limit, len(items))
	next := encodeCursor(kind, app, int64(end)+1) // +1: a cursor's number is never 0
	return append([]T{}, items[off:end]...), next, nil
}

func sortThreads[T any](items []T, seq func(T) int64, sortOrder string) ([]T, error) {
	switch sortOrder {
	case "", "desc":
		sort.SliceStable(items, func(i, j int) bool { return seq(items[i]) > seq(items[j]) })
	case "asc":
		sort.SliceStable(items, func(i, j int) bool { return seq(items[i]) < seq(items[j]) })
	default:
		return nil, Errorf(ETHREAD, "sort: asc or desc, got %q", sortOrder)
	}
	return items, nil
}

// ThreadIDs pages the app's threads by creation time (G-THR-09).
func (s *Store) ThreadIDs(ctx context.Context, app AppKey, limit int, cursor, sortOrder string) (ThreadPage[map[string]string], error) {
	defer s.rlockApp(app)()
	a := s.appView(app)
	if err := threadsOpen(a); err != nil {
		return ThreadPage[map[string]string]{}, err
	}
	ts, err := sortThreads(a.allThreads(), func(t *threadState) int64 { return t.Seq }, sortOrder)
	if err != nil {
		return ThreadPage[map[string]string]{}, err
	}
	items := make([]map[string]string, len(ts))
	for i, t := range ts {
		items[i] = map[string]string{"id": t.ID}
	}
	page, next, err := pageOf("threads", app, items, limit, cursor)
	return ThreadPage[map[string]string]{Items: page, Cursor: next}, err
}

// UserThreads pages the threads a user has joined, across the app's groups (groupID "", G-THR-10)
// or in one group (G-THR-11), by the user's join time.
func (s *Store) UserThreads(ctx context.Context, app AppKey, groupID, username string, limit int, cursor, sortOrder string) (ThreadPage[ThreadItem], error) {
	defer s.rlockApp(app)()
	a := s.appView(app)
	if err := threadsOpen(a); err != nil {
		return ThreadPage[ThreadItem]{}, err
	}
	if groupID != "" && a.Groups[groupID] == nil {
		return ThreadPage[ThreadItem]{}, Errorf(ETHREADMISSING, msgThreadGroupMissing)
	}
	u := canon(username)
	type joined struct {
		t   *threadState
		seq int64
	}
	var js []joined
	for _, t := range a.allThreads() {
		if seq, ok := t.Members[u]; ok && (groupID == "" || t.GroupID == groupID) {
			js = append(js, joined{t, seq})
		}
	}
	js, err := sortThreads(js, func(j joined) int64 { return j.seq }, sortOrder)
	if err != nil {
		return ThreadPage[ThreadItem]{}, err
	}
	items := make([]ThreadItem, len(js))
	for i, j := range js {
		items[i] = ThreadItem{Name: j.t.Name, Owner: j.t.Owner, ID: j.t.ID, MsgID: j.t.MsgID, GroupID: j.t.GroupID, Created: j.t.Created}
	}
	page, next, err := pageOf("user-threads:"+groupID+":"+u, app, items, limit, cursor)
	return ThreadPage[ThreadItem]{Items: page, Cursor: next}, err
}

// ThreadMembers pages a thread's members in joining order (G-THR-12).
func (s *Store) ThreadMembers(ctx context.Context, app AppKey, threadID string, limit int, cursor string) (ThreadPage[string], error) {
	defer s.rlockApp(app)()
	a := s.appView(app)
	if err := threadsOpen(a); err != nil {
		return ThreadPage[string]{}, err
	}
	t, err := a.thread(threadID)
	if err != nil {
		return ThreadPage[string]{}, err
	}
	page, next, err := pageOf("thread-members:"+t.ID, app, orderedKeys(t.Members), limit, cursor)
	return ThreadPage[string]{Items: page, Cursor: next}, err
}

// AddThreadMembers adds up to 10 members of the group to a thread (G-THR-13, G-THR-14: a user
// who is not in the group gives 404 "user not in group.", the mock's choice).
func (s *Store) AddThreadMembers(ctx context.Context, app AppKey, threadID string, usernames []string) error {
	defer s.lockApp(app)()
	a := s.appFor(app)
	if err := threadsOpen(a); err != nil {
		return err
	}
	if len(usernames) > MaxThreadMembersPerCall {
		return Errorf(ETHREAD, msgThreadBodyLimit)
	}
	t, err := a.thread(threadID)
	if err != nil {
		return err
	}
	g := a.Groups[t.GroupID]
	names := dedupe(usernames)
	for _, u := range names {
		if !g.inGroup(u) {
			return Errorf(ETHREADMISSING, msgThreadUserNotIn)
		}
		if _, in := t.Members[u]; !in && a.threadsJoined(u) >= MaxThreadsPerUser {
			return Errorf(ETHREADFORBIDDEN, msgThreadUserLimit)
		}
	}
	for _, u := range names {
		if _, in := t.Members[u]; !in {
			t.Members[u] = a.next()
		}
	}
	return nil
}

// RemoveThreadMembers removes up to 10 users: result false for one who is not in the thread
// (G-THR-15).
func (s *Store) RemoveThreadMembers(ctx context.Context, app AppKey, threadID string, usernames []string) ([]ThreadMemberRemoved, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	if err := threadsOpen(a); err != nil {
		return nil, err
	}
	if len(usernames) > MaxThreadMembersPerCall {
		return nil, Errorf(ETHREAD, msgThreadBodyLimit)
	}
	t, err := a.thread(threadID)
	if err != nil {
		return nil, err
	}
	out := []ThreadMemberRemoved{}
	for _, u := range dedupe(usernames) {
		_, in := t.Members[u]
		delete(t.Members, u)
		out = append(out, ThreadMemberRemoved{Result: in, User: u})
	}
	return out, nil
}
