package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/emcontract/emcontract/openapi"
	"github.com/emcontract/emcontract/runinfo"
)

// CoverageInput is what the coverage report joins. Scenarios carry the statuses of the last
// cucumber report (ApplyCucumberReport).
type CoverageInput struct {
	Contract   *openapi.Contract
	Catalogue  []CatalogueEntry
	Scenarios  []*Scenario
	Recordings []*Recording
	// Sources, for the reader: where each input came from.
	CataloguePath, FeaturesDir, CucumberReport, CassettesDir string
	// UnmatchedReportElements is how many scenarios of the cucumber report matched no scenario of
	// the feature files (renamed or deleted since the run).
	UnmatchedReportElements int
	// Run describes the run that wrote the cucumber report (nil: unknown).
	Run *runinfo.Info
}

// ScenarioRef names a scenario and how it fared.
type ScenarioRef struct {
	File   string `json:"file"`
	Name   string `json:"name"`
	Line   int    `json:"line"`
	Status string `json:"status"`
	// For a scenario that did not pass: its first step that did not, and the error.
	FailedStep string `json:"failed_step,omitempty"`
	Error      string `json:"error,omitempty"`
}

func (s ScenarioRef) label() string { return fmt.Sprintf("%s:%d %s", s.File, s.Line, s.Name) }

// IDCoverage is one catalogue ID: the scenarios tagged with it, and whether all of them passed
// (a failing scenario must not hide behind a passing one).
type IDCoverage struct {
	ID        string        `json:"id"`
	Section   string        `json:"section"`
	Behaviour string        `json:"behaviour"`
	Scenarios []ScenarioRef `json:"scenarios"`
	Passed    bool          `json:"passed"`
	// Recorded: a cassette holds one of its scenarios, so it is replayed too; an ID whose
	// scenarios are all @mock-only (they need the mock's control API) runs on the mock only.
	Recorded bool `json:"recorded"`
}

// StatusCell is one status of one operation: documented, or seen although undocumented.
type StatusCell struct {
	Status     string   `json:"status"` // 200, 4XX, default, or the code seen
	Documented bool     `json:"documented"`
	Scenarios  []string `json:"scenarios"` // the recorded scenarios that got it
}

// OperationCoverage is one spec operation's row of the matrix.
type OperationCoverage struct {
	Operation    string       `json:"operation"`
	Method       string       `json:"method"`
	Path         string       `json:"path"`
	Tag          string       `json:"tag"`
	Interactions int          `json:"interactions"`
	Statuses     []StatusCell `json:"statuses"`
}

// Exercised says some recorded scenario called the operation.
func (o *OperationCoverage) Exercised() bool { return o.Interactions > 0 }

// CoverageSummary holds the counts of the summary line.
type CoverageSummary struct {
	IDsPassing       int `json:"ids_passing"`
	IDsTotal         int `json:"ids_total"`
	IDsRecorded      int `json:"ids_recorded"`
	OpsExercised     int `json:"operations_exercised"`
	OpsTotal         int `json:"operations_total"`
	StatusesSeen     int `json:"documented_statuses_seen"`
	StatusesTotal    int `json:"documented_statuses_total"`
	UndocumentedSeen int `json:"undocumented_statuses_seen"`
	Scenarios        int `json:"scenarios"`
	ScenariosPassed  int `json:"scenarios_passed"`
	ScenariosFailed  int `json:"scenarios_failed"`
	ScenariosNotRun  int `json:"scenarios_not_run"`
	DocConflict      int `json:"doc_conflict_scenarios"`
	MockOnly         int `json:"mock_only_scenarios"`
	Untagged         int `json:"scenarios_without_catalogue_id"`
	Cassettes        int `json:"cassettes"`
}

// CoverageReport is the matrix and the catalogue coverage.
type CoverageReport struct {
	Sources struct {
		Catalogue      string `json:"catalogue"`
		Features       string `json:"features"`
		CucumberReport string `json:"cucumber_report"`
		Cassettes      string `json:"cassettes"`
	} `json:"sources"`
	Run     *runinfo.Info   `json:"run,omitempty"`
	Summary CoverageSummary `json:"summary"`
	// Failed lists the scenarios that ran and did not pass, with their failing step.
	Failed     []ScenarioRef        `json:"failed_scenarios"`
	IDs        []IDCoverage         `json:"ids"`
	UnknownIDs map[string][]string  `json:"unknown_ids"` // ID-shaped tags not in the catalogue -> scenarios
	Operations []*OperationCoverage `json:"operations"`
	// NoOperation lists recorded requests that match no operation (drift reports them too).
	NoOperation             []string `json:"no_operation"`
	UnmatchedReportElements int      `json:"unmatched_report_scenarios"`
	// AllStatuses is every status column of the matrix, in order.
	AllStatuses []string `json:"-"`
}

