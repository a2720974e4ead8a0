package store

import "strings"

// canon is the stored form of a username: the service lowercases usernames, so "User1" and
// "user1" are the same user.
func canon(username string) string { return strings.ToLower(strings.TrimSpace(username)) }

// dedupe lowercases usernames and drops repeats, keeping the first occurrence's order.
func dedupe(names []string) []string {
	out := make([]string, 0, len(names))
	seen := map[string]bool{}
	for _, n := range names {
		c := canon(n)
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}
