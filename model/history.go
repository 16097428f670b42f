package model

// History is the undo and redo stack of one document.
type History struct {
	undo, redo []step
	seq        uint64 // numbers steps so that a saved point can be recognized
	saved      uint64
	Limit      int // steps kept for undo; 0 means DefaultHistoryLimit
	applied    Op  // what the last Do, Undo or Redo applied
}

// DefaultHistoryLimit bounds memory on long sessions.
const DefaultHistoryLimit = 10000

type step struct {
	op, inverse Op
	label       string // the original change's, kept across undo and redo
	id          uint64
}

// Do applies op and records it for undo; the redo stack is dropped.
func (h *History) Do(o *Org, op Op) error {
	label := Describe(o, op) // named before the change, while the names are there
	inv, err := o.Apply(op)
	if err != nil {
		return err
	}
	h.seq++
	h.applied = op
	h.undo = append(h.undo, step{op: op, inverse: inv, label: label, id: h.seq})
	limit := h.Limit
	if limit <= 0 {
		limit = DefaultHistoryLimit
	}
	if len(h.undo) > limit {
		h.undo = append([]step(nil), h.undo[len(h.undo)-limit:]...)
	}
	h.redo = nil
	return nil
}

// LastLabel names the last change done, "" if none.
func (h *History) LastLabel() string {
	if len(h.undo) == 0 {
		return ""
	}
	return h.undo[len(h.undo)-1].label
}

// Undo reverts the last change and returns its label; ok is false when
// there is nothing to undo.
func (h *History) Undo(o *Org) (label string, ok bool, err error) {
	if len(h.undo) == 0 {
		return "", false, nil
	}
	s := h.undo[len(h.undo)-1]
	redo, err := o.Apply(s.inverse)
	if err != nil {
		return "", true, err
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.applied = s.inverse
	// What redoes an undo is the inverse of the inverse: the same change,
	// with ids the first application chose.
	h.redo = append(h.redo, step{op: redo, inverse: s.inverse, label: s.label, id: s.id})
	return s.label, true, nil
}

// Redo re-applies the last undone change.
func (h *History) Redo(o *Org) (label string, ok bool, err error) {
	if len(h.redo) == 0 {
		return "", false, nil
	}
	s := h.redo[len(h.redo)-1]
	inv, err := o.Apply(s.op)
	if err != nil {
		return "", true, err
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.applied = s.op
	h.undo = append(h.undo, step{op: s.op, inverse: inv, label: s.label, id: s.id})
	return s.label, true, nil
}

// Applied is the op the last Do, Undo or Redo applied to the plan (nil
// before any): replayed in order on the plan as it was, these ops give
// the plan as it is.
func (h *History) Applied() Op { return h.applied }

// CanUndo reports whether there is a change to undo.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo reports whether there is an undone change to redo.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

func (h *History) top() uint64 {
	if len(h.undo) == 0 {
		return 0
	}
	return h.undo[len(h.undo)-1].id
}

// MarkSaved records the current state as the one on disk.
func (h *History) MarkSaved() { h.saved = h.top() }

// Point names the current state, to mark it saved once a save that began
// here has finished.
func (h *History) Point() uint64 { return h.top() }

// MarkSavedAt records the state named by p as the one on disk.
func (h *History) MarkSavedAt(p uint64) { h.saved = p }

// MarkUnsaved records that no state in the history is on disk (a new
// file, or one changed on disk by someone else).
func (h *History) MarkUnsaved() { h.saved = ^uint64(0) }

// Modified reports whether the document differs from the last saved state:
// undoing back to it clears the mark.
func (h *History) Modified() bool { return h.top() != h.saved }
