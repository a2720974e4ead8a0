package main

import (
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/steps"
)

func TestMockProfileFlag(t *testing.T) {
	f, err := parseMockFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, store.ProfileDocuments, f.profile, "the default profile")

	f, err = parseMockFlags([]string{"--profile", "current"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, store.ProfileCurrent, f.profile)

	_, err = parseMockFlags([]string{"--profile", "today"}, io.Discard)
	assert.True(t, errors.Is(err, errUsage), "an unknown profile is a usage error: %v", err)
}

func TestTestProfileFlag(t *testing.T) {
	var o steps.RunOptions
	require.NoError(t, applyProfile(&o, "current", steps.KindMock))
	assert.Equal(t, steps.ProfileCurrent, o.Profile)
	require.NotNil(t, o.Mock)
	h, err := o.Mock()
	require.NoError(t, err)
	assert.NotNil(t, h)

	assert.True(t, errors.Is(applyProfile(&o, "current", steps.KindReplay), errUsage), "the cassettes are of the default profile")
	assert.True(t, errors.Is(applyProfile(&o, "bogus", steps.KindMock), errUsage))
	require.NoError(t, applyProfile(&o, "", steps.KindReplay), "the default profile on any target")
}
