package mockserver

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MaxFaultLatency bounds the delay a fault can add, so a typo can not hang a test run.
const MaxFaultLatency = 60 * time.Second

// Fault is a rule of POST /_mock/faults: requests to the operations that match it are answered
// with an error in the service's shape, delayed, or both. It lets clients' retry logic meet the
// 429 and 503 the documents warn about (C-04).
//
// Which matching requests it hits: with Fraction 0, every one; with Fraction f in (0, 1], an
// evenly spread, deterministic f of them (0.5 hits the 2nd, 4th, 6th, ...; 0.25 the 4th,
// 8th, ...). Count > 0 stops it after that many hits (then it is removed); Count 0 keeps it until
// DELETE /_mock/faults.
type Fault struct {
	ID          string  `json:"id"`
	Method      string  `json:"method,omitempty"`       // e.g. POST; empty or * for any
	Path        string  `json:"path,omitempty"`         // URL path glob, * matches any characters (also /); empty for any
	OperationID string  `json:"operation_id,omitempty"` // only this operation; empty for any
	Status      int     `json:"status,omitempty"`       // 400..599; 0 with latency only
	Count       int     `json:"count,omitempty"`        // hits before the rule is removed; 0 for no limit
	Fraction    float64 `json:"fraction,omitempty"`     // share of matching requests hit; 0 for all
	LatencyMS   int64   `json:"latency_ms,omitempty"`   // delay before answering
	// The error body; defaults by status (429 reach_limit, 503 service_unavailable, ...).
	Error            string `json:"error,omitempty"`
	Exception        string `json:"exception,omitempty"`
	ErrorDescription string `json:"error_description,omitempty"`

	Hits    int `json:"hits"`    // requests it hit so far
	Matched int `json:"matched"` // requests that matched it so far

	pathRE *regexp.Regexp
	ppm    int64 // Fraction in parts per million
	acc    int64
}

// DefaultMaxFaults is how many fault rules the mock holds at once unless told otherwise: every
// request is matched against each, so their number bounds the cost of every request.
const DefaultMaxFaults = 100

// errTooManyFaults is the refusal of a rule past the cap.
var errTooManyFaults = errors.New("too many fault rules")

// faultSet holds the rules in the order they were added; the first that hits a request wins.
type faultSet struct {
	mu    sync.Mutex
	seq   int
	max   int
	rules []*Fault
}

func newFaultSet(max int) *faultSet { return &faultSet{max: max} }

// add checks a rule, fills its defaults and stores it.
func (fs *faultSet) add(f Fault) (Fault, error) {
	f.Method = strings.ToUpper(strings.TrimSpace(f.Method))
	if f.Method == "*" {
		f.Method = ""
	}
	switch {
	case f.Status != 0 && (f.Status < 400 || f.Status > 599):
		return Fault{}, fmt.Errorf("status: must be 0 (latency only) or between 400 and 599, got %d", f.Status)
	case f.Status == 0 && f.LatencyMS == 0:
		return Fault{}, fmt.Errorf("status or latency_ms: set at least one (an error status, a delay, or both)")
	case f.LatencyMS < 0 || f.LatencyMS > MaxFaultLatency.Milliseconds():
		return Fault{}, fmt.Errorf("latency_ms: must be between 0 and %d, got %d", MaxFaultLatency.Milliseconds(), f.LatencyMS)
	case f.Count < 0:
		return Fault{}, fmt.Errorf("count: must be 0 (no limit) or positive, got %d", f.Count)
	case !(f.Fraction >= 0 && f.Fraction <= 1):
		return Fault{}, fmt.Errorf("fraction: must be between 0 and 1, got %v", f.Fraction)
	}
	if f.Status != 0 {
		def := faultDefaults(f.Status)
		if f.Error == "" {
			f.Error = def.name
		}
		if f.Exception == "" {
			f.Exception = def.exception
		}
		if f.ErrorDescription == "" {
			f.ErrorDescription = def.description
		}
	}
	f.pathRE = globRE(f.Path)
	f.ppm = int64(f.Fraction*1e6 + 0.5)
	f.Hits, f.Matched, f.acc = 0, 0, 0
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.rules) >= fs.max {
		return Fault{}, fmt.Errorf("%w: the mock holds at most %d (emcontract mock --max-faults); DELETE /_mock/faults/{id} or DELETE /_mock/faults first", errTooManyFaults, fs.max)
	}
	fs.seq++
	f.ID = "fault-" + strconv.Itoa(fs.seq)
	stored := f
	fs.rules = append(fs.rules, &stored)
	return stored, nil
}

