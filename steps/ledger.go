package steps

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// The ledger is the write-ahead record of what one live run creates in the user's app: every
// user, group, chatroom and super admin is written to it before the call that creates it goes
// out (the id filled in when the answer gives it), and every deletion when it is answered.
// Teardown deletes from it, and `emcontract cleanup` reads the ledger of a run that was killed
// and deletes what it lists that still exists, and nothing else. One JSON object a line,
// appended and synced, so a kill at any moment loses at most a line being written (a cut last
// line is ignored on reading).

// LedgerDir is where a run's ledger goes under --reports.
const LedgerDir = "ledger"

// Kinds of things a live run creates, in the order teardown deletes them: a group or a room
// before the users in it, the super admin role before the user who holds it.
const (
	KindGroup      = "group"
	KindRoom       = "room"
	KindSuperAdmin = "superadmin"
	KindUser       = "user"
)

var teardownOrder = map[string]int{KindGroup: 0, KindRoom: 0, KindSuperAdmin: 1, KindUser: 2}

// States of a ledger item.
const (
	StatePending = "pending" // written before the creating call; no answer yet
	StateCreated = "created" // the service answered 2xx
	StateRefused = "refused" // the service answered otherwise: nothing was created
	StateDeleted = "deleted" // deleted by the run, its teardown or cleanup
	StateGone    = "gone"    // not there when teardown or cleanup came to delete it
)

// LedgerItem is one thing the run created or was about to create.
type LedgerItem struct {
	Seq      int64  `json:"seq"`
	Kind     string `json:"kind"`
	ID       string `json:"id,omitempty"`   // a user's or super admin's name; a group's or room's id once answered
	Name     string `json:"name,omitempty"` // a group's or room's name, to say which one it was
	Owner    string `json:"owner,omitempty"`
	Scenario string `json:"scenario,omitempty"`
	State    string `json:"state"`
}

// outstanding says whether the item may still exist in the app.
func (it LedgerItem) outstanding() bool {
	return it.State == StatePending || it.State == StateCreated
}

func (it LedgerItem) String() string {
	s := it.Kind + " " + it.ID
	if it.ID == "" {
		s = fmt.Sprintf("%s %q (its id never came back)", it.Kind, it.Name)
	} else if it.Name != "" {
		s += fmt.Sprintf(" (%q)", it.Name)
	}
	return s
}

// LedgerRun is the ledger's first line: where the run went, so cleanup acts on the same app.
type LedgerRun struct {
	BaseURL string    `json:"base_url"`
	Org     string    `json:"org"`
	App     string    `json:"app"`
	Started time.Time `json:"started"`
}

// ledgerLine is one line of the file: the run, a scenario's user-name suffix, an item's new
// state (the whole item, so the last line of a seq is its state), or the close.
type ledgerLine struct {
	Op     string      `json:"op"` // run, suffix, item, closed
	Time   time.Time   `json:"time"`
	Run    *LedgerRun  `json:"run,omitempty"`
	Suffix string      `json:"suffix,omitempty"`
	Item   *LedgerItem `json:"item,omitempty"`
}

// Ledger is a run's ledger, safe for concurrent scenarios.
type Ledger struct {
	mu       sync.Mutex
	path     string
	f        *os.File // nil: held in memory only (no --reports)
	run      LedgerRun
	items    []*LedgerItem
	suffixes map[string]bool
	seq      int64
	closed   bool
	werr     error // the first write that failed: said once, at the end
}

// NewLedger starts a run's ledger in dir/ledger/ (dir "" keeps it in memory only).
func NewLedger(dir string, run LedgerRun) (*Ledger, error) {
	l := &Ledger{run: run, suffixes: map[string]bool{}}
	if dir != "" {
		d := filepath.Join(dir, LedgerDir)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
		var r [4]byte
		_, _ = rand.Read(r[:])
		l.path = filepath.Join(d, run.Started.UTC().Format("20060102T150405Z")+"-"+hex.EncodeToString(r[:])+".jsonl")
		f, err := os.OpenFile(l.path, os.O_CREATE|os.O_EXCL|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, err
		}
		l.f = f
	}
	l.write(ledgerLine{Op: "run", Run: &l.run})
	return l, l.werr
}

// Path is the ledger's file ("" in memory).
func (l *Ledger) Path() string { return l.path }

// Run says where the run went.
func (l *Ledger) Run() LedgerRun { return l.run }

// write appends one line and syncs it; the caller holds mu (or owns l alone).
func (l *Ledger) write(line ledgerLine) {
	if l.f == nil || l.werr != nil {
		return
	}
	line.Time = time.Now().UTC()
	b, err := json.Marshal(line)
	if err == nil {
		_, err = l.f.Write(append(b, '\n'))
	}
	if err == nil {
		err = l.f.Sync()
	}
	if err != nil {
		l.werr = fmt.Errorf("ledger %s: %w", l.path, err)
	}
}

// Err is the first write that failed, if any.
func (l *Ledger) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.werr
}

// Suffix notes a scenario's user-name suffix: names ending in _<suffix> are the run's own.
func (l *Ledger) Suffix(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.suffixes[s] = true
	l.write(ledgerLine{Op: "suffix", Suffix: s})
}

