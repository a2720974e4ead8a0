// Command mutate breaks the documented rules of mockserver/store one at a time and runs the
// godog suite against the mock for each: a mutant the suite still passes is a rule no scenario
// checks. The mutants are the list in mutations.yaml (one per rule or answer detail, each a
// text replacement in one store file), not every operator a generic tool could flip: the
// question is "does a scenario notice when this rule is broken", which needs mutants that are
// meaningful. Equivalent mutants are listed there with the reason and are not run.
//
// It works on a copy of the repository (git's tracked and untracked-not-ignored files), so the
// working tree is never touched, and builds the CLI once per mutant.
//
// "The suite" is what `make suite` runs: every scenario in each profile (documents, then
// current). Each mutant first runs only the scenarios tagged with its rule's catalogue IDs, in
// each profile; most mutants fail there within seconds. Only a mutant those scenarios miss runs
// the whole suite. The score is the same either way (the tagged scenarios are part of the
// suite), it just arrives in minutes instead of hours; --whole-suite skips the first step.
//
//	go run ./tools/mutate                 # every mutant; exit 1 under --min percent killed
//	go run ./tools/mutate --only G-MEM-01-pagenum-ignored,R-BLK-03-owner-blocked
//	go run ./tools/mutate --only G-MEM-01-pagenum-ignored --tags @G-MEM-01   # quicker
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

func main() {
	list := flag.String("mutations", "tools/mutate/mutations.yaml", "the list of mutants")
	only := flag.String("only", "", "comma-separated mutant ids to run (default: all)")
	min := flag.Float64("min", 98, "exit 1 when fewer than this percent of the mutants run are killed")
	timeout := flag.Duration("timeout", 5*time.Minute, "the longest one suite run may take")
	tags := flag.String("tags", "", "run only the scenarios of this godog tag expression (a quick check of one rule; the score needs the whole suite)")
	whole := flag.Bool("whole-suite", false, "run the whole suite for every mutant, not first the scenarios tagged with its rule")
	flag.Parse()
	if err := run(*list, *only, *tags, *min, *timeout, !*whole); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

// outcome is what one mutant did to the suite.
type outcome struct {
	m      Mutation
	killed bool
	detail string // the failed scenarios, or why the mutant did not run
}

func run(listPath, only, tags string, min float64, timeout time.Duration, ruleFirst bool) error {
	muts, err := LoadMutations(listPath)
	if err != nil {
		return err
	}
	muts = selectMutations(muts, only)
	if len(muts) == 0 {
		return fmt.Errorf("no mutant matches --only %q", only)
	}
	work, err := os.MkdirTemp("", "emcontract-mutate-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	tree := filepath.Join(work, "tree")
	if err := copyRepository(".", tree); err != nil {
		return err
	}
	for _, m := range muts {
		if err := m.check(tree); err != nil {
			return err
		}
	}
	bin := filepath.Join(work, "emcontract")

	fmt.Println("baseline: the suite on the unmutated store")
	if err := build(tree, bin); err != nil {
		return fmt.Errorf("the unmutated tree must build: %v", err)
	}
	if failed, err := suite(tree, bin, tags, timeout); err != nil || failed != "" {
		return fmt.Errorf("the unmutated suite must pass first: %v %s", err, failed)
	}

	var results []outcome
	var equivalent []Mutation
	for i, m := range muts {
		if m.Equivalent != "" {
			equivalent = append(equivalent, m)
			continue
		}
		start := time.Now()
		o := mutate(tree, bin, m, tags, timeout, ruleFirst)
		verdict := "SURVIVED"
		switch {
		case o.killed:
			verdict = "killed"
		case o.detail != "":
			verdict = "NOT RUN"
		}
		fmt.Printf("[%d/%d] %-8s %s (%s) in %s\n", i+1, len(muts), verdict, m.ID, m.Rule, time.Since(start).Round(time.Second))
		results = append(results, o)
	}
	return summarize(results, equivalent, min)
}

// mutate applies one mutant, runs the suite and restores the file.
func mutate(tree, bin string, m Mutation, tags string, timeout time.Duration, ruleFirst bool) outcome {
	path := filepath.Join(tree, m.File)
	orig, err := os.ReadFile(path)
	if err != nil {
		return outcome{m: m, detail: err.Error()}
	}
	defer os.WriteFile(path, orig, 0o644)
	mutated, err := m.apply(string(orig))
	if err != nil {
		return outcome{m: m, detail: err.Error()}
	}
	if err := os.WriteFile(path, []byte(mutated), 0o644); err != nil {
		return outcome{m: m, detail: err.Error()}
	}
	if err := build(tree, bin); err != nil {
		return outcome{m: m, detail: err.Error()}
	}
	if ruleFirst && tags == "" {
		if failed := ruleScenariosFail(tree, bin, m, timeout); failed != "" {
			return outcome{m: m, killed: true, detail: failed}
		}
	}
	failed, err := suite(tree, bin, tags, timeout)
	switch {
	case err != nil:
		return outcome{m: m, detail: err.Error()}
	case failed != "":
		return outcome{m: m, killed: true, detail: failed}
	}
	return outcome{m: m}
}

// errBuild marks a mutant that does not compile: a mistake in the list, not a kill.
var errBuild = errors.New("does not compile")

// build compiles the CLI of tree into bin.
func build(tree, bin string) error {
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/emcontract")
	cmd.Dir = tree
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%w: %s", errBuild, firstLines(string(out), 5))
	}
	return nil
}

// profiles are the mock's profiles, each with its own scenarios: the suite is all of them.
var profiles = []string{"documents", "current"}

// ruleTags is the tag expression of the scenarios that name the mutant's rule(s): "G-MATTR-09,
// G-MATTR-11" selects "@G-MATTR-09 or @G-MATTR-11".
func ruleTags(m Mutation) string {
	var tags []string
	for _, id := range strings.Split(m.Rule, ",") {
		if id = strings.TrimSpace(id); id != "" {
			tags = append(tags, "@"+id)
		}
	}
	return strings.Join(tags, " or ")
}

// ruleScenariosFail runs the scenarios tagged with the mutant's rule in each profile and returns
// the failed ones ("" when they all passed, or when a profile has none of them: only a
// scenario's failure is a kill, never a run that could not start).
func ruleScenariosFail(tree, bin string, m Mutation, timeout time.Duration) string {
	for _, profile := range profiles {
		failed, err := runSuite(tree, bin, profile, ruleTags(m), timeout)
		if err == nil && failed != "" && !strings.HasPrefix(failed, notAScenario) {
			return failed
		}
	}
	return ""
}

// suite runs the godog suite against the mock in each profile. It returns the failed scenarios
// ("" when the suite passed).
func suite(tree, bin, tags string, timeout time.Duration) (string, error) {
	for _, profile := range profiles {
		failed, err := runSuite(tree, bin, profile, tags, timeout)
		if tags != "" && strings.Contains(failed, "selects none of the") {
			continue // a quick --tags check: this profile has none of those scenarios
		}
		if err != nil || failed != "" {
			return strings.TrimPrefix(failed, notAScenario), err
		}
	}
	return "", nil
}

// notAScenario prefixes what a failed run printed when no scenario failed (a crash, a refused
// option): a kill of the whole suite, but never of the quick rule-tagged run.
const notAScenario = "no scenario failed: "

// runSuite runs the built CLI's suite against the mock in one profile.
func runSuite(tree, bin, profile, tags string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args := []string{"test", "--target", "mock", "--profile", profile, "--format", "progress", "--reports", ""}
	if tags != "" {
		args = append(args, "--tags", tags)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = tree
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", fmt.Errorf("the suite (profile %s) took longer than %s", profile, timeout)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return "", err
	}
	if err == nil {
		return "", nil
	}
	if f := failedScenarios(out.String()); f != "" {
		return f, nil
	}
	return notAScenario + firstLines(out.String(), 5), nil
}

// ansi matches the colour codes of godog's output.
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// failedScenarios picks the "Scenario: ... # features/x.feature:N" lines of godog's failure list.
func failedScenarios(out string) string {
	var names []string
	for _, line := range strings.Split(ansi.ReplaceAllString(out, ""), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "Scenario") && strings.Contains(line, "# features/") {
			_, where, _ := strings.Cut(line, "# ")
			if !contains(names, where) {
				names = append(names, where)
			}
		}
	}
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("and %d more", len(names)-3))
	}
	return strings.Join(names, ", ")
}

