package report

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Keys whose values the server generates: they identify something created earlier and are
// mapped, never compared as they are.
var idKeys = map[string]bool{
	"id": true, "groupid": true, "group_id": true, "chatroomid": true, "chatroom_id": true,
	"file_id": true, "cursor": true, "thread_id": true, "msg_id": true, "msgId": true, "groupId": true,
}

// Keys whose values depend on when or where the call ran: only their JSON type is compared.
var volatileKeys = map[string]bool{
	"timestamp": true, "created": true, "modified": true, "duration": true, "last_modified": true,
	"lastModified": true, "expire": true, "expires_in": true, "uri": true, "application": true,
	"uuid": true, "access_token": true, "file_url": true, "host": true,
}

// permanentExpire is what a permanent mute answers (G-MUTE-02): a constant, so it is compared.
const permanentExpire = 4638873600000

// idMap maps ids the recording's server generated to the ids the replay target generated.
type idMap struct {
	fwd, rev map[string]string
	text     *regexp.Regexp // matches any recorded id inside free text; nil until ids are known
}

func newIDMap() *idMap { return &idMap{fwd: map[string]string{}, rev: map[string]string{}} }

// add records rec -> got; it fails when either side is already paired with another id.
func (m *idMap) add(rec, got string) error {
	if prev, ok := m.fwd[rec]; ok && prev != got {
		return fmt.Errorf("recorded %s was answered %s before", rec, prev)
	}
	if prev, ok := m.rev[got]; ok && prev != rec {
		return fmt.Errorf("the mock gave %s before for recorded %s", got, prev)
	}
	if _, ok := m.fwd[rec]; !ok && rec != got {
		m.fwd[rec], m.rev[got] = got, rec
		m.text = nil
	}
	return nil
}

// mapToken maps a whole value (a path segment item, a query value, a JSON string).
func (m *idMap) mapToken(s string) string {
	if v, ok := m.fwd[s]; ok {
		return v
	}
	return s
}

// mapPath maps each segment of an escaped path, and each item of a comma list in a segment
// (`,` or `%2C`).
func (m *idMap) mapPath(escaped string) string {
	if len(m.fwd) == 0 {
		return escaped
	}
	segs := strings.Split(escaped, "/")
	for i, seg := range segs {
		var b strings.Builder
		last := 0
		for _, sep := range commaSep.FindAllStringIndex(seg, -1) {
			b.WriteString(m.mapToken(seg[last:sep[0]]))
			b.WriteString(seg[sep[0]:sep[1]])
			last = sep[1]
		}
		b.WriteString(m.mapToken(seg[last:]))
		segs[i] = b.String()
	}
	return strings.Join(segs, "/")
}

var (
	commaSep = regexp.MustCompile(`,|%2[cC]`)
	digits   = regexp.MustCompile(`^[0-9]+$`)
)

// mapJSON maps string values of a JSON body (at any depth) that are recorded ids, and numbers
// of ten digits or more that are (the thread page's example sends group and message ids as
// numbers; the ids are clock-based, and shorter numbers are counts and limits).
func (m *idMap) mapJSON(body string) string {
	if len(m.fwd) == 0 {
		return body
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return body
	}
	changed := false
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case string:
			if mapped := m.mapToken(v); mapped != v {
				changed = true
				return mapped
			}
		case json.Number:
			if n := v.String(); len(n) >= 10 && digits.MatchString(n) && digits.MatchString(m.mapToken(n)) && m.mapToken(n) != n {
				changed = true
				return json.Number(m.mapToken(n))
			}
		case map[string]any:
			for k, c := range v {
				v[k] = walk(c)
			}
		case []any:
			for i, c := range v {
				v[i] = walk(c)
			}
		}
		return v
	}
	doc = walk(doc)
	if !changed {
		return body
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return body
	}
	return string(out)
}

// mapText maps recorded ids inside free text ("user: bob doesn't exist in group: 123").
func (m *idMap) mapText(s string) string {
	if len(m.fwd) == 0 {
		return s
	}
	if m.text == nil {
		keys := make([]string, 0, len(m.fwd))
		for k := range m.fwd {
			if len(k) >= 4 { // too short an id would match inside ordinary words
				keys = append(keys, regexp.QuoteMeta(k))
			}
		}
		if len(keys) == 0 {
			return s
		}
		sort.Slice(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
		m.text = regexp.MustCompile(`\b(?:` + strings.Join(keys, "|") + `)\b`)
	}
	return m.text.ReplaceAllStringFunc(s, m.mapToken)
}

// comparer walks a recorded value and the target's side by side and collects differences.
type comparer struct {
	ids   *idMap
	diffs []Difference
}

func (c *comparer) add(path string, rec, got any) {
	c.diffs = append(c.diffs, Difference{Field: path, Recorded: show(rec), Mock: show(got)})
}

// value compares rec with got at path; key is the object key the values sit under (the
// enclosing key for array items). learn says whether new id pairs are recorded.
func (c *comparer) value(path, key string, rec, got any, learn bool) {
	if volatileKeys[key] {
		if key == "expire" && (rec == float64(permanentExpire) || got == float64(permanentExpire)) {
			if rec != got {
				c.add(path, rec, got)
			}
			return
		}
		if jsonType(rec) != jsonType(got) && !(isNumber(rec) && isNumber(got)) {
			c.diffs = append(c.diffs, Difference{Field: path, Recorded: jsonType(rec) + " " + show(rec), Mock: jsonType(got) + " " + show(got)})
		}
		return
	}
	switch r := rec.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			c.add(path, rec, got)
			return
		}
		keys := map[string]bool{}
		for k := range r {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			rv, rok := r[k]
			gv, gok := g[k]
			switch {
			case !gok:
				c.diffs = append(c.diffs, Difference{Field: path + "." + k, Recorded: show(rv), Mock: "absent"})
			case !rok:
				c.diffs = append(c.diffs, Difference{Field: path + "." + k, Recorded: "absent", Mock: show(gv)})
			default:
				c.value(path+"."+k, k, rv, gv, learn)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			c.add(path, rec, got)
			return
		}
		c.array(path, key, r, g, learn)
	default:
		if idKeys[key] && scalar(rec) && scalar(got) {
			c.id(path, rec, got, learn)
			return
		}
		if rs, ok := rec.(string); ok {
			if gs, ok := got.(string); ok && c.ids.mapText(rs) == gs {
				return
			}
		}
		if rec != got {
			c.add(path, rec, got)
		}
	}
}

