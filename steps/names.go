package steps

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Lists of users as the features write them, and the checks on lists of user names that the
// group and the chatroom steps share. Real names are compared; messages speak logical ones.

var nameRange = regexp.MustCompile(`^([A-Za-z]+)(\d+) to ([A-Za-z]+)(\d+)$`)

// userNames reads a list of users as a QA engineer writes it: "bob", "bob and carol",
// "bob, carol and dave", a range "fan1 to fan60", ranges among names ("u1 to u99 and bob"), or
// "nobody" ("" too: an optional list that was left out).
func userNames(list string) ([]string, error) {
	list = strings.TrimSpace(list)
	if list == "" || list == "nobody" {
		return nil, nil
	}
	var out []string
	for _, item := range splitNames(list) {
		m := nameRange.FindStringSubmatch(item)
		if m == nil {
			out = append(out, item)
			continue
		}
		from, _ := strconv.Atoi(m[2])
		to, _ := strconv.Atoi(m[4])
		if m[1] != m[3] || from > to {
			return nil, fmt.Errorf("%q: a range is written like fan1 to fan60", item)
		}
		for i := from; i <= to; i++ {
			out = append(out, m[1]+strconv.Itoa(i))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no user names in %q (write nobody for none)", list)
	}
	return out, nil
}

// splitNames reads "alice, bob and carol" as three names.
func splitNames(list string) []string {
	list = strings.ReplaceAll(list, " and ", ",")
	var out []string
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// realNamesOf maps a written list of users to the names the target knows.
func realNamesOf(w *World, list string) ([]string, error) {
	names, err := userNames(list)
	if err != nil {
		return nil, err
	}
	return w.Users(names...), nil
}

// logicalList shows real user names as the feature wrote them: "[bob, carol]", or "no one".
func logicalList(w *World, real []string) string {
	if len(real) == 0 {
		return "no one"
	}
	out := make([]string, len(real))
	for i, r := range real {
		out[i] = w.Logical(r)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// sameUsers compares two lists of real user names in any order (the documents promise none).
func sameUsers(w *World, what string, got, want []string) error {
	g, x := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if slices.Equal(g, x) {
		return nil
	}
	return fmt.Errorf("%s: want %s, got %s", what, logicalList(w, x), logicalList(w, g))
}

// userListed checks that a list of real user names holds the user (want) or lacks them.
func userListed(w *World, what string, list []string, user string, want bool) error {
	return listed(what, list, w.User(user), want, user, logicalList(w, list))
}

// listed checks that list holds x (want) or lacks it; name and shown stand for x and for the
// list in the message.
func listed(what string, list []string, x string, want bool, name, shown string) error {
	switch has := slices.Contains(list, x); {
	case has && !want:
		return fmt.Errorf("%s is among %s: %s", name, what, shown)
	case !has && want:
		return fmt.Errorf("%s is not among %s: %s", name, what, shown)
	}
	return nil
}
