package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/cucumber/godog"
)

// The group's announcement and shared files.

func registerGroupContentSteps(sc *godog.ScenarioContext) {

	sc.Step(`^a file "([^"]*)" of (\d+) bytes has been shared in the group$`, givenSharedFile)
	sc.Step(`^I share a file "([^"]*)" of (\d+) bytes in the group$`, shareFile)
	sc.Step(`^I list the group's shared files$`, listSharedFiles)
	sc.Step(`^I list the group's shared files, page (\d+) with (\d+) per page$`, listSharedFilesPage)
	sc.Step(`^I download the shared file$`, downloadSharedFile)
	sc.Step(`^I download a shared file that does not exist$`, downloadMissingFile)
	sc.Step(`^I delete the shared file$`, deleteSharedFile)
	sc.Step(`^I delete a shared file that does not exist$`, deleteMissingFile)
	sc.Step(`^the download is the (\d+) bytes shared$`, downloadIsContent)
	sc.Step(`^the shared files are (.+)$`, sharedFilesAre)
}

// --- shared files ---------------------------------------------------------------------------

const (
	groupFileKey     = "file"
	missingGroupFile = "00000000-0000-0000-0000-000000000000"
)

// groupFileContent is n deterministic bytes, so that a recorded upload matches on replay.
func groupFileContent(n int) []byte {
	const pattern = "emcontract shared file\n"
	return bytes.Repeat([]byte(pattern), n/len(pattern)+1)[:n]
}

func shareFileAs(ctx context.Context, name string, n int, must bool) error {
	w := WorldFrom(ctx)
	path, err := groups.below(w, "/share_files")
	if err != nil {
		return err
	}
	content := groupFileContent(n)
	body := File{Field: "file", Name: name, Content: content, MIMEType: "text/plain"}
	do := w.Do
	if must {
		do = w.MustOK
	}
	resp, err := do(ctx, http.MethodPost, path, body)
	if err != nil {
		return err
	}
	if resp.Status == http.StatusOK {
		id, err := resp.JSON("data.file_id")
		if err != nil {
			return err
		}
		w.Remember(groupFileKey, fmt.Sprint(id))
	}
	return nil
}

func givenSharedFile(ctx context.Context, name string, n int) error {
	return shareFileAs(ctx, name, n, true)
}

func shareFile(ctx context.Context, name string, n int) error {
	return shareFileAs(ctx, name, n, false)
}

func listSharedFiles(ctx context.Context) error {
	return groups.send(ctx, http.MethodGet, "/share_files", nil)
}

func listSharedFilesPage(ctx context.Context, pagenum, pagesize int) error {
	breaks := breaksIf(pagesize > maxPageSize, "pagesize is at most 1000")
	return listPage(ctx, groups.below, "/share_files", pagenum, pagesize, breaks, func(data any) ([]string, error) {
		files, err := objectsOf(data)
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = asString(f["file_name"])
		}
		return names, err
	})
}

func downloadSharedFile(ctx context.Context) error { return onSharedFile(ctx, http.MethodGet) }

func downloadMissingFile(ctx context.Context) error { return onMissingFile(ctx, http.MethodGet) }

func deleteSharedFile(ctx context.Context) error { return onSharedFile(ctx, http.MethodDelete) }

func deleteMissingFile(ctx context.Context) error { return onMissingFile(ctx, http.MethodDelete) }

// onSharedFile sends a request to the file the scenario shared.
func onSharedFile(ctx context.Context, method string) error {
	id, err := WorldFrom(ctx).Recall(groupFileKey)
	if err != nil {
		return err
	}
	return groups.send(ctx, method, "/share_files/"+id, nil)
}

// onMissingFile sends a request to a shared file that does not exist ({missingfile} in
// expected messages).
func onMissingFile(ctx context.Context, method string) error {
	WorldFrom(ctx).Remember("missingfile", missingGroupFile)
	return groups.send(ctx, method, "/share_files/"+missingGroupFile, nil)
}

func downloadIsContent(ctx context.Context, n int) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	if r.Status != http.StatusOK {
		return fmt.Errorf("%s: want 200 with the file, got %d: %s", w.LastRequest(), r.Status, abbreviate(r.Body, 300))
	}
	if want := groupFileContent(n); !bytes.Equal(r.Body, want) {
		return fmt.Errorf("%s: the download is %d bytes that differ from the %d shared", w.LastRequest(), len(r.Body), n)
	}
	return nil
}

// sharedFilesAre fetches the file list: "empty", or `"a.txt" of 100 bytes`.
func sharedFilesAre(ctx context.Context, what string) error {
	w := WorldFrom(ctx)
	v, err := fetchJSON(ctx, groups.below, "/share_files", "data")
	if err != nil {
		return err
	}
	items, _ := v.([]any)
	if what == "empty" {
		if len(items) != 0 {
			return fmt.Errorf("want no shared files, got %s", compact(v))
		}
		return nil
	}
	var name string
	var size int
	if _, err := fmt.Sscanf(what, "%q of %d bytes", &name, &size); err != nil {
		return fmt.Errorf(`write the expected file as "a.txt" of 100 bytes, or empty: %v`, err)
	}
	if len(items) != 1 {
		return fmt.Errorf("want one shared file, got %d: %s", len(items), compact(v))
	}
	f, _ := items[0].(map[string]any)
	id, _ := w.Recall(groupFileKey)
	var problems []string
	if f["file_name"] != name {
		problems = append(problems, fmt.Sprintf("file_name %s, want %q", describe(f["file_name"]), name))
	}
	if n, _ := f["file_size"].(json.Number); n.String() != fmt.Sprint(size) {
		problems = append(problems, fmt.Sprintf("file_size %s, want %d", describe(f["file_size"]), size))
	}
	if id != "" && f["file_id"] != id {
		problems = append(problems, fmt.Sprintf("file_id %s, want %q (the upload's)", describe(f["file_id"]), id))
	}
	for _, k := range []string{"file_owner", "created"} {
		if _, ok := f[k]; !ok {
			problems = append(problems, k+" is missing")
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("the shared file: %s", strings.Join(problems, "; "))
	}
	return nil
}