func summarize(results []outcome, equivalent []Mutation, min float64) error {
	killed := 0
	var survivors, broken []outcome
	for _, o := range results {
		switch {
		case o.killed:
			killed++
		case o.detail != "":
			broken = append(broken, o)
		default:
			survivors = append(survivors, o)
		}
	}
	ran := len(results) - len(broken)
	score := 100.0
	if ran > 0 {
		score = 100 * float64(killed) / float64(ran)
	}
	fmt.Printf("\nmutation score: %d of %d meaningful mutants killed (%.1f%%); %d equivalent, not run\n", killed, ran, score, len(equivalent))
	for _, o := range survivors {
		fmt.Printf("  survived: %s (%s): %s\n", o.m.ID, o.m.Rule, o.m.Why)
	}
	for _, m := range equivalent {
		fmt.Printf("  equivalent: %s (%s): %s\n", m.ID, m.Rule, m.Equivalent)
	}
	for _, o := range broken {
		fmt.Printf("  did not run: %s: %s\n", o.m.ID, o.detail)
	}
	if len(broken) > 0 {
		return fmt.Errorf("%d mutants did not run: fix mutations.yaml", len(broken))
	}
	if score < min {
		return fmt.Errorf("score %.1f%% is under %.0f%%", score, min)
	}
	return nil
}

// copyRepository copies the files git tracks (and untracked ones it does not ignore) below src.
func copyRepository(src, dst string) error {
	out, err := exec.Command("git", "-C", src, "ls-files", "-co", "--exclude-standard", "-z").Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %w", err)
	}
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if rel == "" || strings.HasPrefix(rel, "cassettes/") {
			continue // the suite on the mock reads no cassette
		}
		data, err := os.ReadFile(filepath.Join(src, rel))
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the working tree
		}
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func selectMutations(muts []Mutation, only string) []Mutation {
	if only == "" {
		return muts
	}
	want := strings.Split(only, ",")
	var out []Mutation
	for _, m := range muts {
		if contains(want, m.ID) {
			out = append(out, m)
		}
	}
	return out
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
