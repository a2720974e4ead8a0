package suite

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// TagExpr is a parsed --tags expression. Two syntaxes are read:
//
//   - Cucumber's tag expressions: `not`, `and`, `or` and parentheses, with `not` binding
//     tightest and `or` loosest ("@groups and not (@slow or @live)"), as every Cucumber
//     implementation reads them;
//   - godog's own: "&&" between groups that must all hold, "," between alternatives within a
//     group, "~" for not ("@groups && ~@slow,@fast").
//
// Cucumber's own Go parser (github.com/cucumber/tag-expressions/go) is not reachable through
// the module proxy, so the grammar (a few dozen lines) is parsed here; godog itself evaluates
// only its own syntax, which is why GodogFilter rewrites an expression into it.
type TagExpr struct {
	source string
	root   tagNode
}

type tagNode interface {
	eval(tags map[string]bool) bool
	literals(into map[string]bool)
}

type tagLiteral string
type tagNot struct{ x tagNode }
type tagAnd struct{ l, r tagNode }
type tagOr struct{ l, r tagNode }

func (t tagLiteral) eval(tags map[string]bool) bool { return tags[string(t)] }
func (n tagNot) eval(tags map[string]bool) bool     { return !n.x.eval(tags) }
func (a tagAnd) eval(tags map[string]bool) bool     { return a.l.eval(tags) && a.r.eval(tags) }
func (o tagOr) eval(tags map[string]bool) bool      { return o.l.eval(tags) || o.r.eval(tags) }

func (t tagLiteral) literals(into map[string]bool) { into[string(t)] = true }
func (n tagNot) literals(into map[string]bool)     { n.x.literals(into) }
func (a tagAnd) literals(into map[string]bool)     { a.l.literals(into); a.r.literals(into) }
func (o tagOr) literals(into map[string]bool)      { o.l.literals(into); o.r.literals(into) }

// ParseTagExpr reads a --tags value; "" (or blanks) selects every scenario.
func ParseTagExpr(s string) (*TagExpr, error) {
	e := &TagExpr{source: s}
	if strings.TrimSpace(s) == "" {
		return e, nil
	}
	var err error
	if isGodogSyntax(s) {
		e.root, err = parseGodogTags(s)
	} else {
		e.root, err = parseCucumberTags(s)
	}
	if err != nil {
		return nil, fmt.Errorf("--tags %q: %w", s, err)
	}
	return e, nil
}

// String is the expression as given.
func (e *TagExpr) String() string { return e.source }

// Empty says the expression selects everything.
func (e *TagExpr) Empty() bool { return e == nil || e.root == nil }

// Match says whether a scenario with these tags (with their "@") is selected.
func (e *TagExpr) Match(tags []string) bool {
	if e.Empty() {
		return true
	}
	set := make(map[string]bool, len(tags))
	for _, t := range tags {
		set[t] = true
	}
	return e.root.eval(set)
}

// And is e and other (either may be empty).
func (e *TagExpr) And(other *TagExpr) *TagExpr {
	switch {
	case other.Empty():
		return e
	case e.Empty():
		return other
	}
	return &TagExpr{source: "(" + e.source + ") and (" + other.source + ")", root: tagAnd{e.root, other.root}}
}

// Within is e restricted to the scenarios other selects, still reading as e: a message about
// the selection quotes the --tags the user wrote, not the restriction added to it.
func (e *TagExpr) Within(other *TagExpr) *TagExpr {
	switch {
	case other.Empty():
		return e
	case e.Empty():
		return &TagExpr{root: other.root}
	}
	return &TagExpr{source: e.source, root: tagAnd{e.root, other.root}}
}

// GodogFilter writes the expression in godog's syntax (a conjunction of alternatives), exact
// for scenarios whose tags are among tagSets: for every combination of the expression's tags
// that some scenario has and the expression refuses, one group that rules out exactly that
// combination. Nothing else can be selected, since every scenario has one of those combinations.
func (e *TagExpr) GodogFilter(tagSets [][]string) string {
	if e.Empty() {
		return ""
	}
	lits := map[string]bool{}
	e.root.literals(lits)
	names := make([]string, 0, len(lits))
	for l := range lits {
		names = append(names, l)
	}
	sort.Strings(names)
	seen := map[string]bool{}
	var groups []string
	for _, tags := range tagSets {
		has := map[string]bool{}
		for _, t := range tags {
			if lits[t] {
				has[t] = true
			}
		}
		if e.root.eval(has) {
			continue
		}
		alts := make([]string, len(names))
		for i, n := range names {
			if has[n] {
				alts[i] = "~" + n
			} else {
				alts[i] = n
			}
		}
		g := strings.Join(alts, ",")
		if !seen[g] {
			seen[g] = true
			groups = append(groups, g)
		}
	}
	if len(groups) == 0 {
		return ""
	}
	return strings.Join(groups, " && ")
}

