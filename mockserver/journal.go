package mockserver

import (
	"errors"
	"sync"
	"time"

	"github.com/emcontract/emcontract/openapi"
)

// JournalEntry is one request the mock answered (GET /_mock/journal).
type JournalEntry struct {
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

func viewViolations(vs []openapi.Violation) []Violation {
	if len(vs) == 0 {
		return nil
	}
	out := make([]Violation, len(vs))
	for i, v := range vs {
		out[i] = Violation{In: v.In, Field: v.Field, Rule: v.Rule, Message: v.Message}
	}
	return out
}

// journal is a ring of the most recent entries.
type journal struct {
	mu      sync.Mutex
	entries []JournalEntry
	next    int
	full    bool
}

func newJournal(size int) *journal { return &journal{entries: make([]JournalEntry, size)} }

func (j *journal) add(e JournalEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries[j.next] = e
	j.next++
	if j.next == len(j.entries) {
		j.next, j.full = 0, true
	}
}

// list returns the entries oldest first.
func (j *journal) list() []JournalEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []JournalEntry
	if j.full {
		out = append(out, j.entries[j.next:]...)
	}
	out = append(out, j.entries[:j.next]...)
	return out
}

func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.entries)
	j.next, j.full = 0, false
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
