package report

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
)

// Scenario is one runnable scenario of the feature files: a plain scenario, or one example row
// of an outline. Its tags include the feature's, the rule's and the examples' tags, as godog
// applies them.
type Scenario struct {
	File    string   `json:"file"` // relative to the features directory, slash-separated
	Feature string   `json:"feature"`
	Name    string   `json:"name"`
	Line    int      `json:"line"` // the scenario's line, or the example row's
	Tags    []string `json:"tags"` // with the @
	// Status comes from the cucumber report: passed, failed, skipped, undefined, pending, or
	// "not run" when the report has no such scenario.
	Status string `json:"status"`
	// FailedStep and Error say, for a scenario that did not pass, its first step that did not
	// (keyword, text and line) and the error godog reported for it.
	FailedStep string `json:"failed_step,omitempty"`
	Error      string `json:"error,omitempty"`
}

// Passed says the last report ran every step of the scenario and each passed.
func (s *Scenario) Passed() bool { return s.Status == "passed" }

// StatusNotRun is the status of a scenario the cucumber report does not mention.
const StatusNotRun = "not run"

// LoadFeatures parses every *.feature under dir with the Gherkin parser godog uses.
func LoadFeatures(dir string) ([]*Scenario, error) {
	var out []*Scenario
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(path) != ".feature" {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		scs, err := parseFeature(path, filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		out = append(out, scs...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", dir, err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}

func parseFeature(path, rel string) ([]*Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n := 0
	doc, err := gherkin.ParseGherkinDocument(f, func() string { n++; return strconv.Itoa(n) })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc.Feature == nil {
		return nil, nil
	}
	feature := doc.Feature
	var out []*Scenario
	add := func(sc *messages.Scenario, inherited []string) {
		tags := append(append([]string(nil), inherited...), tagNames(sc.Tags)...)
		if len(sc.Examples) == 0 {
			out = append(out, &Scenario{File: rel, Feature: feature.Name, Name: sc.Name, Line: int(sc.Location.Line), Tags: uniq(tags), Status: StatusNotRun})
			return
		}
		for _, ex := range sc.Examples {
			exTags := append(append([]string(nil), tags...), tagNames(ex.Tags)...)
			for _, row := range ex.TableBody {
				out = append(out, &Scenario{File: rel, Feature: feature.Name, Name: outlineName(sc.Name, ex.TableHeader, row),
					Line: int(row.Location.Line), Tags: uniq(exTags), Status: StatusNotRun})
			}
		}
	}
	featureTags := tagNames(feature.Tags)
	for _, child := range feature.Children {
		switch {
		case child.Scenario != nil:
			add(child.Scenario, featureTags)
		case child.Rule != nil:
			ruleTags := append(append([]string(nil), featureTags...), tagNames(child.Rule.Tags)...)
			for _, rc := range child.Rule.Children {
				if rc.Scenario != nil {
					add(rc.Scenario, ruleTags)
				}
			}
		}
	}
	return out, nil
}

// outlineName fills an outline's <placeholders> from its example row, as pickles do.
func outlineName(name string, header *messages.TableRow, row *messages.TableRow) string {
	if header == nil {
		return name
	}
	for i, cell := range header.Cells {
		if i < len(row.Cells) {
			name = strings.ReplaceAll(name, "<"+cell.Value+">", row.Cells[i].Value)
		}
	}
	return name
}

func tagNames(tags []*messages.Tag) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		out = append(out, t.Name)
	}
	return out
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// cucumber JSON, as godog's cucumber formatter writes it (only what coverage reads).
type cukeFeature struct {
	URI      string        `json:"uri"`
	Name     string        `json:"name"`
	Elements []cukeElement `json:"elements"`
}

type cukeElement struct {
	Name  string `json:"name"`
	Line  int    `json:"line"`
	Type  string `json:"type"`
	Steps []struct {
		Keyword string `json:"keyword"`
		Name    string `json:"name"`
		Line    int    `json:"line"`
		Result  struct {
			Status string `json:"status"`
			Error  string `json:"error_message"`
		} `json:"result"`
	} `json:"steps"`
}

// firstFailure is the first step that did not pass, "keyword text (line N)", and its error.
func (e cukeElement) firstFailure() (step, msg string) {
	for _, s := range e.Steps {
		if s.Result.Status != "passed" {
			return fmt.Sprintf("%s%s (line %d)", s.Keyword, s.Name, s.Line), s.Result.Error
		}
	}
	return "", ""
}

// status is passed when every step passed, else the first step status that is not passed.
func (e cukeElement) status() string {
	if len(e.Steps) == 0 {
		return "undefined"
	}
	for _, s := range e.Steps {
		if s.Result.Status != "passed" {
			return s.Result.Status
		}
	}
	return "passed"
}

// ApplyCucumberReport sets each scenario's Status from a cucumber JSON report. A report
// element is matched to a scenario by feature file and line; when the file changed since the
// run (lines moved), by feature file and scenario name if that is unique. It returns how many
// report elements matched no scenario (scenarios deleted or renamed since the run).
func ApplyCucumberReport(scenarios []*Scenario, reportPath string) (unmatched int, err error) {
	data, err := os.ReadFile(reportPath)
	if err != nil {
		return 0, fmt.Errorf("cucumber report: %w", err)
	}
	var feats []cukeFeature
	if err := json.Unmarshal(data, &feats); err != nil {
		return 0, fmt.Errorf("cucumber report %s is not one JSON array of features (%v): was it written by two runs at once? Re-run the suite", reportPath, err)
	}
	type lineKey struct {
		file string
		line int
	}
	byLine := map[lineKey]*Scenario{}
	byName := map[string][]*Scenario{}
	files := map[string]bool{}
	for _, s := range scenarios {
		byLine[lineKey{s.File, s.Line}] = s
		byName[s.File+"\x00"+s.Name] = append(byName[s.File+"\x00"+s.Name], s)
		files[s.File] = true
	}
	for _, f := range feats {
		file := matchFile(f.URI, files)
		for _, e := range f.Elements {
			if e.Type != "" && e.Type != "scenario" {
				continue
			}
			s := byLine[lineKey{file, e.Line}]
			if s == nil || s.Name != e.Name {
				if named := byName[file+"\x00"+e.Name]; len(named) == 1 {
					s = named[0]
				} else if s != nil && s.Name != e.Name {
					s = nil
				}
			}
			if s == nil {
				unmatched++
				continue
			}
			s.Status = worse(s.Status, e.status())
			if !s.Passed() && s.FailedStep == "" {
				s.FailedStep, s.Error = e.firstFailure()
			}
		}
	}
	return unmatched, nil
}

// matchFile finds which feature file (relative to the features directory) a report's uri
// names: godog writes the path it was given, e.g. ../features/groups/members.feature.
func matchFile(uri string, files map[string]bool) string {
	uri = filepath.ToSlash(uri)
	best := ""
	for f := range files {
		if (uri == f || strings.HasSuffix(uri, "/"+f)) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

// worse keeps a failure over a pass when one scenario appears twice (two runs concatenated).
func worse(old, next string) string {
	if old == StatusNotRun || old == "passed" {
		return next
	}
	return old
}
