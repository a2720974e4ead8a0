package mockserver

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/emcontract/emcontract/openapi"
)

// The refusal path reads serviceWords by operation, place, field (any array index) and rule,
// quotes the value at fault, and describes the other fields' violations after the words.
func TestRefusalMessageUsesTheServiceWords(t *testing.T) {
	body := []byte(`[{"username":"ok","password":"p"},{"username":"no way","password":"p"}]`)
	for _, c := range []struct {
		name string
		op   string
		vs   []openapi.Violation
		want string
	}{
		{"a rule with words, the value quoted", "registerUsers",
			[]openapi.Violation{{In: "body", Field: "1.username", Rule: "pattern", Message: "no match"}},
			"username [no way] is not legal"},
		{"the same field's other rules are said by the words", "registerUsers",
			[]openapi.Violation{{In: "body", Field: "1.username", Rule: "pattern"}, {In: "body", Field: "1.username", Rule: "minLength"}},
			"username [no way] is not legal"},
		{"another field's violation follows", "registerUsers",
			[]openapi.Violation{{In: "body", Field: "0.nickname", Rule: "maxLength", Message: "too long"}, {In: "body", Field: "1.password", Rule: "minLength", Message: "too short"}},
			"NICKNAME_TOO_LONG Also: request breaks the contract: body 1.password: too short (rule: minLength)"},
		{"the whole body's size", "registerUsers",
			[]openapi.Violation{{In: "body", Field: "", Rule: "maxItems"}},
			"Request body array size[2] had almost reached or been greater than the upper range value[60]"},
		{"no words for this operation: the contract's description", "createGroup",
			[]openapi.Violation{{In: "body", Field: "username", Rule: "pattern", Message: "no match"}},
			"request breaks the contract: body username: no match (rule: pattern)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, refusalMessage(c.op, c.vs, body, nil))
		})
	}
	assert.Equal(t, "removeWhitelist size is more than max limit : 60",
		refusalMessage("removeGroupAllowListUsers", []openapi.Violation{{In: "path", Field: "username", Rule: "maxItems"}}, nil, map[string]string{"username": "a,b"}))
}

func TestAnyIndexAndValueAt(t *testing.T) {
	assert.Equal(t, "*.username", anyIndex("12.username"))
	assert.Equal(t, "usernames", anyIndex("usernames"))
	assert.Equal(t, "", anyIndex(""))
	doc := []any{map[string]any{"u": "x"}}
	assert.Equal(t, "x", valueAt(doc, "0.u"))
	assert.Nil(t, valueAt(doc, "1.u"))
	assert.Nil(t, valueAt(doc, "a.u"))
	assert.Equal(t, doc, valueAt(doc, ""))
}