// Intend writes an item before the call that creates it goes out.
func (l *Ledger) Intend(kind, id, name, owner, scenario string) *LedgerItem {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	it := &LedgerItem{Seq: l.seq, Kind: kind, ID: id, Name: name, Owner: owner, Scenario: scenario, State: StatePending}
	l.items = append(l.items, it)
	cp := *it
	l.write(ledgerLine{Op: "item", Item: &cp})
	return it
}

// Settle records what became of an item: its new state and, for a group or a room, its id.
func (l *Ledger) Settle(it *LedgerItem, state, id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.settle(it, state, id)
}

func (l *Ledger) settle(it *LedgerItem, state, id string) {
	if id != "" {
		it.ID = id
	}
	it.State = state
	cp := *it
	l.write(ledgerLine{Op: "item", Item: &cp})
}

// Deleted marks what the run deleted: every outstanding item of that kind and id.
func (l *Ledger) Deleted(kind, id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, it := range l.items {
		if it.Kind == kind && sameID(kind, it.ID, id) && it.outstanding() {
			l.settle(it, StateDeleted, "")
		}
	}
}

// sameID compares ids; user names are case-insensitive (U-13).
func sameID(kind, a, b string) bool {
	if kind == KindUser || kind == KindSuperAdmin {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// Knows says whether the run created (or tried to create) this group, room, user or super
// admin: the safety guard lets calls touch such things.
func (l *Ledger) Knows(kind, id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, it := range l.items {
		if it.Kind == kind && sameID(kind, it.ID, id) && it.State != StateRefused {
			return true
		}
	}
	return false
}

// Ours says whether a name carries the user-name suffix of one of the run's scenarios
// (alice_k3x9q2ab, or nosuchapp_k3x9q2ab for an app name): nobody else's.
func (l *Ledger) Ours(name string) bool {
	i := strings.LastIndexAny(name, "_-")
	if i < 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.suffixes[strings.ToLower(name[i+1:])]
}

// Outstanding lists the items that may still exist, of one scenario ("" for all), in teardown
// order: newest first, groups and rooms, then super admin roles, then users.
func (l *Ledger) Outstanding(scenario string) []*LedgerItem {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*LedgerItem
	for i := len(l.items) - 1; i >= 0; i-- {
		it := l.items[i]
		if it.outstanding() && (scenario == "" || it.Scenario == scenario) {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return teardownOrder[out[i].Kind] < teardownOrder[out[j].Kind] })
	return out
}

// LedgerCounts is what the closing summary says about a run's ledger.
type LedgerCounts struct {
	Created map[string]int // by kind: the service answered 2xx (or no answer came)
	Deleted map[string]int
	Left    []LedgerItem
}

// Counts sums the ledger up.
func (l *Ledger) Counts() LedgerCounts {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := LedgerCounts{Created: map[string]int{}, Deleted: map[string]int{}}
	for _, it := range l.items {
		if it.State == StateRefused {
			continue
		}
		c.Created[it.Kind]++
		switch {
		case it.State == StateDeleted || it.State == StateGone:
			c.Deleted[it.Kind]++
		case it.outstanding():
			c.Left = append(c.Left, *it)
		}
	}
	return c
}

// Close writes the closing line (how many items may be left) and closes the file.
func (l *Ledger) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return l.werr
	}
	l.closed = true
	l.write(ledgerLine{Op: "closed"})
	if l.f != nil {
		if err := l.f.Close(); err != nil && l.werr == nil {
			l.werr = err
		}
	}
	return l.werr
}

// release closes the file without writing to it (cleanup, for a ledger it leaves alone).
func (l *Ledger) release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.f != nil {
		_ = l.f.Close()
	}
}

// OpenLedger reads a ledger file back (a killed run's), to append to it: cleanup settles the
// items it deletes. A cut last line (the run was killed while writing it) is ignored; the item
// it wrote was written again later or never went out.
func OpenLedger(path string) (*Ledger, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	l := &Ledger{path: path, suffixes: map[string]bool{}}
	bySeq := map[int64]*LedgerItem{}
	if i := bytes.LastIndexByte(data, '\n'); i+1 < len(data) {
		data = data[:i+1] // the cut last line
	}
	sawRun := false
	for n, raw := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		if len(raw) == 0 {
			continue
		}
		var line ledgerLine
		if err := json.Unmarshal(raw, &line); err != nil {
			return nil, fmt.Errorf("ledger %s: line %d: %w", path, n+1, err)
		}
		switch line.Op {
		case "run":
			if line.Run != nil {
				l.run, sawRun = *line.Run, true
			}
		case "suffix":
			l.suffixes[line.Suffix] = true
		case "item":
			if line.Item == nil {
				continue
			}
			if it, ok := bySeq[line.Item.Seq]; ok {
				*it = *line.Item
				continue
			}
			it := *line.Item
			bySeq[it.Seq] = &it
			l.items = append(l.items, &it)
			l.seq = max(l.seq, it.Seq)
		}
	}
	if !sawRun {
		return nil, fmt.Errorf("ledger %s: no run line: not a ledger", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	l.f = f
	return l, nil
}

// Ledgers lists the ledger files under a reports folder, oldest first.
func Ledgers(reports string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(reports, LedgerDir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		if _, err := os.Stat(reports); errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}
