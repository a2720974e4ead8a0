package steps

import (
	"context"
	"net/http"

	"github.com/cucumber/godog"
)

// The allow list of a group or a chatroom (G-WHITE-*, R-WHITE-*): one step per idea for both
// halves, the feature saying "the group" or "the room". The documents call it "white list":
// its paths say /white/users. The block list is rosters.go's.

func registerAllowListSteps(sc *godog.ScenarioContext) {
	const list = `the ` + subjectWord + `'s allow list`

	// Given
	sc.Step(`^([\w, ]+) (?:is|are) on `+list+`$`, givenAllowed)

	// When
	sc.Step(`^I add (\w+) to `+list+`$`, allowOne)
	sc.Step(`^I add (.+) to `+list+` in one call$`, allowMany)
	sc.Step(`^I remove (.+) from `+list+`$`, disallow)
	sc.Step(`^I list `+list+`$`, listAllowed)

	// Then
	sc.Step(`^`+list+` is exactly (.+)$`, allowListExactly)
	sc.Step(`^`+list+` is empty$`, allowListEmpty)
}

// specAllowBatch is the most names the contract takes in one allow-list add call, for groups
// (today's group_allowlist_add_batch.md) and chatrooms (roomSpecBatchNames) alike.
const specAllowBatch = 100

func givenAllowed(ctx context.Context, list, word string) error {
	return subjectOf(word).givenOn(ctx, "/white/users", list)
}

func allowOne(ctx context.Context, user, word string) error {
	return subjectOf(word).send(ctx, http.MethodPost, "/white/users/"+WorldFrom(ctx).User(user), nil)
}

func allowMany(ctx context.Context, list, word string) error {
	return postUsers(ctx, subjectOf(word).below, "/white/users", list, specAllowBatch)
}

// disallow takes one or several users off the list in one call, their names joined in the path.
func disallow(ctx context.Context, list, word string) error {
	s := subjectOf(word)
	return deleteUsers(ctx, s.below, "/white/users/", list, s.maxBatch, s.commaPath)
}

func listAllowed(ctx context.Context, word string) error {
	return subjectOf(word).send(ctx, http.MethodGet, "/white/users", nil)
}

func allowListExactly(ctx context.Context, word, list string) error {
	return subjectOf(word).listIs(ctx, "/white/users", "allow list", list)
}

func allowListEmpty(ctx context.Context, word string) error {
	return allowListExactly(ctx, word, "nobody")
}
