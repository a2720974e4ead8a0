package report

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// CatalogueEntry is one documented behaviour of shared/behaviours.md.
type CatalogueEntry struct {
	ID        string `json:"id"`
	Section   string `json:"section"`   // the heading above its table, e.g. "Groups: mute (G-MUTE)"
	Behaviour string `json:"behaviour"` // the row's text, Markdown as written
}

// catalogueID is the shape of a catalogue ID: C-01, G-MEM-07, R-META-04.
var catalogueID = regexp.MustCompile(`^[A-Z]+(?:-[A-Z]+)*-\d+$`)

// LoadCatalogue reads the ID column of every table in a behaviours catalogue: a table row
// whose first cell is an ID. The order of the file is kept.
func LoadCatalogue(path string) ([]CatalogueEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	defer f.Close()
	var out []CatalogueEntry
	seen := map[string]int{}
	section := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
			continue
		}
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		id := strings.TrimSpace(cells[0])
		if !catalogueID.MatchString(id) {
			continue
		}
		if prev, dup := seen[id]; dup {
			return nil, fmt.Errorf("catalogue %s:%d: ID %s is already on line %d", path, n, id, prev)
		}
		seen[id] = n
		// The last cell is the source column; the behaviour may itself hold a "|" in code.
		behaviour := ""
		if len(cells) > 2 {
			behaviour = strings.TrimSpace(strings.Join(cells[1:len(cells)-1], "|"))
		} else if len(cells) == 2 {
			behaviour = strings.TrimSpace(cells[1])
		}
		out = append(out, CatalogueEntry{ID: id, Section: section, Behaviour: behaviour})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("catalogue %s: no table row starts with an ID such as C-01 or G-MEM-07", path)
	}
	return out, nil
}

// LoadCatalogues reads several catalogue files (the documents' catalogue, then its companions
// such as the observed answers of part O) as one, in the order given. An ID may appear in only
// one of them.
func LoadCatalogues(paths ...string) ([]CatalogueEntry, error) {
	var out []CatalogueEntry
	from := map[string]string{}
	for _, p := range paths {
		entries, err := LoadCatalogue(p)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if prev, dup := from[e.ID]; dup {
				return nil, fmt.Errorf("catalogue %s: ID %s is already in %s", p, e.ID, prev)
			}
			from[e.ID] = p
		}
		out = append(out, entries...)
	}
	return out, nil
}

// FindCatalogue returns the first of candidates that exists.
func FindCatalogue(candidates ...string) (string, error) {
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, err := os.Stat(c); err == nil {
			return c, nil
		}
	}
	return "", fmt.Errorf("no behaviours catalogue at %s: pass --catalogue", strings.Join(candidates, " or "))
}
