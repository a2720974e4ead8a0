package openapi

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The rendering with org and app in the paths is the same contract: it loads and validates
// (examples included), has every operation, and routes /{org}/{app}/... to the same operation.
func TestWithOrgAppInPathsIsTheSameContract(t *testing.T) {
	flat, err := WithOrgAppInPaths(Bytes())
	require.NoError(t, err)
	c, err := Parse(flat)
	require.NoError(t, err)
	orig := MustLoad()
	assert.Equal(t, len(orig.Operations()), len(c.Operations()))
	for _, op := range c.Operations() {
		assert.True(t, strings.HasPrefix(op.Path, "/{org_name}/{app_name}/"), op.Path)
	}
	assert.Contains(t, string(flat), "servers:\n  - url: /\n")
}
