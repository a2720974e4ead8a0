package report

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
)

// WriteJSON writes the coverage report as indented JSON.
func (r *CoverageReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes coverage.md.
func (r *CoverageReport) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	s := r.Summary
	b.WriteString("# Coverage\n\n")
	b.WriteString("`" + r.Line() + "`\n\n")
	fmt.Fprintf(&b, "Sources: catalogue `%s`, features `%s`, cucumber report `%s`, cassettes `%s` (%d).\n\n",
		r.Sources.Catalogue, r.Sources.Features, r.Sources.CucumberReport, r.Sources.Cassettes, s.Cassettes)
	fmt.Fprintf(&b, "Scenarios: %d (%d passed, %d failed, %d not run); %d tagged `@doc-conflict`, %d `@mock-only`, %d without a catalogue ID.\n",
		s.Scenarios, s.ScenariosPassed, s.ScenariosFailed, s.ScenariosNotRun, s.DocConflict, s.MockOnly, s.Untagged)
	if r.UnmatchedReportElements > 0 {
		fmt.Fprintf(&b, "\n%s of the cucumber report match no scenario of the feature files (renamed or deleted since the run).\n", plural(r.UnmatchedReportElements, "scenario"))
	}
	b.WriteString("\nA catalogue ID is covered when a scenario carries its tag in the feature files now and that scenario passed in the cucumber report. " +
		"Operations and statuses come from the cassettes (one per scenario): each recorded request is routed through the contract and its recorded status counted.\n")

	b.WriteString("\n## Catalogue IDs without a passing scenario\n\n")
	missing := 0
	for _, c := range r.IDs {
		if c.Passed {
			continue
		}
		missing++
		fmt.Fprintf(&b, "- **%s** (%s): %s\n", c.ID, c.Section, mdText(shorten(c.Behaviour, 140)))
		if len(c.Scenarios) == 0 {
			b.WriteString("  - no scenario carries the tag\n")
		}
		for _, sc := range c.Scenarios {
			fmt.Fprintf(&b, "  - %s: %s\n", sc.Status, mdText(sc.label()))
		}
	}
	if missing == 0 {
		b.WriteString("None.\n")
	}
	if len(r.UnknownIDs) > 0 {
		b.WriteString("\n## Tags shaped like IDs that the catalogue does not have\n\n")
		for _, tag := range sortedKeys(r.UnknownIDs) {
			fmt.Fprintf(&b, "- `%s`: %s\n", tag, mdText(strings.Join(r.UnknownIDs[tag], "; ")))
		}
	}

	b.WriteString("\n## Operations × statuses\n\n")
	b.WriteString("Each cell is the number of recorded scenarios that got that status; `·` is documented but not seen; " +
		"empty is not documented; `!n` is an undocumented status seen n times (see `emcontract validate`).\n\n")
	b.WriteString("| operation | call |")
	for _, st := range r.AllStatuses {
		b.WriteString(" " + st + " |")
	}
	b.WriteString("\n|---|---|")
	for range r.AllStatuses {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, op := range r.Operations {
		fmt.Fprintf(&b, "| %s | `%s %s` |", op.Operation, op.Method, op.Path)
		for _, st := range r.AllStatuses {
			b.WriteString(" " + cellText(op.cell(st)) + " |")
		}
		b.WriteString("\n")
	}
	if len(r.NoOperation) > 0 {
		b.WriteString("\nRecorded requests that match no operation:\n\n")
		for _, n := range r.NoOperation {
			fmt.Fprintf(&b, "- `%s`\n", n)
		}
	}

	b.WriteString("\n## Scenarios by operation and status\n\nOnly the statuses some recorded scenario got; the matrix above shows the rest.\n")
	for _, op := range r.Operations {
		if !op.Exercised() {
			continue
		}
		fmt.Fprintf(&b, "\n### %s: `%s %s`\n\n", op.Operation, op.Method, op.Path)
		for _, c := range op.Statuses {
			if len(c.Scenarios) == 0 {
				continue
			}
			note := ""
			if !c.Documented {
				note = " (undocumented)"
			}
			fmt.Fprintf(&b, "- %s%s: %s\n", c.Status, note, plural(len(c.Scenarios), "scenario"))
			shown := c.Scenarios
			if len(shown) > mdScenarioCap {
				shown = shown[:mdScenarioCap]
			}
			for _, sc := range shown {
				fmt.Fprintf(&b, "  - %s\n", mdText(sc))
			}
			if more := len(c.Scenarios) - len(shown); more > 0 {
				fmt.Fprintf(&b, "  - … and %d more (all of them in coverage.html)\n", more)
			}
		}
	}

	b.WriteString("\n## Catalogue IDs\n\n| ID | behaviour | scenarios | passing |\n|---|---|---|---|\n")
	for _, c := range r.IDs {
		var scs []string
		for _, sc := range c.Scenarios {
			scs = append(scs, fmt.Sprintf("%s (%s)", sc.label(), sc.Status))
		}
		mark := "yes"
		if !c.Passed {
			mark = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.ID, mdCell(shorten(c.Behaviour, 120)), mdCell(strings.Join(scs, "; ")), mark)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdScenarioCap bounds the scenarios listed per cell in Markdown: the token and user calls
// are in nearly every scenario. The HTML page lists them all, folded.
const mdScenarioCap = 10

func cellText(c *StatusCell) string {
	switch {
	case c == nil:
		return ""
	case !c.Documented:
		return fmt.Sprintf("!%d", len(c.Scenarios))
	case len(c.Scenarios) == 0:
		return "·"
	}
	return fmt.Sprint(len(c.Scenarios))
}

func mdText(s string) string {
	return strings.NewReplacer("\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// WriteHTML writes coverage.html: one self-contained page, inline CSS, no scripts, no
// external assets.
func (r *CoverageReport) WriteHTML(w io.Writer) error {
	return coverageHTML.Execute(w, r)
}

var coverageHTML = template.Must(template.New("coverage").Funcs(template.FuncMap{
	"cell":     func(op *OperationCoverage, status string) *StatusCell { return op.cell(status) },
	"cellText": cellText,
	"cellClass": func(c *StatusCell) string {
		switch {
		case c == nil:
			return "na"
		case !c.Documented:
			return "undoc"
		case len(c.Scenarios) == 0:
			return "unseen"
		}
		return "seen"
	},
	"short":   shorten,
	"missing": func(r *CoverageReport) []IDCoverage { return filterIDs(r.IDs, false) },
	"keys":    sortedKeys[[]string],
	"join":    strings.Join,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>emcontract coverage</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d2330;max-width:1400px}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d6dbe4;padding-bottom:.2rem}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.summary{background:#f3f5f9;border:1px solid #d6dbe4;border-radius:6px;padding:.6rem .9rem;font-family:ui-monospace,Menlo,Consolas,monospace}
.ok{color:#17692f}.bad{color:#a4161a;font-weight:600}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d6dbe4;padding:.25rem .45rem;vertical-align:top}
th{background:#eef1f6;position:sticky;top:0}
td.seen{background:#d9f2df;text-align:right}td.unseen{background:#f3f4f6;color:#8a93a3;text-align:center}
td.undoc{background:#f8d7da;text-align:right;font-weight:600}td.na{background:#fff}
tr.tag td{background:#fafbfd;font-weight:600;color:#4a5568}
details{margin:.2rem 0}summary{cursor:pointer}
ul{margin:.2rem 0 .2rem 1.2rem;padding:0}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.4rem;border:1px solid #d6dbe4}
</style>
</head>
<body>
<h1>emcontract coverage</h1>
<p class="summary">{{.Line}}</p>
<p>Sources: catalogue <code>{{.Sources.Catalogue}}</code>, features <code>{{.Sources.Features}}</code>,
cucumber report <code>{{.Sources.CucumberReport}}</code>, cassettes <code>{{.Sources.Cassettes}}</code> ({{.Summary.Cassettes}}).<br>
Scenarios: {{.Summary.Scenarios}} ({{.Summary.ScenariosPassed}} passed, {{.Summary.ScenariosFailed}} failed, {{.Summary.ScenariosNotRun}} not run);
{{.Summary.DocConflict}} tagged <code>@doc-conflict</code>, {{.Summary.MockOnly}} <code>@mock-only</code>, {{.Summary.Untagged}} without a catalogue ID.
{{if .UnmatchedReportElements}}<br>{{.UnmatchedReportElements}} scenarios of the cucumber report match no scenario of the feature files.{{end}}</p>
<p>A catalogue ID is covered when a scenario carries its tag in the feature files now and that scenario passed in the cucumber report.
Operations and statuses come from the cassettes (one per scenario): each recorded request is routed through the contract and its recorded status counted.</p>

<h2>Catalogue IDs without a passing scenario</h2>
{{with missing .}}<ul>{{range .}}<li><b class="bad">{{.ID}}</b> ({{.Section}}): {{short .Behaviour 160}}
<ul>{{range .Scenarios}}<li>{{.Status}}: <span class="mono">{{.File}}:{{.Line}}</span> {{.Name}}</li>{{else}}<li>no scenario carries the tag</li>{{end}}</ul></li>{{end}}</ul>
{{else}}<p class="ok">None: every catalogue ID has a passing scenario.</p>{{end}}
{{with .UnknownIDs}}<h2>Tags shaped like IDs that the catalogue does not have</h2><ul>{{range $tag := keys .}}<li><code>{{$tag}}</code>: {{join (index $.UnknownIDs $tag) "; "}}</li>{{end}}</ul>{{end}}

<h2>Operations × statuses</h2>
<p class="legend"><span class="seen" style="background:#d9f2df">n</span>recorded scenarios that got the status
<span style="background:#f3f4f6">·</span>documented, not seen <span style="background:#f8d7da">!n</span>undocumented status seen
<span>&nbsp;</span>not documented</p>
<table>
<tr><th>operation</th><th>call</th>{{range .AllStatuses}}<th>{{.}}</th>{{end}}</tr>
{{$all := .AllStatuses}}{{$tag := ""}}{{range .Operations}}{{if ne .Tag $tag}}{{$tag = .Tag}}<tr class="tag"><td colspan="2">{{.Tag}}</td><td colspan="{{len $all}}"></td></tr>{{end}}
<tr><td>{{.Operation}}</td><td class="mono">{{.Method}} {{.Path}}</td>{{$op := .}}{{range $all}}{{$c := cell $op .}}<td class="{{cellClass $c}}">{{cellText $c}}</td>{{end}}</tr>{{end}}
</table>
{{with .NoOperation}}<p>Recorded requests that match no operation:</p><ul>{{range .}}<li class="mono">{{.}}</li>{{end}}</ul>{{end}}

<h2>Scenarios by operation and status</h2>
<p>Only the operations and statuses some recorded scenario got; the matrix above shows the rest.</p>
{{range .Operations}}{{if .Exercised}}<details><summary><b>{{.Operation}}</b> <span class="mono">{{.Method}} {{.Path}}</span> ({{.Interactions}} recorded calls)</summary>
<ul>{{range .Statuses}}{{if .Scenarios}}<li>{{.Status}}{{if not .Documented}} <span class="bad">(undocumented)</span>{{end}}: <ul>{{range .Scenarios}}<li>{{.}}</li>{{end}}</ul></li>{{end}}{{end}}</ul>
</details>{{end}}{{end}}

<h2>Catalogue IDs</h2>
<table>
<tr><th>ID</th><th>behaviour</th><th>scenarios</th><th>passing</th></tr>
{{range .IDs}}<tr><td class="mono">{{.ID}}</td><td>{{short .Behaviour 160}}</td><td>{{range .Scenarios}}<div><span class="mono">{{.File}}:{{.Line}}</span> {{.Name}} <i>({{.Status}})</i></div>{{end}}</td>
<td class="{{if .Passed}}seen{{else}}undoc{{end}}">{{if .Passed}}yes{{else}}no{{end}}</td></tr>{{end}}
</table>
</body>
</html>
`))

func filterIDs(ids []IDCoverage, passed bool) []IDCoverage {
	var out []IDCoverage
	for _, c := range ids {
		if c.Passed == passed {
			out = append(out, c)
		}
	}
	return out
}
