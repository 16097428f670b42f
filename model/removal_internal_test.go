package model

import (
	"fmt"
	"testing"
)

// TestRemovalInPlaceAndByMap asks both forms of a removal the same
// questions: a few ids compared in place, more through a map.
func TestRemovalInPlaceAndByMap(t *testing.T) {
	for _, n := range []int{0, 1, removalInPlace, removalInPlace + 1, 40} {
		var ids []string
		for i := range n {
			ids = append(ids, fmt.Sprintf("m%d", i))
		}
		r := newRemoval(ids)
		if (r.set != nil) != (n > removalInPlace) {
			t.Errorf("%d ids: map %v", n, r.set != nil)
		}
		for i := range n + 3 {
			id := fmt.Sprintf("m%d", i)
			if got := r.has(id); got != (i < n) {
				t.Errorf("%d ids: has(%s) = %v", n, id, got)
			}
		}
	}
}
