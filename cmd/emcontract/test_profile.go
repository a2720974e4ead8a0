package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/emcontract/emcontract/mockserver"
	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/steps"
)

// registerProfileFlag adds `emcontract test --profile`: which reading of the chatroom calls
// the in-process mock follows, and so which scenarios run (steps.ProfileCurrentTag).
func registerProfileFlag(fs *flag.FlagSet) *string {
	return fs.String("profile", string(store.ProfileDocuments), "with --target mock: the mock's profile, documents (the default's scenarios) or current (today's pages: the "+steps.ProfileCurrentTag+" scenarios); README \"Profiles\"")
}

// applyProfile points the run at a mock of the profile named.
func applyProfile(o *steps.RunOptions, name string, kind steps.Kind) error {
	p, err := store.ParseProfile(name)
	if err != nil {
		return fmt.Errorf("%w: --profile: %v", errUsage, err)
	}
	if p != store.ProfileDocuments && kind != steps.KindMock {
		return fmt.Errorf("%w: --profile %s needs --target mock (cassettes and live runs are of the default profile)", errUsage, p)
	}
	o.Profile = string(p)
	o.Mock = profileMock(p)
	return nil
}

// profileMock builds quiet in-process mocks of one profile.
func profileMock(p store.Profile) steps.MockFactory {
	return func() (http.Handler, error) {
		return mockserver.New(mockserver.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), mockserver.WithProfile(p))
	}
}
