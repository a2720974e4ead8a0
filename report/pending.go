package report

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// PendingFile is the explicit list of catalogue IDs (of today's pages, behaviours-today.md)
// that have no scenario yet, kept next to the features. The catalogue checks accept a missing
// scenario only for an ID on this list, and refuse a listed ID that has one (take it off the
// list), so nothing is left uncovered silently and nothing stays listed once covered.
const PendingFile = "pending-today.txt"

// LoadPending reads a pending list: one ID a line, then " - " and why; "#" starts a comment.
// A missing file is an empty list.
func LoadPending(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("pending list: %w", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, why, _ := strings.Cut(line, " - ")
		id = strings.TrimSpace(id)
		if !catalogueID.MatchString(id) {
			return nil, fmt.Errorf("pending list %s:%d: %q is not a catalogue ID", path, n, id)
		}
		if strings.TrimSpace(why) == "" {
			return nil, fmt.Errorf("pending list %s:%d: %s says no reason (write \"ID - why\")", path, n, id)
		}
		if _, dup := out[id]; dup {
			return nil, fmt.Errorf("pending list %s:%d: %s is listed twice", path, n, id)
		}
		out[id] = strings.TrimSpace(why)
	}
	return out, sc.Err()
}

// SplitPending separates the IDs without a passing scenario into those the pending list
// excuses and those it does not; listed IDs that are not in the catalogue are returned too.
func SplitPending(missing []string, pending map[string]string, catalogue []CatalogueEntry) (excused, unexcused, unknown []string) {
	known := map[string]bool{}
	for _, e := range catalogue {
		known[e.ID] = true
	}
	for _, id := range missing {
		if _, ok := pending[id]; ok {
			excused = append(excused, id)
		} else {
			unexcused = append(unexcused, id)
		}
	}
	for id := range pending {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	return excused, unexcused, unknown
}