func (c *comparer) id(path string, rec, got any, learn bool) {
	rs, gs := fmt.Sprint(rec), fmt.Sprint(got)
	if mapped, ok := c.ids.fwd[rs]; ok {
		if mapped != gs {
			c.diffs = append(c.diffs, Difference{Field: path, Recorded: fmt.Sprintf("%s (the mock's %s)", show(rec), mapped), Mock: show(got)})
		}
		return
	}
	if prev, ok := c.ids.rev[gs]; ok && prev != rs {
		c.diffs = append(c.diffs, Difference{Field: path, Recorded: show(rec), Mock: fmt.Sprintf("%s (which stands for recorded %s)", show(got), prev)})
		return
	}
	if learn {
		if err := c.ids.add(rs, gs); err != nil {
			c.diffs = append(c.diffs, Difference{Field: path, Recorded: show(rec), Mock: show(got) + ": " + err.Error()})
		}
	}
}

// idValues compares an object whose every value is a generated id, keyed by what the request
// named (the send calls' data {receiver: msg_id}): keys through the id map (a group receiver is
// a recorded id), values as ids, learnt.
func (c *comparer) idValues(path string, rec, got any) {
	r, rok := rec.(map[string]any)
	g, gok := got.(map[string]any)
	if !rok || !gok {
		c.add(path, rec, got)
		return
	}
	seen := map[string]bool{}
	for _, k := range sortedKeys(r) {
		mk := c.ids.mapToken(k)
		seen[mk] = true
		gv, ok := g[mk]
		if !ok {
			c.diffs = append(c.diffs, Difference{Field: path + "." + k, Recorded: show(r[k]), Mock: "absent"})
			continue
		}
		if scalar(r[k]) && scalar(gv) {
			c.id(path+"."+k, r[k], gv, true)
		} else {
			c.add(path+"."+k, r[k], gv)
		}
	}
	for _, k := range sortedKeys(g) {
		if !seen[k] {
			c.diffs = append(c.diffs, Difference{Field: path + "." + k, Recorded: "absent", Mock: show(g[k])})
		}
	}
}

// learn records an id pair outside a comparison (the cursor, whose presence is all that is
// compared).
func (c *comparer) learn(rec, got any) {
	if scalar(rec) && scalar(got) {
		_ = c.ids.add(fmt.Sprint(rec), fmt.Sprint(got))
	}
}

// array compares in order first; when that fails, it tries to pair every recorded item with an
// equal item of the target's in any order (page order is not guaranteed, G-GRP-02), and only
// reports the in-order differences when no such pairing exists.
func (c *comparer) array(path, key string, r, g []any, learn bool) {
	if len(r) != len(g) {
		c.diffs = append(c.diffs, Difference{Field: path, Recorded: fmt.Sprintf("%d items %s", len(r), show(r)), Mock: fmt.Sprintf("%d items %s", len(g), show(g))})
		return
	}
	trial := func(i, j int) bool {
		t := &comparer{ids: c.ids}
		t.value(path, key, r[i], g[j], false)
		return len(t.diffs) == 0
	}
	pairs := make([]int, len(r))
	inOrder := true
	for i := range r {
		if !trial(i, i) {
			inOrder = false
			break
		}
		pairs[i] = i
	}
	if !inOrder {
		used := make([]bool, len(g))
		ok := true
		for i := range r {
			found := -1
			for j := range g {
				if !used[j] && trial(i, j) {
					found = j
					break
				}
			}
			if found < 0 {
				ok = false
				break
			}
			used[found], pairs[i] = true, found
		}
		if !ok {
			for i := range pairs {
				pairs[i] = i
			}
		}
	}
	for i, j := range pairs {
		c.value(fmt.Sprintf("%s.%d", path, i), key, r[i], g[j], learn)
	}
}

func scalar(v any) bool {
	switch v.(type) {
	case string, float64:
		return true
	}
	return false
}

func isNumber(v any) bool { _, ok := v.(float64); return ok }