// Coverage joins the catalogue, the feature files, the cucumber report and the cassettes.
//
// Which scenario exercises which operation and status comes from the cassettes, one per
// scenario: each recorded request is routed through the contract and its answer's status is
// read as recorded. The cucumber report's steps are prose ("I make bob an admin of the room")
// and say nothing reliable about the HTTP call behind them, so the matrix does not use them.
// Catalogue coverage comes from the feature files' tags (the tags as they are now) joined with
// the last cucumber report's result for each scenario.
func Coverage(in CoverageInput) *CoverageReport {
	rep := &CoverageReport{UnknownIDs: map[string][]string{}, UnmatchedReportElements: in.UnmatchedReportElements, Run: in.Run, Failed: []ScenarioRef{}}
	rep.Sources.Catalogue, rep.Sources.Features = in.CataloguePath, in.FeaturesDir
	rep.Sources.CucumberReport, rep.Sources.Cassettes = in.CucumberReport, in.CassettesDir
	sum := &rep.Summary

	// Catalogue IDs x scenarios.
	known := map[string]bool{}
	for _, e := range in.Catalogue {
		known[e.ID] = true
	}
	byID := map[string][]ScenarioRef{}
	scenarioIDs := map[*Scenario][]string{}
	for _, s := range in.Scenarios {
		sum.Scenarios++
		switch {
		case s.Passed():
			sum.ScenariosPassed++
		case s.Status == StatusNotRun:
			sum.ScenariosNotRun++
		default:
			sum.ScenariosFailed++
		}
		ref := ScenarioRef{File: s.File, Name: s.Name, Line: s.Line, Status: s.Status, FailedStep: s.FailedStep, Error: s.Error}
		if !s.Passed() && s.Status != StatusNotRun {
			rep.Failed = append(rep.Failed, ref)
		}
		tagged := false
		for _, tag := range s.Tags {
			switch tag {
			case "@doc-conflict":
				sum.DocConflict++
			case "@mock-only":
				sum.MockOnly++
			}
			id := strings.TrimPrefix(tag, "@")
			if !catalogueID.MatchString(id) {
				continue
			}
			tagged = true
			scenarioIDs[s] = append(scenarioIDs[s], id)
			if known[id] {
				byID[id] = append(byID[id], ref)
			} else {
				rep.UnknownIDs[tag] = append(rep.UnknownIDs[tag], ref.label())
			}
		}
		if !tagged {
			sum.Untagged++
		}
	}
	recorded := map[string]bool{}
	for _, rec := range in.Recordings {
		recorded[strings.TrimPrefix(featureRel(rec.Meta.Feature), "/")+"\x00"+rec.Meta.Scenario] = true
	}
	for _, e := range in.Catalogue {
		c := IDCoverage{ID: e.ID, Section: e.Section, Behaviour: e.Behaviour, Scenarios: byID[e.ID]}
		c.Passed = len(c.Scenarios) > 0
		for _, s := range c.Scenarios {
			c.Passed = c.Passed && s.Status == "passed"
			c.Recorded = c.Recorded || recorded[s.File+"\x00"+s.Name]
		}
		if c.Recorded {
			sum.IDsRecorded++
		}
		if c.Scenarios == nil {
			c.Scenarios = []ScenarioRef{}
		}
		if c.Passed {
			sum.IDsPassing++
		}
		rep.IDs = append(rep.IDs, c)
	}
	sum.IDsTotal = len(in.Catalogue)

	// Operations x statuses x recorded scenarios.
	scenarioOf := recordingScenarios(in.Recordings, in.Scenarios, scenarioIDs)
	byOp := map[string]*OperationCoverage{}
	cells := map[string]map[string]*StatusCell{}
	columns := map[string]bool{}
	for _, op := range in.Contract.Operations() {
		oc := &OperationCoverage{Operation: op.ID, Method: op.Method, Path: op.Path}
		if len(op.Tags) > 0 {
			oc.Tag = op.Tags[0]
		}
		cells[op.ID] = map[string]*StatusCell{}
		for _, st := range documentedStatuses(op) {
			cell := &StatusCell{Status: st, Documented: true, Scenarios: []string{}}
			cells[op.ID][st] = cell
			columns[st] = true
			sum.StatusesTotal++
		}
		byOp[op.ID] = oc
		rep.Operations = append(rep.Operations, oc)
	}
	sort.SliceStable(rep.Operations, func(i, j int) bool {
		a, b := rep.Operations[i], rep.Operations[j]
		if a.Tag != b.Tag {
			return a.Tag < b.Tag
		}
		return a.Operation < b.Operation
	})
	sum.OpsTotal = len(rep.Operations)
	sum.Cassettes = len(in.Recordings)
	for _, rec := range in.Recordings {
		label := scenarioOf[rec]
		for idx, it := range rec.Interactions {
			req, err := newRequest(it)
			if err != nil || isControl(req.URL.Path) {
				continue
			}
			route, err := in.Contract.FindRoute(req)
			if err != nil {
				rep.NoOperation = append(rep.NoOperation, fmt.Sprintf("%s %s (%s)", it.Request.Method, req.URL.Path, rec.Where(idx)))
				continue
			}
			oc := byOp[route.Operation.ID]
			oc.Interactions++
			key := statusKey(route.Operation, it.Response.Code)
			cell := cells[oc.Operation][key]
			if cell == nil {
				cell = &StatusCell{Status: key, Scenarios: []string{}}
				cells[oc.Operation][key] = cell
				columns[key] = true
			}
			if !contains(cell.Scenarios, label) {
				cell.Scenarios = append(cell.Scenarios, label)
			}
		}
	}
	for _, oc := range rep.Operations {
		if oc.Exercised() {
			sum.OpsExercised++
		}
		for _, cell := range cells[oc.Operation] {
			sort.Strings(cell.Scenarios)
			oc.Statuses = append(oc.Statuses, *cell)
			switch {
			case cell.Documented && len(cell.Scenarios) > 0:
				sum.StatusesSeen++
			case !cell.Documented:
				sum.UndocumentedSeen++
			}
		}
		sort.Slice(oc.Statuses, func(i, j int) bool { return statusLess(oc.Statuses[i].Status, oc.Statuses[j].Status) })
	}
	for c := range columns {
		rep.AllStatuses = append(rep.AllStatuses, c)
	}
	sort.Slice(rep.AllStatuses, func(i, j int) bool { return statusLess(rep.AllStatuses[i], rep.AllStatuses[j]) })
	for tag := range rep.UnknownIDs {
		sort.Strings(rep.UnknownIDs[tag])
	}
	return rep
}

