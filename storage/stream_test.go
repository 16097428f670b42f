package storage

import (
	"bytes"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// A plan written a unit at a time reads byte for byte as the same plan
// built whole and written: leaves, deep chains, no posts, one unit.
func TestWriteSourceIsWrite(t *testing.T) {
	t.Parallel()
	for _, opt := range []synth.Options{
		{Units: 1},
		{Units: 2, Seed: 3},
		{Units: 9, Branching: 8},
		{Units: 600, Seed: 5},
		{Units: 300, Branching: 1, PostsPerUnit: 1, Seed: 7}, // a chain as deep as a plan may go
		{Units: 1000, Branching: 3, PostsPerUnit: 5, Vacancy: -1, Seed: 11},
	} {
		if opt.Branching == 1 {
			opt.Units = model.MaxDepth // the deepest chain a plan may hold
		}
		var whole, streamed bytes.Buffer
		if err := Write(&whole, synth.Generate(opt)); err != nil {
			t.Fatal(err)
		}
		if err := WriteSource(&streamed, synth.Draw(opt)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
			a, b := whole.Bytes(), streamed.Bytes()
			i := 0
			for i < min(len(a), len(b)) && a[i] == b[i] {
				i++
			}
			t.Fatalf("%+v: differs at byte %d of %d/%d:\nwhole    %q\nstreamed %q", opt, i, len(a), len(b),
				a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
		}
	}
}
