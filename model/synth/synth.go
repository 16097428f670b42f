// Package synth generates synthetic organizations of any size, the same for
// the same seed: for benchmarks, property tests and `orgplan gen`.
package synth

import (
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/orgplan/orgplan/model"
)

// Options shape a generated organization.
type Options struct {
	Units        int     // how many units in all (at least 1)
	Branching    int     // children per unit; 0 means 8
	PostsPerUnit int     // 0 means 3
	Vacancy      float64 // share of posts left vacant; negative means none, 0 means 0.15
	Seed         uint64
}

var functions = []model.Function{
	{ID: "secretary", Name: "Secretary"},
	{ID: "treasurer", Name: "Treasurer"},
	{ID: "propagandist", Name: "Propagandist"},
	{ID: "agitator", Name: "Agitator"},
	{ID: "distribution", Name: "Distribution"},
	{ID: "liaison", Name: "Liaison"},
	{ID: "printing", Name: "Printing"},
	{ID: "organizer", Name: "Organizer"},
}

var kinds = []model.Kind{
	{ID: "committee", Name: "Committee", Secrecy: model.SecrecyHigh, RequiredFunctions: []string{"secretary"}, ReportEveryDays: 14},
	{ID: "group", Name: "Group", Secrecy: model.SecrecyMedium, MaxPosts: 5, ReportEveryDays: 7},
	{ID: "circle", Name: "Circle", Secrecy: model.SecrecyLow, Affiliation: model.AffiliationAssociated},
}

var syllables = []string{"ka", "ro", "mi", "ta", "ve", "lo", "sa", "ni", "do", "ru", "ze", "po"}

// Generate builds and indexes an organization. It panics only on a bug in
// the generator itself (an invalid document).
func Generate(opt Options) *model.Org {
	d := Draw(opt)
	o := d.Head()
	o.Members = make([]*model.Member, d.Members())
	for i := range o.Members {
		o.Members[i] = d.Member(i)
	}
	units := make([]*model.Unit, len(d.units))
	for i := range units {
		units[i], _ = d.Unit(i)
		if i == 0 {
			o.Units = []*model.Unit{units[0]}
			continue
		}
		// Linked by the parent's formula, not by Unit's list of those
		// under it: the streamed file is tested against this tree.
		parent := units[(i-1)/d.branching]
		parent.Units = append(parent.Units, units[i])
	}
	if problems := o.Reindex(); len(problems) > 0 {
		panic("synth: generated an invalid organization: " + problems[0].Error())
	}
	return o
}

// A Drawing is an organization drawn but not built: a few bytes a unit,
// post and member, each made whole only when asked for, so that a plan of
// any size can be written out in little memory (`orgplan gen`).
type Drawing struct {
	opt       Options
	branching int
	members   []memberDraw
	units     []unitDraw
	posts     []postDraw // PostsPerUnit a unit, in unit order
}

type memberDraw struct {
	syllables [3]uint8
	n         uint8 // syllables in the alias
	status    uint8 // 0 active, 1 arrested, 2 inactive
}

type unitDraw struct {
	place, group, kind uint8
	lastReport         int8 // day of 2025-12, or -1
	contacts           bool
	headcount          uint8 // 0: none
	liaison            int32 // a member, or -1
}

type postDraw struct {
	fn     uint8
	ncand  uint8
	holder int32 // a member, or -1
	cands  [2]int32
}

var kindIDs = []string{"committee", "circle", "group"}

// Draw draws an organization: the same for the same options.
func Draw(opt Options) *Drawing {
	if opt.Units < 1 {
		opt.Units = 1
	}
	if opt.Branching <= 0 {
		opt.Branching = 8
	}
	if opt.PostsPerUnit <= 0 {
		opt.PostsPerUnit = 3
	}
	if opt.Vacancy == 0 {
		opt.Vacancy = 0.15
	}
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	// Liaisons and headcounts draw from their own source, so that a seed
	// gives the same units, posts and people as before they existed.
	lr := rand.New(rand.NewPCG(opt.Seed^0x5bd1e995, opt.Seed))
	d := &Drawing{opt: opt, branching: opt.Branching,
		members: make([]memberDraw, opt.Units), units: make([]unitDraw, opt.Units),
		posts: make([]postDraw, 0, opt.Units*opt.PostsPerUnit)}
	members := int32(len(d.members))
	for i := range d.members {
		m := &d.members[i]
		m.n = uint8(2 + r.IntN(2))
		for k := range m.n {
			m.syllables[k] = uint8(r.IntN(len(syllables)))
		}
		switch x := r.IntN(100); {
		case x < 3:
			m.status = 1
		case x < 5:
			m.status = 2
		}
	}
	// Breadth first, so that the tree is as shallow as the branching allows.
	for i := range d.units {
		u := &d.units[i]
		if i > 0 {
			u.place, u.group = uint8(r.IntN(len(places))), uint8(r.IntN(len(groups)))
			u.kind = 2
			if r.IntN(4) == 0 {
				u.kind = 1
			}
		}
		u.lastReport = -1
		if r.IntN(3) == 0 {
			u.lastReport = int8(10 + r.IntN(18))
		}
		u.contacts = r.IntN(5) > 0
		for j := 0; j < opt.PostsPerUnit; j++ {
			p := postDraw{fn: uint8(r.IntN(len(functions))), holder: -1}
			if j == 0 {
				p.fn = 0 // the secretary
			}
			if opt.Vacancy < 0 || r.Float64() >= opt.Vacancy {
				p.holder = r.Int32N(members)
			}
			for c := r.IntN(3); c > 0; c-- {
				id := r.Int32N(members)
				if id != p.holder && (p.ncand == 0 || p.cands[0] != id) {
					p.cands[p.ncand] = id
					p.ncand++
				}
			}
			d.posts = append(d.posts, p)
		}
		u.liaison = -1
		if i > 0 && lr.IntN(3) == 0 {
			u.liaison = lr.Int32N(members)
		}
		if u.kind == 2 && lr.IntN(2) == 0 {
			u.headcount = uint8(5 + lr.IntN(60))
		}
	}
	return d
}

