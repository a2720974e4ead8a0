package steps

import (
	"os"
	"path/filepath"
)

// reportBase is where a run's reports go, without the extension: <reports>/<target> for a run
// of a whole features folder, <reports>/<target>.selection for a run of some of it (--tags, a
// file, FILE:LINE), so that a quick run of one scenario does not replace the whole suite's
// report that coverage reads.
func (o RunOptions) reportBase() string {
	name := string(o.Target) + o.profileSuffix()
	fi, err := os.Stat(o.Features)
	if o.Tags != "" || err != nil || !fi.IsDir() {
		name += ".selection"
	}
	return filepath.Join(o.Reports, name)
}
