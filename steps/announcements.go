package steps

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"
)

// The announcement of a group or a chatroom (G-ANN-01/02, R-ANN-01/02): one set of steps for
// both, the feature saying "the group announcement" or "the room announcement".

func registerAnnouncementSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the `+subjectWord+` announcement is "([^"]*)"$`, givenAnnouncement)
	sc.Step(`^I set the `+subjectWord+` announcement to "([^"]*)"$`, setAnnouncement)
	sc.Step(`^I set the `+subjectWord+` announcement to a text of (\d+) characters$`, setAnnouncementOfLength)
	sc.Step(`^I read the `+subjectWord+` announcement$`, readAnnouncement)
	sc.Step(`^the `+subjectWord+` announcement reads "([^"]*)"$`, announcementReads)
	sc.Step(`^the `+subjectWord+` announcement is the text of (\d+) characters$`, announcementIsText)
}

func announcementBody(text string) map[string]any { return map[string]any{"announcement": text} }

// textOf is n characters of readable text, not all ASCII, so that characters and bytes differ:
// the limit counts characters.
func textOf(n int) string {
	pattern := []rune("notice公告-")
	out := make([]rune, n)
	for i := range out {
		out[i] = pattern[i%len(pattern)]
	}
	return string(out)
}

func givenAnnouncement(ctx context.Context, word, text string) error {
	_, err := mustBelow(ctx, subjectOf(word).below, http.MethodPost, "/announcement", announcementBody(text))
	return err
}

func setAnnouncement(ctx context.Context, word, text string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodPost, "/announcement", announcementBody(text))
}

func setAnnouncementOfLength(ctx context.Context, word string, n int) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodPost, "/announcement", announcementBody(textOf(n)),
		breaksIf(n > maxAnnouncementLen, fmt.Sprintf("the announcement is at most %d characters", maxAnnouncementLen))...)
}

func readAnnouncement(ctx context.Context, word string) error {
	return sendBelow(ctx, subjectOf(word).below, http.MethodGet, "/announcement", nil)
}

// fetchAnnouncement reads the announcement back.
func fetchAnnouncement(ctx context.Context, s *subject) (string, error) {
	v, err := fetchJSON(ctx, s.below, "/announcement", "data.announcement")
	if err != nil {
		return "", err
	}
	text, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("data.announcement is %s, want a string", describe(v))
	}
	return text, nil
}

func announcementReads(ctx context.Context, word, want string) error {
	s := subjectOf(word)
	got, err := fetchAnnouncement(ctx, s)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("the %s announcement reads %q, want %q", s.noun, got, want)
	}
	return nil
}

func announcementIsText(ctx context.Context, word string, n int) error {
	s := subjectOf(word)
	got, err := fetchAnnouncement(ctx, s)
	if err != nil {
		return err
	}
	if got != textOf(n) {
		return fmt.Errorf("the %s announcement is %d characters, want the %d-character text", s.noun, len([]rune(got)), n)
	}
	return nil
}
