package steps

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
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

func inputErrorf(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// Selection is what a run will execute, known before it starts: the scenarios --features and
// --tags select, in file order, and the godog tag filter that selects exactly them.
type Selection struct {
	Scenarios []ScenarioRef
	// Filter is Tags rewritten in godog's syntax, for godog.Options.Tags.
	Filter string
	// Total is how many scenarios the features hold before --tags.
	Total int
}

// featureLineRe is godog's FILE:LINE suffix.
var featureLineRe = regexp.MustCompile(`:(\d+)$`)

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
		return sel, inputErrorf("features %q: %w (run from the repository root, or pass --features DIR)", path, errors.Unwrap(err))
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
		sort.Strings(files)
	} else {
		files = []string{path}
	}
	var tagSets [][]string
	for _, file := range files {
		refs, err := fileScenarios(file, line)
		if err != nil {
			return sel, err
		}
		for _, ref := range refs {
			sel.Total++
			tagSets = append(tagSets, ref.Tags)
			if tags.Match(ref.Tags) {
				sel.Scenarios = append(sel.Scenarios, ref)
			}
		}
	}
	switch {
	case sel.Total == 0 && line >= 0:
		return sel, inputErrorf("features %q: no scenario starts on line %d of %s", features, line, path)
	case sel.Total == 0:
		return sel, inputErrorf("features %q: no scenario in %d feature file(s)", features, len(files))
	case len(sel.Scenarios) == 0:
		return sel, inputErrorf("--tags %q selects none of the %d scenarios under %s: check the spelling (tags are case-sensitive)", tags, sel.Total, features)
	}
	sel.Filter = tags.GodogFilter(tagSets)
	return sel, nil
}

// fileScenarios lists the scenarios (one per example row of an outline) of one feature file,
// as godog names them; line >= 0 keeps those of the scenario starting on that line.
func fileScenarios(file string, line int64) ([]ScenarioRef, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := gherkin.ParseGherkinDocument(f, (&messages.Incrementing{}).NewId)
	if err != nil {
		return nil, inputErrorf("%s: %v", file, err)
	}
	doc.Uri = file
	starts := map[string]int64{} // scenario AST id -> its line
	if doc.Feature != nil {
		for _, c := range doc.Feature.Children {
			if c.Scenario != nil {
				starts[c.Scenario.Id] = c.Scenario.Location.Line
			}
			if c.Rule != nil {
				for _, rc := range c.Rule.Children {
					if rc.Scenario != nil {
						starts[rc.Scenario.Id] = rc.Scenario.Location.Line
					}
				}
			}
		}
	}
	var refs []ScenarioRef
	for _, p := range gherkin.Pickles(*doc, file, (&messages.Incrementing{}).NewId) {
		start := starts[p.AstNodeIds[0]]
		if line >= 0 && start != line {
			continue
		}
		ref := ScenarioRef{Name: p.Name, URI: file, Line: start}
		for _, t := range p.Tags {
			ref.Tags = append(ref.Tags, t.Name)
		}
		refs = append(refs, ref)
	}
	return refs, nil
}
