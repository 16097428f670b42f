package model_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// dump writes every exported field of a document in order, so that two
// documents compare equal exactly when their dumps do.
func dump(o *model.Org) string {
	var b strings.Builder
	fmt.Fprintf(&b, "org %q %q %q\n", o.Name, o.Description, o.AsOf)
	for _, f := range o.Functions {
		fmt.Fprintf(&b, "fn %+v\n", *f)
	}
	for _, k := range o.Kinds {
		fmt.Fprintf(&b, "kind %+v\n", *k)
	}
	for _, m := range o.Members {
		fmt.Fprintf(&b, "member %+v\n", *m)
	}
	var units func(us []*model.Unit, depth int)
	units = func(us []*model.Unit, depth int) {
		for _, u := range us {
			fmt.Fprintf(&b, "%*sunit %s %q %+v\n", depth, "", u.ID, u.Name, u.Details())
			for _, p := range u.Posts {
				fmt.Fprintf(&b, "%*s post %s %q %q %q %v %q\n", depth, "", p.ID, p.Title, p.Function, p.Holder, p.Candidates, p.Notes)
			}
			units(u.Units, depth+1)
		}
	}
	units(o.Units, 0)
	return b.String()
}

// randomOp proposes an edit, valid or not, as an editor user might.
type opGen struct {
	r    *rand.Rand
	o    *model.Org
	clip *model.Unit
}

func (g *opGen) unit() *model.Unit {
	var all []*model.Unit
	g.o.Walk(func(u *model.Unit) bool { all = append(all, u); return true })
	if len(all) == 0 {
		return nil
	}
	return all[g.r.IntN(len(all))]
}

func (g *opGen) post() *model.Post {
	u := g.unit()
	if u == nil || len(u.Posts) == 0 {
		return nil
	}
	return u.Posts[g.r.IntN(len(u.Posts))]
}

func (g *opGen) member() string {
	if len(g.o.Members) == 0 || g.r.IntN(20) == 0 {
		return "nobody"
	}
	return g.o.Members[g.r.IntN(len(g.o.Members))].ID
}

func (g *opGen) unitID() string {
	if u := g.unit(); u != nil && g.r.IntN(8) > 0 {
		return u.ID
	}
	return ""
}

func (g *opGen) function() string {
	if g.r.IntN(4) == 0 {
		return ""
	}
	if g.r.IntN(30) == 0 {
		return "no-such-function"
	}
	return g.o.Functions[g.r.IntN(len(g.o.Functions))].ID
}

