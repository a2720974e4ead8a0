package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Mutation breaks one rule: Find, which must occur exactly once in File, becomes Replace. Find's
// lines are matched whatever indentation they have in the file (the list is written without
// Go's tabs), and Replace is inserted as written (the mutant need not be gofmt'ed).
type Mutation struct {
	ID      string `yaml:"id"`
	Rule    string `yaml:"rule"` // the catalogue ID(s) whose rule it breaks
	Why     string `yaml:"why"`  // the broken rule, in words
	File    string `yaml:"file"`
	Find    string `yaml:"find"`
	Replace string `yaml:"replace"`
	// Equivalent, when set, says why no answer of the service can tell the mutant from the
	// original; such a mutant is listed, not run.
	Equivalent string `yaml:"equivalent,omitempty"`
}

// mutationID is <catalogue ID>-<what>: G-MEM-01-..., and the part O and user rows O-03-..., U-17-....
var mutationID = regexp.MustCompile(`^[A-Z](?:-[A-Z]+)?-\d\d-[a-z0-9-]+$`)

// LoadMutations reads the list and checks each entry's shape (not yet that it applies).
func LoadMutations(path string) ([]Mutation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var muts []Mutation
	if err := yaml.Load(data, &muts); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	seen := map[string]bool{}
	for i, m := range muts {
		switch {
		case !mutationID.MatchString(m.ID):
			return nil, fmt.Errorf("%s: entry %d: id %q is not <catalogue ID>-<what>", path, i+1, m.ID)
		case seen[m.ID]:
			return nil, fmt.Errorf("%s: id %s twice", path, m.ID)
		case m.Rule == "" || m.Why == "" || m.File == "" || m.Find == "":
			return nil, fmt.Errorf("%s: %s: rule, why, file and find are required", path, m.ID)
		case m.Find == m.Replace:
			return nil, fmt.Errorf("%s: %s: replace equals find", path, m.ID)
		case !strings.HasPrefix(m.File, "mockserver/store/") || strings.HasSuffix(m.File, "_test.go"):
			return nil, fmt.Errorf("%s: %s: mutants break the store's rules, not %s", path, m.ID, m.File)
		}
		seen[m.ID] = true
	}
	return muts, nil
}

// pattern matches Find with any indentation before each of its lines.
func (m Mutation) pattern() *regexp.Regexp {
	lines := strings.Split(m.Find, "\n")
	for i, l := range lines {
		lines[i] = regexp.QuoteMeta(strings.TrimLeft(l, " \t"))
	}
	return regexp.MustCompile(strings.Join(lines, `\n[ \t]*`))
}

// apply returns src with the mutant applied, or an error unless Find occurs exactly once.
func (m Mutation) apply(src string) (string, error) {
	re := m.pattern()
	locs := re.FindAllStringIndex(src, -1)
	if len(locs) != 1 {
		return "", fmt.Errorf("%s: %q occurs %d times in %s, not once: the list is stale", m.ID, m.Find, len(locs), m.File)
	}
	return src[:locs[0][0]] + m.Replace + src[locs[0][1]:], nil
}

// check says whether the mutant applies to the tree below root.
func (m Mutation) check(root string) error {
	data, err := os.ReadFile(filepath.Join(root, m.File))
	if err != nil {
		return fmt.Errorf("%s: %w", m.ID, err)
	}
	_, err = m.apply(string(data))
	return err
}
