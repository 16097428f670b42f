package model_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

var (
	benchMu   sync.Mutex
	benchOrgs = map[int]*model.Org{}
)

// synthOrg generates a plan once per size; benchmarks undo what they do.
func synthOrg(n int) *model.Org {
	benchMu.Lock()
	defer benchMu.Unlock()
	if o, ok := benchOrgs[n]; ok {
		return o
	}
	o := synth.Generate(synth.Options{Units: n, Seed: 1})
	benchOrgs[n] = o
	return o
}

var benchSizes = synth.BenchSizes(100, 10_000, 100_000)

var benchDay = time.Date(1905, 1, 1, 0, 0, 0, 0, time.UTC)

// bySize runs a benchmark on the generated plan of each size.
func bySize(b *testing.B, fn func(b *testing.B, o *model.Org)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) { fn(b, synthOrg(n)) })
	}
}

// BenchmarkCheckPlan runs every check over the whole plan.
func BenchmarkCheckPlan(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		for b.Loop() {
			model.CheckPlan(o, benchDay)
		}
	})
}

// BenchmarkLaborSummary summarizes the division of labor kept up to date
// per edit, as the Labor tab shows it.
func BenchmarkLaborSummary(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		s := model.NewLaborState(o)
		for b.Loop() {
			s.Summary(o, 12, 200)
		}
	})
}

// BenchmarkLaborStateBuild makes the division of labor from scratch, as
// the editor does in the background on opening a big plan; its bytes
// are what it leaves for the collector at the editor's peak.
func BenchmarkLaborStateBuild(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		b.ReportAllocs()
		for b.Loop() {
			model.NewLaborState(o)
		}
	})
}

// BenchmarkCheckStateUpdate sets a post's holder and undoes it, bringing
// the checks up to date after each: two edits per op.
func BenchmarkCheckStateUpdate(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		s := model.NewCheckState(o, benchDay)
		o.DrainTouched()
		p := o.Units[0].Posts[0]
		other := o.Members[len(o.Members)-1].ID
		var h model.History
		for b.Loop() {
			op, err := o.SetHolder(p.ID, other)
			if err != nil {
				op, _ = o.SetHolder(p.ID, "")
			}
			if err := h.Do(o, op); err != nil {
				b.Fatal(err)
			}
			s = s.Update(o, o.DrainTouched(), benchDay)
			h.Undo(o)
			s = s.Update(o, o.DrainTouched(), benchDay)
		}
	})
}

// BenchmarkCheckStateBuild runs every check as the editor keeps them.
func BenchmarkCheckStateBuild(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		for b.Loop() {
			model.NewCheckState(o, benchDay)
		}
	})
}

// BenchmarkReindex indexes and validates a plan built in memory: the part
// of loading that follows decoding.
func BenchmarkReindex(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		for b.Loop() {
			if p := o.Reindex(); len(p) > 0 {
				b.Fatal(p[0])
			}
		}
	})
}

// BenchmarkRisks ranks every active member by the damage of their removal
// alone, and reports it per member next to one CheckPlan of the same plan
// (the reference: a walk of the whole plan).
func BenchmarkRisks(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		perCheckPlan(b, o, "risks/checkplan", func() { model.Risks(o) })
	})
}

// BenchmarkKeyPlayers searches for the worst set of three (greedy and
// swaps past 20,000 sets), per one CheckPlan of the same plan.
func BenchmarkKeyPlayers(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			o := synthOrg(n)
			perCheckPlan(b, o, "keyplayers/checkplan", func() { model.KeyPlayers(o, 3, 1, 0, model.MaxExhaustive) })
		})
	}
}

// perCheckPlan times fn per loop and reports it as a multiple of one
// CheckPlan of the same plan, measured in the same run.
func perCheckPlan(b *testing.B, o *model.Org, unit string, fn func()) {
	t0 := time.Now()
	model.CheckPlan(o, benchDay)
	ref := time.Since(t0)
	var took time.Duration
	for b.Loop() {
		t := time.Now()
		fn()
		took += time.Since(t)
	}
	b.ReportMetric(float64(took)/float64(b.N)/float64(ref), unit)
}

// BenchmarkCutOffAfterOneRemoval measures one removal against a fresh
// look at the whole plan's lines (Unconnected), measured in the same run:
// the typical removal (the ranking of risks, per member simulated) and the
// worst, the liaison of a unit just under the top, whose whole subtree is
// downstream of the change and cut off.
func BenchmarkCutOffAfterOneRemoval(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		liaison := ""
		for _, u := range o.Units[0].Units {
			if u.Liaison != "" && o.MemberActive(u.Liaison) {
				liaison = u.Liaison
				break
			}
		}
		if liaison == "" {
			b.Skip("no liaison under the top")
		}
		t0 := time.Now()
		model.Unconnected(o)
		ref := time.Since(t0)
		active := 0
		for _, m := range o.Members {
			if m.Active() {
				active++
			}
		}
		var typical, worst time.Duration
		cut := 0
		for b.Loop() {
			t := time.Now()
			model.Risks(o)
			typical += time.Since(t)
			t = time.Now()
			cut = len(model.Simulate(o, []string{liaison}).CutOff)
			worst += time.Since(t)
		}
		b.ReportMetric(float64(typical)/float64(b.N)/float64(active)/float64(ref), "typical/wholelook")
		b.ReportMetric(float64(worst)/float64(b.N)/float64(ref), "worst/wholelook")
		b.ReportMetric(float64(cut), "worst-cutoff")
	})
}

// BenchmarkViewOfADeepMember makes the view of a member who sits only in
// units with no sub-units, per one CheckPlan of the same plan: the view
// costs its scope, so the ratio falls as the plan grows.
func BenchmarkViewOfADeepMember(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		member := ""
		for _, m := range o.Members {
			ps := append(o.Held(m.ID), o.Candidacies(m.ID)...)
			leaf := len(ps) > 0
			for _, p := range ps {
				leaf = leaf && len(p.Unit().Units) == 0
			}
			if leaf {
				member = m.ID
				break
			}
		}
		if member == "" {
			b.Skip("no member in leaf units only")
		}
		perCheckPlan(b, o, "view/checkplan", func() {
			if _, err := model.View(o, member, model.ViewOptions{Depth: -1, Secret: []byte("k")}); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkRevealsOfEveryMember counts every member's view, as the risk
// report does, per one CheckPlan of the same plan.
func BenchmarkRevealsOfEveryMember(b *testing.B) {
	bySize(b, func(b *testing.B, o *model.Org) {
		perCheckPlan(b, o, "reveals/checkplan", func() {
			for _, m := range o.Members {
				model.Reveals(o, m.ID)
			}
		})
	})
}
