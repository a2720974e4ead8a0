package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// Custom attributes of group members (G-MATTR-*): key-value pairs set on one member of a group.
// These steps are group-only: the chatroom has no member-attribute call (its attributes belong
// to the room, steps/chatroom_attributes.go). The documents' byte limits (a key of 16 bytes, a
// value of 512, 4 KB a member, 10 targets, 20 members a batch) are applied by the store with
// the pages' words, not by the contract's schemas, so none of these requests breaks the spec.

func registerMemberAttributeSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I set (\w+)'s attributes in (the group|a group that does not exist):$`, setMemberAttributes)
	sc.Step(`^I set members' attributes in (the group|a group that does not exist) in one call:$`, setMembersAttributesBatch)
	sc.Step(`^I get (\w+)'s attributes in the group$`, getMemberAttributes)
	sc.Step(`^I get the attribute "([^"]*)" of (.+) in the group$`, getChosenAttribute)
	sc.Step(`^I get every attribute of (.+) in the group(, naming an empty list of keys)?$`, getEveryAttribute)
	sc.Step(`^the answer gives the attributes:$`, answerGivesAttributes)
	sc.Step(`^the member attribute feature is (on|off) for the app$`, memberAttributeFeatureSwitch)
}

// memberAttributesPath is /metadata/chatgroup/{id}<rest> for the scenario's group, or for an
// id no service hands out ("a group that does not exist").
func memberAttributesPath(w *World, which, rest string) (string, error) {
	id := groups.missingID
	if which == "the group" {
		var err error
		if id, err = groups.id(w, groups.key); err != nil {
			return "", err
		}
	}
	return "/metadata/chatgroup/" + url.PathEscape(id) + rest, nil
}

// generatedText reads a cell written as `512 bytes of "v"`: that character repeated.
var generatedText = regexp.MustCompile(`^(\d+) bytes of "(.)"$`)

// attributeText is a key or value cell as sent: `512 bytes of "v"` spelled out, else as written.
func attributeText(cell string) string {
	if m := generatedText.FindStringSubmatch(cell); m != nil {
		n, _ := strconv.Atoi(m[1])
		return strings.Repeat(m[2], n)
	}
	return cell
}

// attributeRows reads a key | value table (with that header row) in order.
func attributeRows(table *godog.Table) ([][2]string, error) {
	if len(table.Rows) < 2 || len(table.Rows[0].Cells) != 2 || table.Rows[0].Cells[0].Value != "key" || table.Rows[0].Cells[1].Value != "value" {
		return nil, fmt.Errorf("want a table with the header | key | value | and one row per attribute")
	}
	rows := make([][2]string, 0, len(table.Rows)-1)
	for _, r := range table.Rows[1:] {
		rows = append(rows, [2]string{attributeText(r.Cells[0].Value), attributeText(r.Cells[1].Value)})
	}
	return rows, nil
}

// setMemberAttributes sends the single set: PUT .../user/{u} {"metaData": {...}}.
func setMemberAttributes(ctx context.Context, user, which string, table *godog.Table) error {
	w := WorldFrom(ctx)
	rows, err := attributeRows(table)
	if err != nil {
		return err
	}
	pairs := map[string]any{}
	for _, r := range rows {
		pairs[r[0]] = r[1]
	}
	path, err := memberAttributesPath(w, which, "/user/"+url.PathEscape(w.User(user)))
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPut, path, map[string]any{"metaData": pairs})
}

// batchPairs reads a batch cell `key1=one, gone=` (an empty value deletes the key).
func batchPairs(cell string) (map[string]any, error) {
	pairs := map[string]any{}
	for _, p := range strings.Split(cell, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("%q: write the attributes as key1=one, key2=two (key2= deletes key2)", cell)
		}
		pairs[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return pairs, nil
}

// setMembersAttributesBatch sends the batch set, one item per row of a user | attributes
// table, in the table's order (a user may have several items).
func setMembersAttributesBatch(ctx context.Context, which string, table *godog.Table) error {
	w := WorldFrom(ctx)
	if len(table.Rows) < 2 || len(table.Rows[0].Cells) != 2 || table.Rows[0].Cells[0].Value != "user" || table.Rows[0].Cells[1].Value != "attributes" {
		return fmt.Errorf("want a table with the header | user | attributes | and one row per item")
	}
	items := make([]any, 0, len(table.Rows)-1)
	for _, r := range table.Rows[1:] {
		pairs, err := batchPairs(r.Cells[1].Value)
		if err != nil {
			return err
		}
		items = append(items, map[string]any{"username": w.User(r.Cells[0].Value), "metadata": pairs})
	}
	path, err := memberAttributesPath(w, which, "/users/batch")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPut, path, items)
}

func getMemberAttributes(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	path, err := memberAttributesPath(w, "the group", "/user/"+url.PathEscape(w.User(user)))
	if err != nil {
		return err
	}
	return send(ctx, http.MethodGet, path, nil)
}

// getAttributesOf sends the get of chosen keys (POST .../get); properties nil leaves the field out.
func getAttributesOf(ctx context.Context, list string, properties []string) error {
	w := WorldFrom(ctx)
	targets, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	body := map[string]any{"targets": targets}
	if properties != nil {
		body["properties"] = properties
	}
	path, err := memberAttributesPath(w, "the group", "/get")
	if err != nil {
		return err
	}
	return send(ctx, http.MethodPost, path, body)
}

func getChosenAttribute(ctx context.Context, key, list string) error {
	return getAttributesOf(ctx, list, []string{key})
}

func getEveryAttribute(ctx context.Context, list, emptyKeys string) error {
	if emptyKeys != "" {
		return getAttributesOf(ctx, list, []string{})
	}
	return getAttributesOf(ctx, list, nil)
}

// answerGivesAttributes checks the pairs in the last answer's data (the set's answer or the
// get's); a value (none) means the key is absent.
func answerGivesAttributes(ctx context.Context, table *godog.Table) error {
	w := WorldFrom(ctx)
	rows, err := attributeRows(table)
	if err != nil {
		return err
	}
	data, err := lastJSON(w, "data")
	if err != nil {
		return err
	}
	pairs, ok := data.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: data is %s, want an object of attributes", w.LastRequest(), describe(data))
	}
	for _, r := range rows {
		got, present := pairs[r[0]]
		switch {
		case r[1] == "(none)" && present:
			return fmt.Errorf("%s: the attribute %q is %s, want none", w.LastRequest(), r[0], abbreviate([]byte(asString(got)), 80))
		case r[1] != "(none)" && (!present || asString(got) != r[1]):
			return fmt.Errorf("%s: the attribute %q is %s, want %s", w.LastRequest(), r[0], abbreviate([]byte(fmt.Sprint(got)), 80), abbreviate([]byte(r[1]), 80))
		}
	}
	return nil
}

// The member-attribute feature switch (G-MATTR-11), on the mock only: the real service enables
// the feature per app on request, so the mock's control API switches it. Nothing is undone
// afterwards: @mock-only scenarios run only on the mock target, which gives every scenario a
// fresh mock.

func memberAttributeSwitchPath() string {
	return "/_mock/member-attributes/" + MockOrg + "/" + MockApp
}

func memberAttributeFeatureSwitch(ctx context.Context, state string) error {
	_, err := WorldFrom(ctx).MockControl(ctx, http.MethodPut, memberAttributeSwitchPath(), map[string]any{"enabled": state == "on"})
	return err
}
