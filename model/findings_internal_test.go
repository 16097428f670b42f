package model

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// Blocks keep what is added in order, in pieces no bigger than maxBlock,
// and a piece once made is never copied elsewhere.
func TestBlocksKeepTheOrder(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	var b blocks
	var want []Finding
	var first *Finding
	for len(want) < 5*maxBlock {
		batch := make([]Finding, r.IntN(300))
		for i := range batch {
			batch[i].Unit = strconv.Itoa(len(want) + i)
		}
		want = append(want, batch...)
		b.add(batch)
		if first == nil && len(b) > 0 {
			first = &b[0][0]
		}
	}
	if &b[0][0] != first {
		t.Error("the first block moved")
	}
	i := 0
	for _, piece := range b {
		if len(piece) > maxBlock {
			t.Fatalf("a block of %d", len(piece))
		}
		for _, f := range piece {
			if f != want[i] {
				t.Fatalf("finding %d is %q, want %q", i, f.Unit, want[i].Unit)
			}
			i++
		}
	}
	if i != len(want) {
		t.Fatalf("%d findings kept of %d", i, len(want))
	}
}
