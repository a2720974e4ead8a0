package steps

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/emcontract/emcontract/openapi"
	"github.com/emcontract/emcontract/suite"
)

// worldKey and backendKey keep scenario state in the context (godog's _examples/godogs
// style): no package globals, so scenarios may run concurrently and in random order.
type (
	worldKey   struct{}
	backendKey struct{}
)

// World is one scenario's state: its session with the target, the users it named, the ids it
// captured, what its steps created and the last response.
type World struct {
	session  *Session
	scenario suite.ScenarioRef
	contract *openapi.Contract

	users  map[string]string // logical name -> real user name
	values map[string]string // remembered ids and values
	pages  [][]string        // what each page listed so far held (pages.go)

	failedPromotions []string     // the promotions of "I make ... admins of" that failed
	muteAnswer       *Response    // the last successful mute answer (mutes.go)
	walk             []walkedPage // the pages of the last cursor walk (walk.go)
	pageLimit        int          // the limit of "I list the app's groups N at a time"
	tracked          []tracked
	last             *Response
	lastReq          string // "METHOD /path" of the last request, for messages
	token            string
	retries          int // retries the last request needed (client-side retry only)
	notes            []string
}

type tracked struct{ kind, id string }

// WithBackend puts the backend every scenario opens its target from into ctx; pass the result
// as godog's Options.DefaultContext.
func WithBackend(ctx context.Context, b Backend) context.Context {
	return context.WithValue(ctx, backendKey{}, b)
}

func backendFrom(ctx context.Context) Backend {
	b, _ := ctx.Value(backendKey{}).(Backend)
	return b
}

// WorldFrom returns the scenario's World. It panics when there is none, which means a step ran
// outside the suite's Before hook: a wiring bug, not a test failure.
func WorldFrom(ctx context.Context) *World {
	w, ok := ctx.Value(worldKey{}).(*World)
	if !ok {
		panic("steps: no World in the context: run scenarios through steps.InitializeScenario")
	}
	return w
}

func newWorld(s *Session, sc suite.ScenarioRef) *World {
	return &World{
		session:  s,
		scenario: sc,
		contract: openapi.MustLoad(),
		users:    map[string]string{},
		values:   map[string]string{},
	}
}

// Kind says which backend this scenario runs against.
func (w *World) Kind() Kind { return w.session.Kind }

// Session is the scenario's session with its target.
func (w *World) Session() *Session { return w.session }

// Scenario names the running scenario.
func (w *World) Scenario() suite.ScenarioRef { return w.scenario }

var logicalName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)

// User returns the real user name for a logical one: alice -> alice_<suffix> (plain alice on
// the mock, which is fresh for every scenario). Naming a user here does not register it: the
// Given steps do that.
func (w *World) User(logical string) string {
	logical = strings.TrimSpace(logical)
	if real, ok := w.users[logical]; ok {
		return real
	}
	real := logical
	if w.session.Suffix != "" && logicalName.MatchString(logical) {
		real = logical + "_" + w.session.Suffix
	}
	w.users[logical] = real
	return real
}

// Users maps several logical names.
func (w *World) Users(logical ...string) []string {
	out := make([]string, len(logical))
	for i, l := range logical {
		out[i] = w.User(l)
	}
	return out
}

// Logical turns a real user name back into the logical one, for readable messages.
func (w *World) Logical(real string) string {
	for l, r := range w.users {
		if r == real {
			return l
		}
	}
	return real
}

// Remember stores a value (usually an id captured from a response) under a key; paths and
// bodies may then say {key}.
func (w *World) Remember(key, value string) { w.values[key] = value }

// Recall returns a remembered value.
func (w *World) Recall(key string) (string, error) {
	v, ok := w.values[key]
	if !ok {
		known := make([]string, 0, len(w.values))
		for k := range w.values {
			known = append(known, k)
		}
		sort.Strings(known)
		if len(known) > 8 {
			known = append(known[:8], fmt.Sprintf("and %d more", len(known)-8))
		}
		return "", fmt.Errorf("nothing remembered as %q (remembered: %s)", key, strings.Join(known, ", "))
	}
	return v, nil
}

// Track records something the scenario's steps created (RegisterUsers asks it which users
// are registered already). Live clean-up does not need it: the live target writes everything
// a scenario creates, whatever step sent the call, to the run's ledger (ledger.go). Kinds:
// group, room, user, superadmin.
func (w *World) Track(kind, id string) {
	for _, t := range w.tracked {
		if t.kind == kind && t.id == id {
			return
		}
	}
	w.tracked = append(w.tracked, tracked{kind, id})
}

// Untrack forgets something the scenario deleted itself.
func (w *World) Untrack(kind, id string) {
	for i, t := range w.tracked {
		if t.kind == kind && t.id == id {
			w.tracked = append(w.tracked[:i], w.tracked[i+1:]...)
			return
		}
	}
}

// Last is the last response the scenario received.
func (w *World) Last() *Response { return w.last }

// LastRequest is "METHOD /path" of the last request.
func (w *World) LastRequest() string { return w.lastReq }

// Note records a line shown when the scenario fails (and in the live log).
func (w *World) Note(format string, args ...any) {
	w.notes = append(w.notes, fmt.Sprintf(format, args...))
}

var placeholder = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9_]*)\}`)

// Expand replaces {key} with a remembered value, or {alice} with alice's real name. A name
// that is neither is an error, so that a typo in a key never becomes a user name.
func (w *World) Expand(s string) (string, error) {
	var missing []string
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		key := m[1 : len(m)-1]
		if v, ok := w.values[key]; ok {
			return v
		}
		if v, ok := w.users[key]; ok {
			return v
		}
		missing = append(missing, m)
		return m
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("%s in %q: neither a remembered value nor a user of this scenario (register users with `the app has users \"...\"`, or name an absent one with `\"ghost\" is not a user of the app`)", strings.Join(missing, ", "), s)
	}
	return out, nil
}