// Head is the organization without members and units: its name, asOf
// and catalogues.
func (d *Drawing) Head() *model.Org {
	o := &model.Org{
		Name:        "Synthetic federation of " + strconv.Itoa(d.opt.Units) + " units",
		Description: "Generated by orgplan gen.",
		AsOf:        "2026-01-01",
	}
	for i := range functions {
		f := functions[i]
		o.Functions = append(o.Functions, &f)
	}
	for i := range kinds {
		k := kinds[i]
		k.RequiredFunctions = append([]string(nil), k.RequiredFunctions...)
		o.Kinds = append(o.Kinds, &k)
	}
	return o
}

// Members is how many members there are.
func (d *Drawing) Members() int { return len(d.members) }

// Member makes the i-th member.
func (d *Drawing) Member(i int) *model.Member {
	m := d.members[i]
	b := make([]byte, 0, 6)
	for k := range m.n {
		b = append(b, syllables[m.syllables[k]]...)
	}
	b[0] -= 'a' - 'A'
	out := &model.Member{ID: memberID(int32(i)), Alias: string(b)}
	switch m.status {
	case 1:
		out.Status = model.StatusArrested
	case 2:
		out.Status = model.StatusInactive
	}
	return out
}

func memberID(i int32) string { return "m" + strconv.Itoa(int(i)+1) }

// Roots are the top-level units: the first.
func (d *Drawing) Roots() []int { return []int{0} }

// Unit makes the i-th unit (breadth first) with its posts, and says which
// units are under it; they are not linked to it.
func (d *Drawing) Unit(i int) (*model.Unit, []int) {
	ud := d.units[i]
	u := &model.Unit{ID: "u" + strconv.Itoa(i+1), Name: "Central committee", Kind: kindIDs[ud.kind],
		ContactsDeposited: ud.contacts, Headcount: int(ud.headcount)}
	if i > 0 {
		u.Name = places[ud.place] + " " + groups[ud.group] + " " + strconv.Itoa(i)
	}
	if ud.lastReport >= 0 {
		u.LastReport = "2025-12-" + strconv.Itoa(int(ud.lastReport))
	}
	if ud.liaison >= 0 {
		u.Liaison = memberID(ud.liaison)
	}
	n := d.opt.PostsPerUnit
	u.Posts = make([]*model.Post, n)
	for j := range n {
		pd := d.posts[i*n+j]
		fn := functions[pd.fn]
		p := &model.Post{ID: "p" + strconv.Itoa(i*n+j+1), Title: fn.Name, Function: fn.ID}
		if pd.holder >= 0 {
			p.Holder = memberID(pd.holder)
		}
		for _, c := range pd.cands[:pd.ncand] {
			p.Candidates = append(p.Candidates, memberID(c))
		}
		u.Posts[j] = p
	}
	var under []int
	for c := i*d.branching + 1; c <= i*d.branching+d.branching && c < len(d.units); c++ {
		under = append(under, c)
	}
	return u, under
}

var places = []string{"Vyborg", "Neva", "Narva", "Moscow", "Kolpino", "Okhta", "Harbor", "Obvodny", "Peski", "Lesnoy"}
var groups = []string{"district group", "factory subcommittee", "study circle", "liaison group", "printing group", "shop committee"}

// MillionEnv is the environment variable that adds a million units to
// the sizes benchmarks measure (BenchSizes): minutes per benchmark, kept
// out of CI.
const MillionEnv = "ORGPLAN_BENCH_1M"

// BenchSizes is the plan sizes a benchmark measures: base, then a million
// units when MillionEnv is set.
func BenchSizes(base ...int) []int {
	if os.Getenv(MillionEnv) != "" {
		return append(base, 1_000_000)
	}
	return base
}
