package steps

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// With many scenarios at once and in random order, the pretty output still shows one whole
// scenario at a time, in file order, each under its own feature, with no colour codes when
// asked for none.
func TestPrettyOutputIsOrderedPerScenario(t *testing.T) {
	const tags = "@auth and not @slow"
	var out bytes.Buffer
	opts := RunOptions{
		Target: KindMock, Features: featuresDir, Tags: tags, Concurrency: 8, Randomize: -1,
		Output: &out, NoColor: true, Mock: quietMock, Log: t.Logf,
	}
	sel, err := opts.Plan()
	require.NoError(t, err)
	require.Greater(t, len(sel.Scenarios), 10)
	res, err := Run(context.Background(), opts)
	require.NoError(t, err)
	require.Equal(t, 0, res.Status, out.String())
	assert.Equal(t, int64(sel.Steps()), res.Steps, "the summary counts steps as godog does")

	text := out.String()
	assert.NotContains(t, text, "\x1b[", "no colour codes")
	header := regexp.MustCompile(`^  (?:Scenario|Example): .* # (\S+):(\d+)$`)
	feature := regexp.MustCompile(`^Feature: (.*)$`)
	var got []string
	steps := map[string]int{}
	current, currentFeature := "", ""
	for _, line := range strings.Split(text, "\n") {
		if m := feature.FindStringSubmatch(line); m != nil {
			currentFeature = m[1]
			continue
		}
		if m := header.FindStringSubmatch(line); m != nil {
			current = m[1] + ":" + m[2]
			got = append(got, current+" "+currentFeature)
			continue
		}
		if strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "      ") && current != "" {
			steps[current]++
		}
	}
	var want []string
	for _, p := range sel.Scenarios {
		line := p.Line
		if p.RowLine > 0 {
			line = p.RowLine
		}
		key := fmt.Sprintf("%s:%d", p.URI, line)
		want = append(want, key+" "+p.Feature)
		assert.Equal(t, p.Steps, steps[key], "%s: its steps right under its header", key)
	}
	assert.Equal(t, want, got, "scenarios in file order, each under its feature")
	assert.Regexp(t, fmt.Sprintf(`\n%d scenarios \(%d passed, 0 failed\)\n%d steps \(%d passed\)`, len(want), len(want), sel.Steps(), sel.Steps()), text)
}

// The JUnit report names each test case's feature (classname) and its file and line.
func TestJUnitHasClassnameFileAndLine(t *testing.T) {
	dir := t.TempDir()
	opts := RunOptions{
		Target: KindMock, Features: featuresDir + "/auth_and_errors/tokens.feature", Reports: dir,
		Format: "progress", Concurrency: 2, Output: &bytes.Buffer{}, NoColor: true, Mock: quietMock, Log: t.Logf,
	}
	sel, err := opts.Plan()
	require.NoError(t, err)
	_, err = Run(context.Background(), opts)
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(dir, "mock.selection.junit.xml"))
	require.NoError(t, err)
	var doc struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				File      string `xml:"file,attr"`
				Line      int64  `xml:"line,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(data, &doc), string(data))
	require.Len(t, doc.Suites, 1)
	cases := doc.Suites[0].Cases
	require.Len(t, cases, len(sel.Scenarios))
	for i, c := range cases {
		p := sel.Scenarios[i]
		assert.Equal(t, "App tokens", c.Classname, c.Name)
		assert.Equal(t, "features/auth_and_errors/tokens.feature", c.File, c.Name)
		want := p.Line
		if p.RowLine > 0 {
			want = p.RowLine
		}
		assert.Equal(t, want, c.Line, c.Name)
	}
}

func TestPrettyColoursWhenAsked(t *testing.T) {
	var out bytes.Buffer
	_, err := Run(context.Background(), RunOptions{
		Target: KindMock, Features: featuresDir + "/auth_and_errors/tokens.feature:7",
		Output: &out, Mock: quietMock, Log: t.Logf,
	})
	require.NoError(t, err)
	assert.Contains(t, out.String(), "\x1b[32mWhen I ask for an app token", "passed steps in green")
}
