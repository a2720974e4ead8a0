package steps

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver"
	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

var (
	godogFormat = flag.String("godog.format", "pretty", "godog's human format on stdout: pretty, progress, ...")
	godogTags   = flag.String("godog.tags", "", `godog tag expression, e.g. "@G-MEM-07" or "~@slow"`)
	godogRandom = flag.Int64("godog.random", -1, "scenario order seed: -1 random, 0 file order")
	godogConc   = flag.Int("godog.concurrency", 4, "scenarios run at once on the mock and replay targets")
)

// Paths of the suite's inputs, seen from the steps package directory (go test's working dir).
const (
	featuresDir  = "../features"
	cassettesDir = "../cassettes"
	reportsDir   = "../reports"
)

// QuietMock builds a mock that logs nothing, for in-process targets.
func quietMock() (http.Handler, error) {
	return mockserver.New(mockserver.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
}

// currentMock builds a quiet mock of the current profile (README "Profiles").
func currentMock() (http.Handler, error) {
	return mockserver.New(mockserver.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), mockserver.WithProfile(store.ProfileCurrent))
}

// TestSuite runs every scenario against the in-process mock of each profile and against the
// committed cassettes (replay, no network). Live runs only through `emcontract test --target live`.
func TestSuite(t *testing.T) {
	for _, run := range []struct {
		target  Kind
		profile string
		mock    MockFactory
	}{{KindMock, ProfileDocuments, quietMock}, {KindMock, ProfileCurrent, currentMock}, {KindReplay, "", nil}} {
		target := run.target
		name := string(target)
		if run.profile == ProfileCurrent {
			name += "-" + run.profile
		}
		t.Run(name, func(t *testing.T) {
			if target == KindReplay && !hasCassettes(t, cassettesDir) {
				t.Skipf("no cassettes under %s: record them with `emcontract record` (or `make record`)", cassettesDir)
			}
			// Every answer validated during the run (the mock's own check and the steps' check of
			// what they got) is also run through kin-openapi's ValidateResponse: the mock's fast
			// path and verdict cache must agree with it on each.
			stopCrossCheck := openapi.CrossCheck()
			res, err := Run(context.Background(), RunOptions{
				Target:      target,
				Features:    featuresDir,
				Cassettes:   cassettesDir,
				Reports:     reportsDir,
				Format:      *godogFormat,
				Tags:        *godogTags,
				Concurrency: *godogConc,
				Randomize:   *godogRandom,
				Output:      os.Stdout,
				NoColor:     os.Getenv("NO_COLOR") != "" || !stdoutIsTerminal(),
				Mock:        run.mock,
				Profile:     run.profile,
				Log:         t.Logf,
				TestingT:    t,
			})
			compared, disagreements := stopCrossCheck()
			require.NoError(t, err)
			t.Log(res)
			t.Logf("%d requests and answers validated both ways", compared)
			assert.Empty(t, disagreements, "the fast validation and kin-openapi disagree")
			assert.Positive(t, compared)
		})
	}
}

func hasCassettes(t *testing.T, dir string) bool {
	t.Helper()
	found := false
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".yaml" {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// stdoutIsTerminal keeps colour codes out of CI logs and files (go test's stdout is a pipe).
func stdoutIsTerminal() bool {
	fi, err := os.Stdout.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
