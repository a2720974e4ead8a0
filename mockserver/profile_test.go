package mockserver

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
)

func TestWithProfile(t *testing.T) {
	srv, err := New(WithLogger(nil))
	require.NoError(t, err)
	assert.Equal(t, store.ProfileDocuments, srv.Store().Profile(), "the default profile")

	srv, err = New(WithLogger(nil), WithProfile(store.ProfileCurrent))
	require.NoError(t, err)
	assert.Equal(t, store.ProfileCurrent, srv.Store().Profile())

	_, err = New(WithProfile("today"))
	assert.ErrorContains(t, err, "unknown profile")

	_, err = New(WithStore(store.New()), WithProfile(store.ProfileCurrent))
	assert.ErrorContains(t, err, "store.WithProfile", "a given store carries its own profile")

	srv, err = New(WithLogger(nil), WithStore(store.New(store.WithProfile(store.ProfileCurrent))))
	require.NoError(t, err)
	assert.Equal(t, store.ProfileCurrent, srv.Store().Profile())
}