func (g *opGen) next() model.Op {
	r, o := g.r, g.o
	switch r.IntN(23) {
	case 0, 1:
		u := &model.Unit{ID: o.NewID('u'), Name: fmt.Sprintf("new %d", r.IntN(1000))}
		if r.IntN(2) == 0 {
			u.Posts = []*model.Post{{ID: o.NewID('p'), Title: "Secretary", Function: g.function(), Holder: g.member()}}
			if u.Posts[0].Holder == "nobody" {
				u.Posts[0].Holder = ""
			}
		}
		return model.AddUnit{Parent: g.unitID(), Index: r.IntN(4) - 1, Unit: u}
	case 2:
		if u := g.unit(); u != nil {
			g.clip = model.CloneUnit(u)
			return model.DeleteUnit{ID: u.ID}
		}
	case 3:
		if u := g.unit(); u != nil {
			return model.RenameUnit{ID: u.ID, Name: u.Name + "'"}
		}
	case 4, 5:
		if u := g.unit(); u != nil {
			d := u.Details()
			d.Secrecy = model.SecrecyLevels[r.IntN(len(model.SecrecyLevels))]
			d.Notes = fmt.Sprint("note ", r.IntN(9))
			if t := g.unitID(); t != "" && r.IntN(2) == 0 {
				d.ReportsTo = append(d.ReportsTo, t) // may be a cycle or a repeat: refused
			} else if len(d.ReportsTo) > 0 {
				d.ReportsTo = d.ReportsTo[1:]
			}
			if r.IntN(10) == 0 {
				d.Kind = "no-such-kind"
			}
			// Liaisons and headcounts, sometimes naming nobody there.
			d.ReportLiaisons = slices.DeleteFunc(d.ReportLiaisons, func(l model.ReportLiaison) bool { return !slices.Contains(d.ReportsTo, l.To) })
			switch r.IntN(4) {
			case 0:
				d.Liaison = g.member()
			case 1:
				d.Liaison = ""
			case 2:
				if len(d.ReportsTo) > 0 && len(d.ReportLiaisons) == 0 {
					d.ReportLiaisons = []model.ReportLiaison{{To: d.ReportsTo[0], Member: g.member()}}
				}
			}
			d.Headcount = r.IntN(40)
			return model.SetDetails{ID: u.ID, Details: d}
		}
	case 6, 7:
		if u := g.unit(); u != nil {
			return model.MoveUnit{ID: u.ID, Parent: g.unitID(), Index: r.IntN(3) - 1}
		}
	case 8:
		if u := g.unit(); u != nil {
			return model.AddPost{Unit: u.ID, Index: r.IntN(3) - 1,
				Post: model.Post{ID: o.NewID('p'), Title: "Post", Function: g.function()}}
		}
	case 9:
		if p := g.post(); p != nil {
			return model.DeletePost{ID: p.ID}
		}
	case 10:
		if p := g.post(); p != nil {
			return model.EditPost{ID: p.ID, Title: p.Title + "+", Function: g.function()}
		}
	case 11, 12:
		if p := g.post(); p != nil {
			m := g.member()
			if r.IntN(5) == 0 {
				m = ""
			}
			op, err := o.SetHolder(p.ID, m)
			if err == nil {
				return op
			}
		}
	case 13, 14:
		if p := g.post(); p != nil {
			if op, err := o.AddCandidate(p.ID, g.member(), r.IntN(3)-1); err == nil {
				return op
			}
		}
	case 15:
		if p := g.post(); p != nil && len(p.Candidates) > 0 {
			c := p.Candidates[r.IntN(len(p.Candidates))]
			var op model.Op
			var err error
			if r.IntN(2) == 0 {
				op, err = o.RemoveCandidate(p.ID, c)
			} else {
				op, err = o.MoveCandidate(p.ID, c, r.IntN(3)-1)
			}
			if err == nil {
				return op
			}
		}
	case 16:
		return model.AddMember{Index: r.IntN(3) - 1, Member: model.Member{ID: o.NewID('m'), Alias: "Newcomer", Skills: []string{"typesetting"}}}
	case 17:
		if m := g.member(); m != "nobody" {
			return model.DeleteMember{ID: m}
		}
	case 18:
		if m := g.member(); m != "nobody" {
			op, err := o.SetStatus(m, model.Statuses[r.IntN(len(model.Statuses))])
			if err == nil {
				return op
			}
		}
	case 19:
		if g.clip != nil {
			return o.PasteUnit(g.clip, g.unitID(), -1)
		}
	case 20:
		return model.Batch{Ops: []model.Op{
			model.AddFunction{Index: -1, Function: model.Function{ID: o.NewID('f'), Name: "Courier"}},
			model.SetInfo{Name: o.Name + "!", AsOf: "1903-01-01"},
		}}
	case 21:
		if p := g.post(); p != nil {
			return model.MovePost{ID: p.ID, Unit: g.unitID(), Index: r.IntN(3) - 1}
		}
	case 22:
		if m := g.member(); m != "nobody" {
			e := *o.Member(m)
			e.Alias += "'"
			return model.EditMember{Member: e}
		}
	}
	return model.RenameUnit{ID: "no-such-unit", Name: "x"}
}

func TestRandomEditsUndoToTheOriginal(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 40; seed++ {
		o := synth.Generate(synth.Options{Units: 30, Branching: 3, Seed: seed})
		before := dump(o)
		g := &opGen{r: rand.New(rand.NewPCG(seed, 7)), o: o}
		var h model.History
		applied := 0
		for i := 0; i < 150; i++ {
			op := g.next()
			pre := dump(o)
			if err := h.Do(o, op); err != nil {
				if got := dump(o); got != pre {
					t.Fatalf("seed %d step %d: %s failed (%v) but changed the document", seed, i, op.Label(), err)
				}
				continue
			}
			applied++
			if p := o.Validate(); len(p) > 0 {
				t.Fatalf("seed %d step %d: after %s: %v", seed, i, op.Label(), p[0])
			}
			if err := model.CheckIndex(o); err != nil {
				t.Fatalf("seed %d step %d: after %s: index: %v", seed, i, op.Label(), err)
			}
		}
		if applied < 50 {
			t.Fatalf("seed %d: only %d of 150 edits applied; the generator is too weak", seed, applied)
		}
		after := dump(o)
		for h.CanUndo() {
			if _, _, err := h.Undo(o); err != nil {
				t.Fatalf("seed %d: undo: %v", seed, err)
			}
			if err := model.CheckIndex(o); err != nil {
				t.Fatalf("seed %d: after undo: %v", seed, err)
			}
		}
		if got := dump(o); got != before {
			t.Fatalf("seed %d: undoing every edit did not give back the original:\n%s", seed, diff(before, got))
		}
		if h.Modified() {
			t.Fatalf("seed %d: back at the start but still marked modified", seed)
		}
		for h.CanRedo() {
			if _, _, err := h.Redo(o); err != nil {
				t.Fatalf("seed %d: redo: %v", seed, err)
			}
		}
		if got := dump(o); got != after {
			t.Fatalf("seed %d: redoing every edit did not give back the edited document:\n%s", seed, diff(after, got))
		}
		if err := model.CheckIndex(o); err != nil {
			t.Fatalf("seed %d: after redo: %v", seed, err)
		}
	}
}

func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(al), len(bl))
}
