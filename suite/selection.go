package suite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
)

// InputError is a run that could not start because of what it was asked: a features path that
// is not there, a malformed --tags, a selection of no scenario. The CLI exits 2 on it.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// InputErrorf is an *InputError with a formatted message.
func InputErrorf(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// ScenarioRef names a scenario: enough to find its cassette.
type ScenarioRef struct {
	Name string
	URI  string // the feature file, e.g. features/groups/members.feature (godog adds :LINE when run as FILE:LINE)
	Line int64  // the scenario's line, when known before the run (Select)
	Tags []string
}

// Selection is what a run will execute, known before it starts: the scenarios --features and
// --tags select, in file order, and the godog tag filter that selects exactly them.
type Selection struct {
	Scenarios []Planned
	// Filter is Tags rewritten in godog's syntax, for godog.Options.Tags.
	Filter string
	// Total is how many scenarios the features hold before --tags.
	Total int
	// SkippedEmptyApp: on live without --empty-app, the selected scenarios tagged
	// @needs-empty-app, left out of Scenarios.
	SkippedEmptyApp []ScenarioRef
}

// Planned is one scenario of a Selection (one example row of an outline).
type Planned struct {
	ScenarioRef
	Feature string // the feature's name
	RowLine int64  // an outline's example row: its line; else 0
	Steps   int    // its steps, background included, as godog counts them
}

// Steps is how many steps the selection holds (godog's count in its summary).
func (s Selection) Steps() int {
	n := 0
	for _, p := range s.Scenarios {
		n += p.Steps
	}
	return n
}

// featureLineRe is godog's FILE:LINE suffix.
var featureLineRe = regexp.MustCompile(`:(\d+)$`)

// FeatureFile is a feature's path without godog's :LINE suffix.
func FeatureFile(uri string) string { return featureLineRe.ReplaceAllString(uri, "") }

// FeaturePath is a feature's path from its features/ folder on ("features/groups/members.feature"),
// with forward slashes and without :LINE, wherever the suite was run from.
func FeaturePath(uri string) string {
	uri = FeatureFile(filepath.ToSlash(uri))
	if i := strings.LastIndex(uri, "features/"); i >= 0 {
		return uri[i:]
	}
	return uri
}

// Select parses the features as godog will (a directory, a file, or FILE:LINE) and applies
// the tag expression. Selecting nothing is an error that says why.
func Select(features string, tags *TagExpr) (Selection, error) {
	var sel Selection
	path, line := features, int64(-1)
	if m := featureLineRe.FindStringSubmatch(features); m != nil {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		path, line = strings.TrimSuffix(features, m[0]), n
	}
	fi, err := os.Stat(path)
	if err != nil {
		return sel, InputErrorf("features %q: %w (run from the repository root, or pass --features DIR)", path, errors.Unwrap(err))
	}
	var files []string
	if fi.IsDir() {
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".feature") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return sel, err
		}
	} else {
		files = []string{path}
	}
	var tagSets [][]string
	for _, file := range files {
		plan, err := filePlan(file, line)
		if err != nil {
			return sel, err
		}
		for _, ref := range plan {
			sel.Total++
			tagSets = append(tagSets, ref.Tags)
			if tags.Match(ref.Tags) {
				sel.Scenarios = append(sel.Scenarios, ref)
			}
		}
	}
	switch {
	case sel.Total == 0 && line >= 0:
		return sel, InputErrorf("features %q: no scenario starts on line %d of %s", features, line, path)
	case sel.Total == 0:
		return sel, InputErrorf("features %q: no scenario in %d feature file(s)", features, len(files))
	case len(sel.Scenarios) == 0:
		return sel, InputErrorf("--tags %q selects none of the %d scenarios under %s: check the spelling (tags are case-sensitive)", tags, sel.Total, features)
	}
	sel.Filter = tags.GodogFilter(tagSets)
	return sel, nil
}

// FileScenarios lists the scenarios of one feature file; see filePlan.
func FileScenarios(file string, line int64) ([]ScenarioRef, error) {
	plan, err := filePlan(file, line)
	refs := make([]ScenarioRef, len(plan))
	for i, p := range plan {
		refs[i] = p.ScenarioRef
	}
	return refs, err
}

// filePlan lists the scenarios (one per example row of an outline) of one feature file,
// as godog names them; line >= 0 keeps those of the scenario starting on that line.
func filePlan(file string, line int64) ([]Planned, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := gherkin.ParseGherkinDocument(f, (&messages.Incrementing{}).NewId)
	if err != nil {
		return nil, InputErrorf("%s: %v", file, err)
	}
	doc.Uri = file
	lines := astLines(doc)
	var plan []Planned
	for _, p := range gherkin.Pickles(*doc, file, (&messages.Incrementing{}).NewId) {
		start := lines[p.AstNodeIds[0]]
		if line >= 0 && start != line {
			continue
		}
		pl := Planned{ScenarioRef: ScenarioRef{Name: p.Name, URI: file, Line: start}, Feature: doc.Feature.Name, Steps: len(p.Steps)}
		if len(p.AstNodeIds) > 1 {
			pl.RowLine = lines[p.AstNodeIds[1]]
		}
		for _, t := range p.Tags {
			pl.Tags = append(pl.Tags, t.Name)
		}
		plan = append(plan, pl)
	}
	return plan, nil
}

// astLines maps the ids of a document's scenarios and example rows to their lines.
func astLines(doc *messages.GherkinDocument) map[string]int64 {
	lines := map[string]int64{}
	if doc == nil || doc.Feature == nil {
		return lines
	}
	add := func(sc *messages.Scenario) {
		if sc == nil {
			return
		}
		lines[sc.Id] = sc.Location.Line
		for _, ex := range sc.Examples {
			for _, row := range ex.TableBody {
				lines[row.Id] = row.Location.Line
			}
		}
	}
	for _, c := range doc.Feature.Children {
		add(c.Scenario)
		if c.Rule != nil {
			for _, rc := range c.Rule.Children {
				add(rc.Scenario)
			}
		}
	}
	return lines
}