// globRE turns a path glob into an anchored regexp: * matches any run of characters.
func globRE(glob string) *regexp.Regexp {
	if glob == "" {
		return nil
	}
	parts := strings.Split(glob, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}

// hit returns the rule that hits this request, counting it, or nil.
func (fs *faultSet) hit(method, path, operationID string) *Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.rules {
		if (f.Method != "" && f.Method != method) ||
			(f.OperationID != "" && f.OperationID != operationID) ||
			(f.pathRE != nil && !f.pathRE.MatchString(path)) {
			continue
		}
		f.Matched++
		if f.ppm > 0 {
			f.acc += f.ppm
			if f.acc < 1e6 {
				continue
			}
			f.acc -= 1e6
		}
		f.Hits++
		hit := *f
		if f.Count > 0 && f.Hits >= f.Count {
			fs.rules = append(fs.rules[:i:i], fs.rules[i+1:]...)
		}
		return &hit
	}
	return nil
}

func (fs *faultSet) list() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]Fault, len(fs.rules))
	for i, f := range fs.rules {
		out[i] = *f
	}
	return out
}

// remove deletes one rule by id (all rules when id is empty); it reports whether any went.
func (fs *faultSet) remove(id string) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if id == "" {
		n := len(fs.rules)
		fs.rules = nil
		return n > 0
	}
	for i, f := range fs.rules {
		if f.ID == id {
			fs.rules = append(fs.rules[:i:i], fs.rules[i+1:]...)
			return true
		}
	}
	return false
}

type faultDefault struct{ name, exception, description string }

// faultDefaults are the error bodies of an injected status: 429 and 503 as in base.yaml.
func faultDefaults(status int) faultDefault {
	switch status {
	case http.StatusTooManyRequests:
		return faultDefault{"reach_limit", "com.easemob.common.exception.ReachLimitException", "This request has reached api limit"}
	case http.StatusServiceUnavailable:
		return faultDefault{"service_unavailable", "com.easemob.common.exception.ServiceUnavailableException", "the service is temporarily unavailable, retry later"}
	case http.StatusInternalServerError:
		return faultDefault{"internal_server_error", "java.lang.RuntimeException", "injected fault: internal server error"}
	}
	name := strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
	if name == "" {
		name = "error_" + strconv.Itoa(status)
	}
	return faultDefault{name, "com.easemob.mock.InjectedFaultException", "injected fault: " + strconv.Itoa(status) + " " + http.StatusText(status)}
}

// injectFault applies the first rule that hits the request: it waits the latency (or until the
// client goes away) and, if the rule has a status, answers it. It reports whether it answered.
func (s *Server) injectFault(x *exchange) bool {
	f := s.faults.hit(x.r.Method, x.r.URL.Path, x.op.ID)
	if f == nil {
		return false
	}
	x.fault = f.ID
	x.w.Header().Set("X-Mock-Fault", f.ID)
	if f.LatencyMS > 0 {
		t := time.NewTimer(time.Duration(f.LatencyMS) * time.Millisecond)
		select {
		case <-t.C:
		case <-x.r.Context().Done():
			t.Stop()
		}
	}
	if f.Status == 0 {
		return false
	}
	x.sendError(errorKind{status: f.Status, name: f.Error, exception: f.Exception}, f.ErrorDescription)
	return true
}
