package suite

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/cucumber/godog"
	"github.com/cucumber/godog/formatters"
	messages "github.com/cucumber/messages/go/v21"
)

// orderedPrettyFormat is the name Run gives godog for --format pretty. godog's own pretty
// formatter prints a feature's header when its first scenario is scheduled and, with more than
// one scenario running, each scenario when it ends: scenarios land under the wrong feature, and
// an outline's example rows among other scenarios. This one prints the same text (feature,
// scenario with its file:line, each step with its status, the failing step's error) one
// scenario at a time, in file order, as soon as every scenario before it has ended.
const orderedPrettyFormat = "emcontract-pretty"

func init() {
	godog.Format(orderedPrettyFormat, "pretty, one whole scenario at a time, in file order", newOrderedPretty)
}

// runs holds the selection of each running suite, by suite name, for its formatter (godog
// builds formatters from a name and a writer only).
var runs sync.Map // suite name -> *runOutput

type runOutput struct {
	sel   Selection
	color bool
}

type pickleKey struct {
	uri       string
	line, row int64
}

type stepEvent struct {
	step   *messages.PickleStep
	status string // passed, failed, skipped, undefined, pending, ambiguous
	err    error
}

type pickleOut struct {
	pickle *messages.Pickle
	steps  []stepEvent
	done   bool
}

type orderedPretty struct {
	out   io.Writer
	color bool

	mu       sync.Mutex
	docs     map[string]*messages.GherkinDocument // feature uri (no :LINE) -> document
	lines    map[string]map[string]int64          // feature uri -> AST id -> line
	order    []pickleKey                          // the selection, in file order
	index    map[pickleKey]int
	got      map[int]*pickleOut
	extra    []*pickleOut // pickles the selection did not foresee: printed at the end
	next     int
	feature  string // the feature whose header was printed last
	counts   map[string]int
	scenFail int
	scenDone int
}

func newOrderedPretty(suite string, out io.Writer) formatters.Formatter {
	f := &orderedPretty{
		out: out, docs: map[string]*messages.GherkinDocument{}, lines: map[string]map[string]int64{},
		index: map[pickleKey]int{}, got: map[int]*pickleOut{}, counts: map[string]int{},
	}
	if v, ok := runs.Load(suite); ok {
		ro := v.(*runOutput)
		f.color = ro.color
		for i, p := range ro.sel.Scenarios {
			k := pickleKey{featureURI(p.URI), p.Line, p.RowLine}
			f.order = append(f.order, k)
			f.index[k] = i
		}
	}
	return f
}

var lineSuffixRe = regexp.MustCompile(`:\d+$`)

func featureURI(uri string) string { return lineSuffixRe.ReplaceAllString(uri, "") }

func (f *orderedPretty) TestRunStarted() {}

func (f *orderedPretty) Feature(doc *messages.GherkinDocument, uri string, _ []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	uri = featureURI(uri)
	f.docs[uri] = doc
	f.lines[uri] = astLines(doc)
}

func (f *orderedPretty) Pickle(p *messages.Pickle) {
	f.mu.Lock()
	defer f.mu.Unlock()
	po := f.entry(p)
	if len(p.Steps) == 0 {
		po.done = true
		f.flush()
	}
}

// entry finds (or starts) the buffer of a pickle. Callers hold mu.
func (f *orderedPretty) entry(p *messages.Pickle) *pickleOut {
	uri := featureURI(p.Uri)
	k := pickleKey{uri: uri, line: f.lines[uri][p.AstNodeIds[0]]}
	if len(p.AstNodeIds) > 1 {
		k.row = f.lines[uri][p.AstNodeIds[1]]
	}
	i, ok := f.index[k]
	if !ok {
		for _, e := range f.extra {
			if e.pickle.Id == p.Id {
				return e
			}
		}
		e := &pickleOut{pickle: p}
		f.extra = append(f.extra, e)
		return e
	}
	po := f.got[i]
	if po == nil {
		po = &pickleOut{pickle: p}
		f.got[i] = po
	}
	return po
}

func (f *orderedPretty) step(p *messages.Pickle, s *messages.PickleStep, status string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	po := f.entry(p)
	po.steps = append(po.steps, stepEvent{step: s, status: status, err: err})
	f.counts[status]++
	if len(po.steps) >= len(p.Steps) {
		po.done = true
		f.flush()
	}
}

func (f *orderedPretty) Defined(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}
func (f *orderedPretty) Passed(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, s, "passed", nil)
}
func (f *orderedPretty) Skipped(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, s, "skipped", nil)
}
func (f *orderedPretty) Undefined(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, s, "undefined", nil)
}
func (f *orderedPretty) Failed(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition, err error) {
	f.step(p, s, "failed", err)
}
func (f *orderedPretty) Pending(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, s, "pending", nil)
}
func (f *orderedPretty) Ambiguous(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition, err error) {
	f.step(p, s, "ambiguous", err)
}

// flush prints every finished scenario whose predecessors are all printed. Callers hold mu.
func (f *orderedPretty) flush() {
	for f.next < len(f.order) {
		po := f.got[f.next]
		if po == nil || !po.done {
			return
		}
		f.print(po)
		delete(f.got, f.next)
		f.next++
	}
}

