// Package specsrc assembles openapi/easemob.yaml from the hand-written sources in openapi/src:
// base.yaml (shared parts, auth and users) and one file per area. The spec is split so that the
// group and chatroom halves can be edited and reviewed on their own; the assembled file is what
// is embedded, linted and shipped.
package specsrc

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Markers in base.yaml where the area files' sections are inserted, and the indentation the
// inserted lines need there (area files keep their children at two spaces).
var sections = []struct {
	key, marker string
	indent      string
}{
	{"paths", "# @paths", ""},
	{"responses", "# @responses", "  "},
	{"schemas", "# @schemas", "  "},
}

// Assemble reads dir/base.yaml and every other dir/*.yaml (in name order) and returns the
// spliced document.
func Assemble(dir string) ([]byte, error) {
	base, err := os.ReadFile(filepath.Join(dir, "base.yaml"))
	if err != nil {
		return nil, err
	}
	areaFiles, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(areaFiles)
	inserts := map[string]*bytes.Buffer{}
	for _, s := range sections {
		inserts[s.key] = &bytes.Buffer{}
	}
	for _, f := range areaFiles {
		if filepath.Base(f) == "base.yaml" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		parts, err := splitSections(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(f), err)
		}
		for _, s := range sections {
			for _, line := range parts[s.key] {
				if line != "" {
					line = s.indent + line
				}
				inserts[s.key].WriteString(line + "\n")
			}
		}
	}
	var out bytes.Buffer
	out.WriteString("# GENERATED from openapi/src/*.yaml by `go generate ./openapi`; edit those files, not this one.\n")
	seen := map[string]bool{}
	for _, line := range strings.SplitAfter(string(base), "\n") {
		trimmed := strings.TrimSpace(line)
		matched := false
		for _, s := range sections {
			if strings.HasPrefix(trimmed, s.marker) {
				out.Write(inserts[s.key].Bytes())
				seen[s.key] = true
				matched = true
			}
		}
		if !matched {
			out.WriteString(line)
		}
	}
	for _, s := range sections {
		if !seen[s.key] {
			return nil, fmt.Errorf("base.yaml has no %q marker", s.marker)
		}
	}
	return out.Bytes(), nil
}

// splitSections returns the lines under each top-level key of an area file, comments and
// blank lines at the top level dropped.
func splitSections(src []byte) (map[string][]string, error) {
	parts := map[string][]string{}
	current := ""
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			if current != "" && line == "" {
				parts[current] = append(parts[current], "")
			}
		case !strings.HasPrefix(line, " "):
			key := strings.TrimSuffix(line, ":")
			known := false
			for _, s := range sections {
				known = known || s.key == key
			}
			if !known || !strings.HasSuffix(line, ":") {
				return nil, fmt.Errorf("line %d: top-level key %q: only paths:, responses: and schemas: are allowed", n, line)
			}
			current = key
		default:
			if current == "" {
				return nil, fmt.Errorf("line %d: indented line before any top-level key", n)
			}
			parts[current] = append(parts[current], line)
		}
	}
	return parts, sc.Err()
}
