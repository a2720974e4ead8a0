package store

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPage(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	cases := []struct {
		name              string
		pagenum, pagesize int
		want              []int
	}{
		{"pagesize 0 is everything", 3, 0, items},
		{"first page", 1, 2, []int{1, 2}},
		{"pagenum 0 is the first page", 0, 2, []int{1, 2}},
		{"last, short page", 3, 2, []int{5}},
		{"past the end", 4, 2, []int{}},
		// (pagenum-1)*pagesize used to overflow and slice out of range: a 500.
		{"huge pagenum", math.MaxInt, 2, []int{}},
		{"huge pagenum, page of 1000", math.MaxInt, 1000, []int{}},
		{"huge pagenum and pagesize", math.MaxInt, math.MaxInt, []int{}},
		{"huge pagesize", 1, math.MaxInt, items},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, page(items, c.pagenum, c.pagesize))
		})
	}
	assert.Equal(t, []int{}, page([]int{}, 1, 10))
}
