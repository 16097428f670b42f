package model_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// TestAppliedOpsReplayAsData edits a plan at random, undoes and redoes,
// and writes every op the history applied as data; read back and applied
// in order to a copy of the plan as it was, they give the same plan.
func TestAppliedOpsReplayAsData(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 20; seed++ {
		o := synth.Generate(synth.Options{Units: 30, Branching: 3, Seed: seed})
		replay := o.Clone()
		g := &opGen{r: rand.New(rand.NewPCG(seed, 11)), o: o}
		var h model.History
		var log [][]byte
		record := func() {
			b, err := model.MarshalOp(h.Applied())
			if err != nil {
				t.Fatalf("seed %d: %s: %v", seed, h.Applied().Label(), err)
			}
			log = append(log, b)
		}
		for i := 0; i < 200; i++ {
			var err error
			var ok bool
			switch g.r.IntN(6) {
			case 0:
				_, ok, err = h.Undo(o)
			case 1:
				_, ok, err = h.Redo(o)
			default:
				err, ok = h.Do(o, g.next()), true
				if err != nil {
					continue // refused: nothing applied
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				record()
			}
		}
		if len(log) < 100 {
			t.Fatalf("seed %d: only %d ops applied", seed, len(log))
		}
		for i, b := range log {
			op, err := model.UnmarshalOp(b)
			if err != nil {
				t.Fatalf("seed %d op %d: %v\n%s", seed, i, err, b)
			}
			if _, err := replay.Apply(op); err != nil {
				t.Fatalf("seed %d op %d (%s): %v\n%s", seed, i, op.Label(), err, b)
			}
		}
		if got, want := dump(replay), dump(o); got != want {
			t.Fatalf("seed %d: the replayed plan differs:\n%s", seed, diff(want, got))
		}
		if err := model.CheckIndex(replay); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

func TestOpDataRefusesWhatItCannotRead(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{"t":"NoSuchOp","op":{}}`,
		`{"t":"RenameUnit","op":{"ID":5}}`,
		`{"t":"Batch","ops":[{"t":"Batch","ops":[{"t":"Batch","ops":[{"t":"Batch","ops":[{"t":"Batch","ops":[{"t":"Batch","ops":[{"t":"Batch","ops":[{"t":"Batch","ops":[{"t":"Batch","ops":[]}]}]}]}]}]}]}]}]}`,
		`{"t":"RenameUnit"`,
		``,
	} {
		if op, err := model.UnmarshalOp([]byte(in)); err == nil {
			t.Errorf("%s: read as %#v", in, op)
		}
	}
	if _, err := model.MarshalOp(nil); !errors.Is(err, model.ErrNotData) {
		t.Errorf("nil op: %v", err)
	}
}
