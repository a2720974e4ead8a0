package suite

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Cucumber's tag expressions and godog's own syntax select the same scenarios a Cucumber user
// would expect.
func TestTagExpressionsMatchAsCucumberReadsThem(t *testing.T) {
	a, b, ab, none := []string{"@a"}, []string{"@b"}, []string{"@a", "@b"}, []string{"@c"}
	cases := []struct {
		expr string
		want [4]bool // a, b, ab, none
	}{
		{"", [4]bool{true, true, true, true}},
		{"@a", [4]bool{true, false, true, false}},
		{"not @a", [4]bool{false, true, false, true}},
		{"@a or @b", [4]bool{true, true, true, false}},
		{"@a and @b", [4]bool{false, false, true, false}},
		{"@a and not @b", [4]bool{true, false, false, false}},
		{"not (@a or @b)", [4]bool{false, false, false, true}},
		{"not @a or @b", [4]bool{false, true, true, true}},     // not binds tighter than or
		{"@a or @b and @c", [4]bool{true, false, true, false}}, // and binds tighter than or
		{"(@a or @c) and not @b", [4]bool{true, false, false, true}},
		{"~@a", [4]bool{false, true, false, true}},        // godog
		{"@a,@b", [4]bool{true, true, true, false}},       // godog
		{"@a && ~@b", [4]bool{true, false, false, false}}, // godog
		{"a,b && ~c", [4]bool{true, true, true, false}},   // godog ignores "@"
	}
	for _, c := range cases {
		e, err := ParseTagExpr(c.expr)
		require.NoError(t, err, c.expr)
		got := [4]bool{e.Match(a), e.Match(b), e.Match(ab), e.Match(none)}
		assert.Equal(t, c.want, got, c.expr)
	}
}

func TestMalformedTagExpressionsAreClearErrors(t *testing.T) {
	for expr, says := range map[string]string{
		"@a&&":       "empty tag",
		"@a &&":      "empty tag",
		",@a":        "empty tag",
		"@a and":     "ends where a tag",
		"(@a or @b":  "not closed",
		"@a or @b)":  `unexpected ")"`,
		"@a @b":      `unexpected "@b"`,
		"and @a":     `unexpected "and"`,
		"not":        "ends where a tag",
		"slow":       "tags start with @",
		"@a && @b c": "is not a tag",
		`@a\`:        "backslash",
	} {
		_, err := ParseTagExpr(expr)
		require.Error(t, err, expr)
		assert.Contains(t, err.Error(), says, expr)
		assert.Contains(t, err.Error(), expr, "the error quotes the expression")
	}
}

// GodogFilter must select, through godog's own evaluation, exactly the scenarios the
// expression does: godog reads "x,~y && z" as (x or not y) and z.
func TestGodogFilterSelectsExactlyTheExpression(t *testing.T) {
	sets := [][]string{{"@a"}, {"@b"}, {"@a", "@b"}, {"@c"}, {"@a", "@c"}, {}}
	for _, expr := range []string{"not @a", "@a or @b", "@a and not (@b or @c)", "not (@a and @b)", "@a"} {
		e, err := ParseTagExpr(expr)
		require.NoError(t, err)
		filter := e.GodogFilter(sets)
		for _, s := range sets {
			assert.Equal(t, e.Match(s), godogMatch(filter, s), "%q as %q on %v", expr, filter, s)
		}
	}
}

// godogMatch is godog v0.15's tag filter (internal/tags.match), copied as the test's oracle
// because the suite cannot import godog's internal package.
func godogMatch(filter string, tags []string) bool {
	if filter == "" {
		return true
	}
	has := func(tag string) bool {
		for _, t := range tags {
			if strings.ReplaceAll(t, "@", "") == tag {
				return true
			}
		}
		return false
	}
	ok := true
	for _, andTags := range strings.Split(filter, "&&") {
		okComma := false
		for _, tag := range strings.Split(andTags, ",") {
			tag = strings.ReplaceAll(strings.TrimSpace(tag), "@", "")
			okComma = has(tag) || okComma
			if tag[0] == '~' {
				okComma = !has(tag[1:]) || okComma
			}
		}
		ok = ok && okComma
	}
	return ok
}
