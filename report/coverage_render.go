package report

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"
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
	b.WriteString("\nA catalogue ID is covered when scenarios carry its tag in the feature files now and every one of them passed in the cucumber report. " +
		"Operations and statuses come from the cassettes (one per scenario): each recorded request is routed through the contract and its recorded status counted.\n")

	b.WriteString("\n## Catalogue IDs not covered (no scenario, or one that did not pass)\n\n")
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
	b.WriteString("\n## Catalogue IDs run on the mock only (no cassette holds one of their scenarios)\n\n")
	mockOnly := 0
	for _, c := range r.IDs {
		if c.Recorded || len(c.Scenarios) == 0 {
			continue
		}
		mockOnly++
		fmt.Fprintf(&b, "- **%s** (%s): %s\n", c.ID, c.Section, mdText(shorten(c.Behaviour, 140)))
	}
	if mockOnly == 0 {
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

// WriteHTML writes coverage.html: one self-contained page (inline CSS and one inline script
// for the filter, no external assets). It opens with the summary and the run the report came
// from, then a table of contents whose entries, and every ID and operation, are anchors.
func (r *CoverageReport) WriteHTML(w io.Writer) error {
	return coverageHTML.Execute(w, r)
}

// mdHTML renders the catalogue's inline Markdown (`code`, **bold**) as HTML, escaping
// everything else: the behaviour texts are written in Markdown tables.
func mdHTML(s string) template.HTML {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(part) + "</code>")
			continue
		}
		for j, bp := range strings.Split(part, "**") {
			if j%2 == 1 {
				b.WriteString("<b>" + template.HTMLEscapeString(bp) + "</b>")
			} else {
				b.WriteString(template.HTMLEscapeString(bp))
			}
		}
	}
	return template.HTML(b.String())
}

// sections lists the catalogue's sections in order, with an anchor each.
func sections(ids []IDCoverage) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range ids {
		if !seen[c.Section] {
			seen[c.Section] = true
			out = append(out, c.Section)
		}
	}
	return out
}

