package mockserver

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

func TestEveryOperationHasAHandler(t *testing.T) {
	srv, err := New(WithLogger(quietLogger()))
	require.NoError(t, err)
	table := srv.handlers()
	ops := srv.Contract().Operations()
	assert.Len(t, table, len(ops))
	for _, op := range ops {
		assert.Containsf(t, table, op.ID, "operation %s %s", op.Method, op.Path)
	}
}

func TestStartupFailsWhenTableAndContractDiffer(t *testing.T) {
	cases := []struct {
		name  string
		alter func(map[string]handlerFunc)
		want  string
	}{
		{"operation without handler", func(m map[string]handlerFunc) { delete(m, "listGroups") }, "operations with no handler: listGroups"},
		{"handler without operation", func(m map[string]handlerFunc) { m["bogusOperation"] = m["listGroups"] }, "handlers with no operation in the spec: bogusOperation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(WithLogger(quietLogger()), withHandlers(func(s *Server) map[string]handlerFunc {
				m := s.handlers()
				tc.alter(m)
				return m
			}))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("spec with an operation the mock does not know", func(t *testing.T) {
		extra := []byte("paths:\n  /extra:\n    get:\n      operationId: extraOperation\n      responses:\n        '200':\n          description: ok\n")
		spec := bytes.Replace(openapi.Bytes(), []byte("paths:\n"), extra, 1)
		ct, err := openapi.Parse(spec)
		require.NoError(t, err)
		_, err = New(WithLogger(quietLogger()), withContract(ct))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "operations with no handler: extraOperation")
	})
}

func TestOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
	}{
		{"empty app", []Option{WithApp("", "a", "b", "c")}},
		{"nil clock", []Option{WithClock(nil)}},
		{"journal size 0", []Option{WithJournalSize(0)}},
		{"nil store", []Option{WithStore(nil)}},
		{"store and permissive", []Option{WithStore(store.New()), WithPermissiveAuth()}},
		{"store and clock", []Option{WithStore(store.New()), WithClock(time.Now)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(append(tc.opts, WithLogger(quietLogger()))...)
			assert.Error(t, err)
		})
	}
	t.Run("given store keeps its apps", func(t *testing.T) {
		st := store.New(store.WithApp("o", "a", "id", "secret"))
		srv, err := New(WithStore(st), WithLogger(quietLogger()))
		require.NoError(t, err)
		assert.Equal(t, []store.AppKey{{Org: "o", App: "a"}}, srv.Store().Apps(t.Context()))
	})
}
