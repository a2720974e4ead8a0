package mockserver

import (
	"errors"
	"sync"
	"time"

	"github.com/emcontract/emcontract/openapi"
)

// JournalEntry is one request the mock answered (GET /_mock/journal).
type JournalEntry struct {
	// Seq numbers the entries from 1 in the order they were added, never reused (not even after
	// DELETE /_mock/journal): GET /_mock/journal?after=N lists only what came since entry N.
	Seq                uint64      `json:"seq"`
	Time               time.Time   `json:"time"`
	Method             string      `json:"method"`
	Path               string      `json:"path"`
	Query              string      `json:"query,omitempty"`
	OperationID        string      `json:"operation_id,omitempty"`
	Org                string      `json:"org,omitempty"`
	App                string      `json:"app,omitempty"`
	Status             int         `json:"status"`
	DurationMS         float64     `json:"duration_ms"`
	Error              string      `json:"error,omitempty"` // the `error` name of an error answer
	Fault              string      `json:"fault,omitempty"` // id of the injected fault that answered or delayed it
	RequestViolations  []Violation `json:"request_violations,omitempty"`
	ResponseViolations []Violation `json:"response_violations,omitempty"`
	// Violations past the first few are counted, not kept (bounded memory per entry).
	MoreRequestViolations  int `json:"more_request_violations,omitempty"`
	MoreResponseViolations int `json:"more_response_violations,omitempty"`
	// The bodies as sent, their first maxJournalBody bytes (a body that is not JSON is
	// described, not copied): what a client sent and was answered, for the console's detail.
	RequestBody  string `json:"request_body,omitempty"`
	ResponseBody string `json:"response_body,omitempty"`
}

// Violation is one broken rule of the contract, as the journal shows it.
type Violation struct {
	In      string `json:"in"`
	Field   string `json:"field,omitempty"`
	Rule    string `json:"rule,omitempty"`
	Message string `json:"message"`
}

func violationsOf(err error) []openapi.Violation {
	var ve *openapi.ValidationError
	if errors.As(err, &ve) {
		return ve.Violations
	}
	return []openapi.Violation{{In: "contract", Message: err.Error()}}
}

// viewViolations keeps bounded copies of the first few violations and says how many it left.
func viewViolations(vs []openapi.Violation) (kept []Violation, more int) {
	if len(vs) == 0 {
		return nil, 0
	}
	n := min(len(vs), maxJournalViolations)
	kept = make([]Violation, n)
	for i, v := range vs[:n] {
		kept[i] = Violation{In: clip(v.In, maxViolationText), Field: clip(v.Field, maxViolationText),
			Rule: clip(v.Rule, maxViolationText), Message: clip(v.Message, maxViolationText)}
	}
	return kept, len(vs) - n
}

// size is roughly what an entry holds in memory, for the journal's byte bound.
func (e *JournalEntry) size() int {
	n := 256 + len(e.Method) + len(e.Path) + len(e.Query) + len(e.OperationID) + len(e.Org) + len(e.App) + len(e.Error) + len(e.Fault) +
		len(e.RequestBody) + len(e.ResponseBody)
	for _, vs := range [][]Violation{e.RequestViolations, e.ResponseViolations} {
		for _, v := range vs {
			n += 64 + len(v.In) + len(v.Field) + len(v.Rule) + len(v.Message)
		}
	}
	return n
}

// journal keeps the most recent entries, at most maxEntries of them and about maxBytes in all:
// the oldest go first.
type journal struct {
	mu         sync.Mutex
	entries    []JournalEntry // a ring: count entries from head
	head       int
	count      int
	bytes      int
	maxBytes   int
	sizeOfEach []int
	lastSeq    uint64 // the Seq of the newest entry ever added
	// started tells one run of the mock from the next: numbers start again from 1 on restart,
	// and a poller holding a SEQ of the last run must start over, not wait for it.
	started time.Time
}

func newJournal(maxEntries, maxBytes int) *journal {
	return &journal{entries: make([]JournalEntry, maxEntries), sizeOfEach: make([]int, maxEntries), maxBytes: maxBytes, started: time.Now()}
}

func (j *journal) add(e JournalEntry) {
	n := e.size()
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.count > 0 && (j.count == len(j.entries) || j.bytes+n > j.maxBytes) {
		j.dropOldest()
	}
	i := (j.head + j.count) % len(j.entries)
	j.lastSeq++
	e.Seq = j.lastSeq
	j.entries[i], j.sizeOfEach[i] = e, n
	j.count++
	j.bytes += n
}

func (j *journal) dropOldest() {
	j.bytes -= j.sizeOfEach[j.head]
	j.entries[j.head], j.sizeOfEach[j.head] = JournalEntry{}, 0
	j.head = (j.head + 1) % len(j.entries)
	j.count--
}

// last is the Seq of the newest entry ever added (0: none yet).
func (j *journal) last() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.lastSeq
}

// list returns the entries oldest first.
func (j *journal) list() []JournalEntry { return j.since(0, 0) }

// since returns the entries after the one numbered after, oldest first, only the newest limit
// of them if limit > 0. The lock is held only to copy those: a console polling for what is new
// copies a few entries, not the whole ring, while every API call waits on this lock to add its
// own.
func (j *journal) since(after uint64, limit int) []JournalEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	skip := 0
	if first := j.lastSeq - uint64(j.count) + 1; after >= first {
		skip = int(min(after-first+1, uint64(j.count)))
	}
	if limit > 0 && j.count-skip > limit {
		skip = j.count - limit
	}
	out := make([]JournalEntry, 0, j.count-skip)
	for k := skip; k < j.count; k++ {
		out = append(out, j.entries[(j.head+k)%len(j.entries)])
	}
	return out
}

func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.entries)
	clear(j.sizeOfEach)
	j.head, j.count, j.bytes = 0, 0, 0
}

// Journal returns the recent requests, oldest first (what GET /_mock/journal shows).
func (s *Server) Journal() []JournalEntry { return s.journal.list() }

// ResponseViolations returns the journal entries whose answer broke the contract. A test that
// ends with none has seen the mock answer only what the contract allows. Answers of injected
// faults are left out: a fault may ask for a status the contract lacks on purpose. (Requests
// that break the contract are the caller's fault and answered 400; they are in Journal.)
func (s *Server) ResponseViolations() []JournalEntry {
	var out []JournalEntry
	for _, e := range s.journal.list() {
		if len(e.ResponseViolations) > 0 && e.Fault == "" {
			out = append(out, e)
		}
	}
	return out
}