func (f *orderedPretty) Summary() {
	f.mu.Lock()
	defer f.mu.Unlock()
	// Whatever did not end (a scenario stopped early) prints now, still in order.
	for ; f.next < len(f.order); f.next++ {
		if po := f.got[f.next]; po != nil {
			f.print(po)
		}
	}
	for _, e := range f.extra {
		f.print(e)
	}
	steps := 0
	for _, n := range f.counts {
		steps += n
	}
	fmt.Fprintf(f.out, "\n%d scenarios (%d passed, %d failed)\n%d steps (%s)\n", f.scenDone, f.scenDone-f.scenFail, f.scenFail, steps, f.stepCounts())
}

func (f *orderedPretty) stepCounts() string {
	var parts []string
	for _, st := range []string{"passed", "failed", "skipped", "undefined", "pending", "ambiguous"} {
		if n := f.counts[st]; n > 0 || st == "passed" {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	return strings.Join(parts, ", ")
}

// ANSI colours, as godog's pretty uses them.
const (
	ansiReset  = "\x1b[0m"
	ansiGreen  = "\x1b[32m"
	ansiRed    = "\x1b[31m"
	ansiCyan   = "\x1b[36m"
	ansiYellow = "\x1b[33m"
	ansiGrey   = "\x1b[90m"
)

var statusColour = map[string]string{
	"passed": ansiGreen, "failed": ansiRed, "skipped": ansiCyan,
	"undefined": ansiYellow, "pending": ansiYellow, "ambiguous": ansiYellow,
}

func (f *orderedPretty) paint(colour, s string) string {
	if !f.color || colour == "" {
		return s
	}
	return colour + s + ansiReset
}

// print writes one scenario: its feature's header first if another feature came before.
func (f *orderedPretty) print(po *pickleOut) {
	p := po.pickle
	uri := featureURI(p.Uri)
	doc := f.docs[uri]
	if uri != f.feature && doc != nil && doc.Feature != nil {
		f.feature = uri
		fmt.Fprintf(f.out, "\n%s: %s\n", doc.Feature.Keyword, doc.Feature.Name)
		if d := strings.TrimSpace(doc.Feature.Description); d != "" {
			for _, l := range strings.Split(d, "\n") {
				fmt.Fprintf(f.out, "  %s\n", strings.TrimSpace(l))
			}
		}
	}
	keyword, line := "Scenario", f.lines[uri][p.AstNodeIds[0]]
	if len(p.AstNodeIds) > 1 {
		keyword = "Example"
		line = f.lines[uri][p.AstNodeIds[1]]
	}
	failed := false
	for _, s := range po.steps {
		failed = failed || s.status == "failed" || s.status == "ambiguous" || s.status == "undefined"
	}
	f.scenDone++
	if failed {
		f.scenFail++
	}
	fmt.Fprintf(f.out, "\n  %s: %s %s\n", keyword, p.Name, f.paint(ansiGrey, fmt.Sprintf("# %s:%d", uri, line)))
	keywords := stepKeywords(doc)
	for _, s := range po.steps {
		kw := strings.TrimSpace(keywords[s.step.AstNodeIds[0]])
		mark := ""
		if !f.color && s.status != "passed" {
			mark = " [" + s.status + "]" // without colour, say it in words
		}
		fmt.Fprintf(f.out, "    %s%s\n", f.paint(statusColour[s.status], kw+" "+s.step.Text), mark)
		if arg := s.step.Argument; arg != nil {
			if arg.DocString != nil {
				fmt.Fprintf(f.out, "      \"\"\"\n")
				for _, l := range strings.Split(arg.DocString.Content, "\n") {
					fmt.Fprintf(f.out, "      %s\n", f.paint(statusColour[s.status], l))
				}
				fmt.Fprintf(f.out, "      \"\"\"\n")
			}
			if arg.DataTable != nil {
				for _, row := range arg.DataTable.Rows {
					cells := make([]string, len(row.Cells))
					for i, c := range row.Cells {
						cells[i] = c.Value
					}
					fmt.Fprintf(f.out, "      | %s |\n", f.paint(statusColour[s.status], strings.Join(cells, " | ")))
				}
			}
		}
		switch {
		case s.err != nil:
			for _, l := range strings.Split(s.err.Error(), "\n") {
				fmt.Fprintf(f.out, "      %s\n", f.paint(ansiRed, l))
			}
		case s.status == "undefined":
			fmt.Fprintf(f.out, "      %s\n", f.paint(ansiYellow, "(undefined: no step definition matches)"))
		}
	}
}

// stepKeywords maps a document's step ids to their keywords (Given, When, Then, And, But).
func stepKeywords(doc *messages.GherkinDocument) map[string]string {
	kw := map[string]string{}
	if doc == nil || doc.Feature == nil {
		return kw
	}
	addSteps := func(steps []*messages.Step) {
		for _, s := range steps {
			kw[s.Id] = s.Keyword
		}
	}
	for _, c := range doc.Feature.Children {
		if c.Background != nil {
			addSteps(c.Background.Steps)
		}
		if c.Scenario != nil {
			addSteps(c.Scenario.Steps)
		}
		if c.Rule != nil {
			for _, rc := range c.Rule.Children {
				if rc.Background != nil {
					addSteps(rc.Background.Steps)
				}
				if rc.Scenario != nil {
					addSteps(rc.Scenario.Steps)
				}
			}
		}
	}
	return kw
}