func isGodogSyntax(s string) bool { return strings.ContainsAny(s, "~,") || strings.Contains(s, "&&") }

// parseGodogTags reads "a,b && ~c": every group separated by "&&" must hold; a group holds
// when one of its comma-separated tags does.
func parseGodogTags(s string) (tagNode, error) {
	var root tagNode
	for gi, group := range strings.Split(s, "&&") {
		var alt tagNode
		for _, term := range strings.Split(group, ",") {
			term = strings.TrimSpace(term)
			neg := strings.HasPrefix(term, "~")
			term = strings.TrimSpace(strings.TrimPrefix(term, "~"))
			if term == "" || term == "@" {
				return nil, fmt.Errorf("empty tag in group %d (godog syntax: @a,@b && ~@c)", gi+1)
			}
			if strings.ContainsFunc(term, unicode.IsSpace) || strings.ContainsAny(term, "()~&|") {
				return nil, fmt.Errorf("%q is not a tag (godog syntax: @a,@b && ~@c; or Cucumber's: @a and not (@b or @c))", term)
			}
			if !strings.HasPrefix(term, "@") {
				term = "@" + term // godog ignores the "@"
			}
			var n tagNode = tagLiteral(term)
			if neg {
				n = tagNot{n}
			}
			if alt == nil {
				alt = n
			} else {
				alt = tagOr{alt, n}
			}
		}
		if root == nil {
			root = alt
		} else {
			root = tagAnd{root, alt}
		}
	}
	return root, nil
}

// parseCucumberTags is a recursive-descent parser of Cucumber's grammar:
//
//	or  := and ("or" and)*
//	and := not ("and" not)*
//	not := "not" not | "(" or ")" | tag
func parseCucumberTags(s string) (tagNode, error) {
	toks, err := tokenizeTags(s)
	if err != nil {
		return nil, err
	}
	p := &tagParser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q after a complete expression", p.toks[p.pos])
	}
	return n, nil
}

type tagParser struct {
	toks []string
	pos  int
}

func (p *tagParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *tagParser) or() (tagNode, error) {
	l, err := p.and()
	for err == nil && p.peek() == "or" {
		p.pos++
		var r tagNode
		if r, err = p.and(); err == nil {
			l = tagOr{l, r}
		}
	}
	return l, err
}

func (p *tagParser) and() (tagNode, error) {
	l, err := p.not()
	for err == nil && p.peek() == "and" {
		p.pos++
		var r tagNode
		if r, err = p.not(); err == nil {
			l = tagAnd{l, r}
		}
	}
	return l, err
}

func (p *tagParser) not() (tagNode, error) {
	tok := p.peek()
	p.pos++
	switch tok {
	case "":
		return nil, fmt.Errorf("the expression ends where a tag, \"not\" or \"(\" is expected")
	case "not":
		x, err := p.not()
		return tagNot{x}, err
	case "(":
		x, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, fmt.Errorf("a \"(\" is not closed")
		}
		p.pos++
		return x, nil
	case ")", "and", "or":
		return nil, fmt.Errorf("unexpected %q where a tag, \"not\" or \"(\" is expected", tok)
	}
	if !strings.HasPrefix(tok, "@") {
		return nil, fmt.Errorf("%q is not a tag: tags start with @ (operators: not, and, or, parentheses)", tok)
	}
	return tagLiteral(tok), nil
}

// tokenizeTags splits on blanks and parentheses; a backslash escapes the next character.
func tokenizeTags(s string) ([]string, error) {
	var toks []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\':
			if i+1 == len(rs) {
				return nil, fmt.Errorf("a backslash ends the expression")
			}
			i++
			cur.WriteRune(rs[i])
		case unicode.IsSpace(r):
			flush()
		case r == '(' || r == ')':
			flush()
			toks = append(toks, string(r))
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return toks, nil
}
