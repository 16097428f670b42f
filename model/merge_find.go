package model

import "slices"

// The conflicts that depend on both sides at once, found before anything
// is mended so that they do not depend on which side is ours: a change
// naming what the other side deleted, and moves that together make a
// cycle.

// findDeletedUsed records, for each side, every record the other side
// deleted that this side's changes newly name (a unit moved into a
// deleted unit, a deleted member made a holder or a candidate). The
// conflict is on the deleted record.
func (m *merger) findDeletedUsed() {
	for _, sides := range [][2]*Records{{m.a, m.t}, {m.t, m.a}} {
		side, other := sides[0], sides[1]
		for k, r := range side.ByKey {
			br := m.b.ByKey[k]
			for i, f := range Fields[k.Kind] {
				if f.Ref == "" {
					continue
				}
				for _, id := range names(r[i], f) {
					ref := RecordKey{f.Ref, id}
					_, inB := m.b.ByKey[ref]
					_, kept := other.ByKey[ref]
					if inB && !kept && !slices.Contains(names(br.at(i), f), id) {
						m.conflict(ConflictDeletedUsed, ref, "")
					}
				}
			}
		}
	}
}

// findCycles looks for cycles of parents and reporting lines in the plan
// both sides' changes make together (a unit changed on one side has that
// side's lines; one changed on both, differently, is a conflict already
// and left out) and records each line of a cycle that a side changed.
func (m *merger) findCycles() {
	lines := map[string][]string{}
	edges := func(r Record) []string {
		out := slices.Clone(r.at(fUnitReportsTo).List)
		if p := r.at(fUnitParent).Text; p != "" {
			out = append(out, p)
		}
		return out
	}
	changed := func(k RecordKey, side *Records) bool {
		r, ok := side.ByKey[k]
		br := m.b.ByKey[k]
		return ok && (!r.at(fUnitParent).equal(br.at(fUnitParent), scalar) || !r.at(fUnitReportsTo).equal(br.at(fUnitReportsTo), setList))
	}
	keys := map[RecordKey]bool{}
	for _, rs := range []*Records{m.a, m.t} {
		for k := range rs.ByKey {
			if k.Kind == RecUnit {
				keys[k] = true
			}
		}
	}
	for k := range keys {
		ca, ct := changed(k, m.a), changed(k, m.t)
		switch {
		case ca && ct:
			// both moved it: the same way, or a conflict already
			if edgesEqual(m.a.ByKey[k], m.t.ByKey[k]) {
				lines[k.ID] = edges(m.a.ByKey[k])
			}
		case ct:
			lines[k.ID] = edges(m.t.ByKey[k])
		case ca:
			lines[k.ID] = edges(m.a.ByKey[k])
		default:
			if r, ok := m.a.ByKey[k]; ok {
				lines[k.ID] = edges(r)
			} else {
				lines[k.ID] = edges(m.t.ByKey[k])
			}
		}
	}
	ids := make([]string, 0, len(lines))
	for id := range lines {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, CompareIDs)
	for {
		cyc := findCycle(ids, lines)
		if cyc == nil {
			return
		}
		for i := range len(cyc) - 1 {
			k, to := RecordKey{RecUnit, cyc[i]}, cyc[i+1]
			field := "reportsTo"
			if r := m.a.ByKey[k]; r.at(fUnitParent).Text == to {
				field = "parent"
			} else if r := m.t.ByKey[k]; r.at(fUnitParent).Text == to {
				field = "parent"
			}
			if changed(k, m.a) || changed(k, m.t) {
				m.conflict(ConflictCycle, k, field)
			}
			lines[cyc[i]] = slices.DeleteFunc(lines[cyc[i]], func(s string) bool { return s == to })
		}
	}
}

func edgesEqual(a, b Record) bool {
	return a.at(fUnitParent).equal(b.at(fUnitParent), scalar) && a.at(fUnitReportsTo).equal(b.at(fUnitReportsTo), setList)
}

// findCycle returns one cycle (first id repeated at the end), or nil.
func findCycle(ids []string, lines map[string][]string) []string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int8{}
	var stack, found []string
	var visit func(id string) bool
	visit = func(id string) bool {
		color[id] = grey
		stack = append(stack, id)
		for _, t := range lines[id] {
			switch color[t] {
			case grey:
				found = append(slices.Clone(stack[slices.Index(stack, t):]), t)
				return true
			case white:
				if visit(t) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[id] = black
		return false
	}
	for _, id := range ids {
		if color[id] == white && visit(id) {
			return found
		}
	}
	return nil
}
