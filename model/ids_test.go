package model

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// An index by id answers as a map would, whatever the ids: numbered as
// NewID writes them, with leading zeros, too big for a slot, or no
// number at all.
func TestByIDIsAMap(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 11))
	id := func() string {
		switch r.IntN(8) {
		case 0:
			return fmt.Sprintf("u0%d", r.IntN(50)) // leading zero: "u0" alone is numbered
		case 1:
			return fmt.Sprintf("u%d", 1e9+r.IntN(3)) // past any slot
		case 2:
			return []string{"u", "", "x12", "u12a", "U12", "u-3", "u99999999999", "u4294967296"}[r.IntN(8)]
		case 3:
			return fmt.Sprintf("u%d", maxSpare+r.IntN(6000)) // past the slots, until there are more
		}
		return fmt.Sprintf("u%d", r.IntN(400))
	}
	for round := range 20 {
		x := newByID[int]('u', r.IntN(100))
		want := map[string]*int{}
		for step := range 8000 {
			k := id()
			switch r.IntN(3) {
			case 0, 1:
				v := new(int)
				_, had := want[k]
				if got := x.put(k, v); got == had {
					t.Fatalf("round %d step %d: put(%q) = %v with it there: %v", round, step, k, got, had)
				}
				if !had {
					want[k] = v
				}
			case 2:
				x.del(k)
				delete(want, k)
			}
			if x.get(k) != want[k] {
				t.Fatalf("round %d step %d: get(%q) is not what was put", round, step, k)
			}
		}
		if x.len() != len(want) {
			t.Fatalf("round %d: len %d, want %d", round, x.len(), len(want))
		}
		seen := map[*int]bool{}
		for v := range x.all() {
			seen[v] = true
		}
		for k, v := range want {
			if x.get(k) != v || !seen[v] {
				t.Fatalf("round %d: %q lost", round, k)
			}
		}
		if len(seen) != len(want) || len(x.num) > 2*len(want)+2*maxSpare+1 {
			t.Fatalf("round %d: holds %d of %d, %d slots", round, len(seen), len(want), len(x.num))
		}
	}
}

// Numbered ids that come out of the order of their numbers all find
// their slots when the count is known, none the map.
func TestByIDSlotsShuffledIDs(t *testing.T) {
	t.Parallel()
	const n = 5 * maxSpare
	order := rand.New(rand.NewPCG(3, 5)).Perm(n)
	x := newByID[int]('p', n)
	for _, i := range order {
		if !x.put(fmt.Sprintf("p%d", i+1), new(int)) {
			t.Fatalf("p%d refused", i+1)
		}
	}
	if len(x.other) != 0 || x.len() != n {
		t.Fatalf("%d of %d ids in the map", len(x.other), x.len())
	}
}