// recordingScenarios labels each recording with its scenario (from the cassette's meta, linked
// to the feature files to show its catalogue IDs), or with the cassette file when it has none.
func recordingScenarios(recs []*Recording, scenarios []*Scenario, ids map[*Scenario][]string) map[*Recording]string {
	byName := map[string]*Scenario{}
	for _, s := range scenarios {
		byName[s.File+"\x00"+s.Name] = s
	}
	out := map[*Recording]string{}
	for _, rec := range recs {
		if rec.Meta.Scenario == "" {
			out[rec] = rec.File
			continue
		}
		file := strings.TrimPrefix(featureRel(rec.Meta.Feature), "/")
		label := fmt.Sprintf("%s: %s", file, rec.Meta.Scenario)
		if s := byName[file+"\x00"+rec.Meta.Scenario]; s != nil && len(ids[s]) > 0 {
			label += " [" + strings.Join(ids[s], " ") + "]"
		}
		out[rec] = label
	}
	return out
}

// featureRel is a feature path relative to the features directory.
func featureRel(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	if i := strings.LastIndex(p, "features/"); i >= 0 {
		return p[i+len("features/"):]
	}
	return p
}

// statusKey is the response key of op that documents code (exact, range, default), or the
// code itself when none does.
func statusKey(op *openapi.Operation, code int) string {
	if op.Spec != nil && op.Spec.Responses != nil {
		exact := strconv.Itoa(code)
		if op.Spec.Responses.Value(exact) != nil {
			return exact
		}
		if rng := exact[:1] + "XX"; len(exact) == 3 && op.Spec.Responses.Value(rng) != nil {
			return rng
		}
		if op.Spec.Responses.Default() != nil {
			return "default"
		}
	}
	return strconv.Itoa(code)
}

// statusLess orders 200 < 2XX < 400 < 404 < 4XX < ... < default.
func statusLess(a, b string) bool {
	rank := func(s string) string {
		if s == "default" {
			return "9zz"
		}
		return strings.ToLower(s)
	}
	return rank(a) < rank(b)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Line is the one-line summary the coverage command prints.
func (r *CoverageReport) Line() string {
	s := r.Summary
	line := fmt.Sprintf("coverage: %d/%d catalogue IDs whose scenarios all passed, %d/%d with a recorded scenario; %d/%d operations exercised; %d/%d documented statuses seen",
		s.IDsPassing, s.IDsTotal, s.IDsRecorded, s.IDsTotal, s.OpsExercised, s.OpsTotal, s.StatusesSeen, s.StatusesTotal)
	if s.UndocumentedSeen > 0 {
		line += fmt.Sprintf(" (+%d undocumented)", s.UndocumentedSeen)
	}
	return line
}

// MissingIDs are the catalogue IDs with no scenario, or with a scenario that did not pass.
func (r *CoverageReport) MissingIDs() []string {
	var out []string
	for _, c := range r.IDs {
		if !c.Passed {
			out = append(out, c.ID)
		}
	}
	return out
}

// cell returns the operation's cell for a status column, or nil.
func (o *OperationCoverage) cell(status string) *StatusCell {
	for i := range o.Statuses {
		if o.Statuses[i].Status == status {
			return &o.Statuses[i]
		}
	}
	return nil
}