func anchor(prefix, s string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
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
	"md":       mdHTML,
	"missing":  func(r *CoverageReport) []IDCoverage { return filterIDs(r.IDs, false) },
	"keys":     sortedKeys[[]string],
	"join":     strings.Join,
	"sections": sections,
	"anchor":   anchor,
	"inSection": func(ids []IDCoverage, section string) []IDCoverage {
		var out []IDCoverage
		for _, c := range ids {
			if c.Section == section {
				out = append(out, c)
			}
		}
		return out
	},
	"when": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>emcontract coverage</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1.5rem 2rem;color:#1d2330;max-width:1400px}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d6dbe4;padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
code{background:#f0f2f6;border-radius:3px;padding:0 .2rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}
.card{border:1px solid #d6dbe4;border-radius:6px;padding:.4rem .8rem;min-width:11rem;background:#f8f9fb}
.card b{display:block;font-size:1.4rem}.card.ok b{color:#17692f}.card.bad b{color:#a4161a}
.run{color:#4a5568}.summary{font-family:ui-monospace,Menlo,Consolas,monospace;color:#4a5568}
.ok{color:#17692f}.bad{color:#a4161a;font-weight:600}
nav{border:1px solid #d6dbe4;border-radius:6px;padding:.3rem 1rem;background:#fbfcfd}nav ol{margin:.3rem 0}
.filterbar{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #d6dbe4;z-index:2}
.filterbar input{font:inherit;padding:.25rem .5rem;width:24rem;max-width:70vw}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d6dbe4;padding:.25rem .45rem;vertical-align:top}
th{background:#eef1f6}
td.seen{background:#d9f2df;text-align:right}td.unseen{background:#f3f4f6;color:#8a93a3;text-align:center}
td.undoc{background:#f8d7da;text-align:right;font-weight:600}td.na{background:#fff}
tr.tag td{background:#fafbfd;font-weight:600;color:#4a5568}
details{margin:.2rem 0}summary{cursor:pointer}
ul{margin:.2rem 0 .2rem 1.2rem;padding:0}
pre.error{white-space:pre-wrap;background:#fdf2f2;border-left:3px solid #a4161a;padding:.3rem .6rem;margin:.2rem 0 .6rem}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.4rem;border:1px solid #d6dbe4}
:target{outline:2px solid #3b82f6}
h2,h3,tr,details{scroll-margin-top:3.5rem}
[hidden]{display:none!important}
</style>
</head>
<body>
<header id="summary">
<h1>emcontract coverage</h1>
<div class="cards">
<div class="card {{if eq .Summary.IDsPassing .Summary.IDsTotal}}ok{{else}}bad{{end}}"><b>{{.Summary.IDsPassing}}/{{.Summary.IDsTotal}}</b>catalogue IDs whose scenarios all passed</div>
<div class="card {{if .Summary.ScenariosFailed}}bad{{else}}ok{{end}}"><b>{{.Summary.ScenariosPassed}}/{{.Summary.Scenarios}}</b>scenarios passed ({{.Summary.ScenariosFailed}} failed, {{.Summary.ScenariosNotRun}} not run)</div>
<div class="card"><b>{{.Summary.OpsExercised}}/{{.Summary.OpsTotal}}</b>operations exercised</div>
<div class="card"><b>{{.Summary.StatusesSeen}}/{{.Summary.StatusesTotal}}</b>documented statuses seen</div>
</div>
<p class="run" id="run">{{with .Run}}Run: {{when .Started}}, target <b>{{.Target}}</b>{{with .BaseURL}} ({{.}}){{end}}{{with .Cassettes}} (cassettes {{.}}){{end}}, {{.Selection}}; {{.Scenarios}} run, {{.Failed}} failed, {{if .Passed}}<span class="ok">passed</span>{{else}}<span class="bad">failed</span>{{end}}.
{{else}}Run: unknown (no run description beside the cucumber report).{{end}}</p>
<p class="summary">{{.Line}}</p>
<p>Sources: catalogue <code>{{.Sources.Catalogue}}</code>, features <code>{{.Sources.Features}}</code>,
cucumber report <code>{{.Sources.CucumberReport}}</code>, cassettes <code>{{.Sources.Cassettes}}</code> ({{.Summary.Cassettes}}).
{{.Summary.DocConflict}} scenarios tagged <code>@doc-conflict</code>, {{.Summary.MockOnly}} <code>@mock-only</code>, {{.Summary.Untagged}} without a catalogue ID.
{{if .UnmatchedReportElements}}{{.UnmatchedReportElements}} scenarios of the cucumber report match no scenario of the feature files.{{end}}</p>
</header>

<nav id="toc"><b>Contents</b>
<ol>
<li><a href="#missing">Catalogue IDs not covered</a> ({{len (missing .)}})</li>
<li><a href="#failed">Failed scenarios</a> ({{len .Failed}})</li>
<li><a href="#matrix">Operations × statuses</a></li>
<li><a href="#by-operation">Scenarios by operation and status</a></li>
<li><a href="#ids">Catalogue IDs</a> ({{len .IDs}})<ol>{{range sections .IDs}}<li><a href="#{{anchor "sec-" .}}">{{.}}</a></li>{{end}}</ol></li>
</ol>
</nav>

<div class="filterbar"><label>Filter: <input id="filter" type="search" placeholder="an ID, an operation, a path, a scenario or any word" autocomplete="off"></label>
<span id="filter-count"></span></div>

<h2 id="missing">Catalogue IDs not covered (no scenario, or one that did not pass)</h2>
<p>A catalogue ID is covered when scenarios carry its tag in the feature files now and every one of them passed in the cucumber report.</p>
{{with missing .}}<ul>{{range .}}<li class="f"><a href="#{{.ID}}" class="bad">{{.ID}}</a> ({{.Section}}): {{md .Behaviour}}
<ul>{{range .Scenarios}}<li>{{.Status}}: <span class="mono">{{.File}}:{{.Line}}</span> {{.Name}}</li>{{else}}<li>no scenario carries the tag</li>{{end}}</ul></li>{{end}}</ul>
{{else}}<p class="ok">None: every catalogue ID has scenarios and all of them passed.</p>{{end}}
{{with .UnknownIDs}}<h3>Tags shaped like IDs that the catalogue does not have</h3><ul>{{range $tag := keys .}}<li class="f"><code>{{$tag}}</code>: {{join (index $.UnknownIDs $tag) "; "}}</li>{{end}}</ul>{{end}}

<h2 id="failed">Failed scenarios</h2>
{{with .Failed}}<ul>{{range .}}<li class="f"><span class="mono">{{.File}}:{{.Line}}</span> <b>{{.Name}}</b> <i>({{.Status}})</i>
{{with .FailedStep}}<div>at the step <code>{{.}}</code></div>{{end}}{{with .Error}}<pre class="error">{{.}}</pre>{{end}}</li>{{end}}</ul>
{{else}}<p class="ok">None.</p>{{end}}

<h2 id="matrix">Operations × statuses</h2>
<p>Operations and statuses come from the cassettes (one per scenario): each recorded request is routed through the contract and its recorded status counted.</p>
<p class="legend"><span class="seen" style="background:#d9f2df">n</span>recorded scenarios that got the status
<span style="background:#f3f4f6">·</span>documented, not seen <span style="background:#f8d7da">!n</span>undocumented status seen
<span>&nbsp;</span>not documented</p>
<table>
<thead><tr><th>operation</th><th>call</th>{{range .AllStatuses}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{$all := .AllStatuses}}{{$tag := ""}}{{range .Operations}}{{if ne .Tag $tag}}{{$tag = .Tag}}<tr class="tag"><td colspan="2">{{.Tag}}</td><td colspan="{{len $all}}"></td></tr>{{end}}
<tr class="f" id="op-{{.Operation}}"><td>{{if .Exercised}}<a href="#calls-{{.Operation}}">{{.Operation}}</a>{{else}}{{.Operation}}{{end}}</td><td class="mono">{{.Method}} {{.Path}}</td>{{$op := .}}{{range $all}}{{$c := cell $op .}}<td class="{{cellClass $c}}">{{cellText $c}}</td>{{end}}</tr>{{end}}
</tbody></table>
{{with .NoOperation}}<p>Recorded requests that match no operation:</p><ul>{{range .}}<li class="mono f">{{.}}</li>{{end}}</ul>{{end}}

<h2 id="by-operation">Scenarios by operation and status</h2>
<p>Only the operations and statuses some recorded scenario got; the matrix above shows the rest.</p>
{{range .Operations}}{{if .Exercised}}<details class="f" id="calls-{{.Operation}}"><summary><b>{{.Operation}}</b> <span class="mono">{{.Method}} {{.Path}}</span> ({{.Interactions}} recorded calls)</summary>
<ul>{{range .Statuses}}{{if .Scenarios}}<li>{{.Status}}{{if not .Documented}} <span class="bad">(undocumented)</span>{{end}}: <ul>{{range .Scenarios}}<li>{{.}}</li>{{end}}</ul></li>{{end}}{{end}}</ul>
</details>{{end}}{{end}}

<h2 id="ids">Catalogue IDs</h2>
{{$ids := .IDs}}{{range sections .IDs}}<h3 id="{{anchor "sec-" .}}">{{.}}</h3>
<table>
<thead><tr><th>ID</th><th>behaviour</th><th>scenarios</th><th>passing</th></tr></thead>
<tbody>{{range inSection $ids .}}<tr class="f id" id="{{.ID}}"><td class="mono"><a href="#{{.ID}}">{{.ID}}</a></td><td>{{md .Behaviour}}</td><td>{{range .Scenarios}}<div><span class="mono">{{.File}}:{{.Line}}</span> {{.Name}} <i>({{.Status}})</i></div>{{else}}<i>no scenario</i>{{end}}</td>
<td class="{{if .Passed}}seen{{else}}undoc{{end}}">{{if .Passed}}yes{{else}}no{{end}}</td></tr>{{end}}</tbody>
</table>{{end}}

<script>
// The filter hides the rows and items (class "f") whose text does not hold every word typed;
// an address ending in #filter=WORDS starts with those words.
(function () {
  var input = document.getElementById("filter"), count = document.getElementById("filter-count");
  var items = Array.prototype.slice.call(document.querySelectorAll(".f"));
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    items.forEach(function (el) {
      var text = el.textContent.toLowerCase();
      var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
      el.hidden = !hit;
      if (hit) { shown++; }
    });
    count.textContent = words.length ? shown + " of " + items.length + " entries match" : "";
  }
  input.addEventListener("input", apply);
  var m = /^#filter=(.*)$/.exec(location.hash);
  if (m) { input.value = decodeURIComponent(m[1]); apply(); }
})();
</script>
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
