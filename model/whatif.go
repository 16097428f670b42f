package model

import (
	"container/heap"
	"context"
	"runtime"
	"slices"
)

// Promotion is one step of a succession: To takes Post, which From held
// (From is "" when the post was already vacant).
type Promotion struct {
	Post     *Post
	From, To string
	Leaves   []*Post // posts To held and leaves to take this one
}

// Skip is a candidate passed over in a succession: stepping into Post
// would have moved them down from Holds, a post at least as important.
type Skip struct {
	Post   *Post
	Member string
	Holds  *Post
}

// WhatIf is what removing some members does to the plan.
type WhatIf struct {
	Removed    []string
	Promotions []Promotion
	Skipped    []Skip  // candidates not moved down
	Vacated    []*Post // posts that had a holder and are left with none
	Leaderless []*Unit // units that had holders and have none left
	CutOff     []*Unit // units with people left but no working line to a center
	// Recoverable are the units of CutOff whose line the center can
	// re-form (their contacts are deposited); the others are lost.
	Recoverable map[*Unit]bool
	BenchBefore Bench
	BenchAfter  Bench
	// Cover is, of the posts the removed held (Held), how many candidates
	// ready now could fill at the same time, one person to one post
	// (Filled): what the bench can really do for this removal.
	Cover struct{ Held, Filled int }
	// Final is each changed post's holder and candidates afterwards.
	Final map[*Post]People
}

// People is who holds a post and who stands ready for it (ReadyLater:
// those of Candidates ready later).
type People struct {
	Holder     string
	Candidates []string
	ReadyLater []string
}

// Bench is bench strength: posts with at least one active candidate ready
// now (Ready), or ready at all, now or later (Any), of all posts.
type Bench struct{ Ready, Posts, Any int }

// Ratio is Ready / Posts, or 0 for no posts.
func (b Bench) Ratio() float64 {
	if b.Posts == 0 {
		return 0
	}
	return float64(b.Ready) / float64(b.Posts)
}

// BenchStrength measures the plan as it is.
func BenchStrength(o *Org) Bench { return benchStrength(o, nil) }

func benchStrength(o *Org, pl *poll) Bench {
	var b Bench
	for p := range o.idx.posts.all() {
		if pl.stopped() {
			return b
		}
		b.Posts++
		// One pass over the candidates, for both counts.
		now, any := false, false
		for _, c := range p.Candidates {
			if o.MemberActive(c) {
				any = true
				if now = !p.Later(c); now {
					break
				}
			}
		}
		b.Ready += oneIf(now)
		b.Any += oneIf(any)
	}
	return b
}

// Simulate removes members (arrests, say) and works out who steps in. Each
// post they held goes to its first active candidate who is not removed,
// not already promoted, and would not be moved down: a candidate steps in
// only if the post is strictly more important (Rank) than every post they
// hold at that moment, or they hold none; otherwise they are skipped, and
// the report says so. A promoted member leaves the posts they held, which
// pass on by the same rule. The most important posts are filled first
// (ComparePosts). The plan is not changed.
func Simulate(o *Org, removed []string) WhatIf {
	w, _ := SimulateContext(context.Background(), o, removed)
	return w
}

// SimulateContext is Simulate giving up once ctx is done: at a million
// units a removal near the top reaches a quarter of the plan, and the
// bench strength reads every post.
func SimulateContext(ctx context.Context, o *Org, removed []string) (WhatIf, error) {
	pl := &poll{ctx: ctx}
	w := simulate(o, removed, true, nil, pl)
	w.BenchBefore = benchStrength(o, pl)
	w.BenchAfter = w.benchAfter(o, newRemoval(removed))
	if pl.err != nil {
		return WhatIf{}, pl.err
	}
	var held []*Post
	for _, id := range removed {
		for _, p := range o.Held(id) {
			if !slices.Contains(held, p) {
				held = append(held, p)
			}
		}
	}
	gone := map[string]bool{}
	for _, id := range removed {
		gone[id] = true
	}
	w.Cover.Held, w.Cover.Filled = len(held), Cover(o, held, gone)
	return w, nil
}

// state is a post's people after the simulation.
func (w *WhatIf) state(p *Post) People {
	if s, ok := w.Final[p]; ok {
		return s
	}
	return peopleOf(p)
}

// simulate is Simulate without the bench strength, which walks every
// post: what the ranking of risks needs, once per member. Unordered, the
// lists of posts and units are left unsorted: the damage only counts them.
// before is the plan's lines as they are, shared by the simulations of
// one ranking (nil: made here). pl, if not nil, calls the work off: what
// it gives then is not to be used.
func simulate(o *Org, removed []string, ordered bool, before *lines, pl *poll) WhatIf {
	if before == nil {
		before = linesNow(o)
	}
	w := WhatIf{Removed: removed, Final: map[*Post]People{}}
	gone := newRemoval(removed)
	state := w.state
	promoted := map[string]bool{}
	left := map[*Post]bool{} // posts a promoted member left behind
	q := &postQueue{o: o}
	for _, id := range removed {
		for _, p := range o.Held(id) {
			heap.Push(q, p)
		}
	}
	for q.Len() > 0 && !pl.stopped() {
		p := heap.Pop(q).(*Post)
		s := state(p)
		if s.Holder == "" || !gone.has(s.Holder) && !left[p] {
			continue // queued twice, or its holder stays
		}
		delete(left, p)
		next := ""
		rank := RankOf(o, p)
		for _, c := range s.Candidates {
			if !gone.active(o, c) || promoted[c] || indexOf(s.ReadyLater, c) >= 0 {
				continue // gone, moved already, or not ready yet
			}
			if own, r := w.highestHeld(o, c, p); own != nil && !rank.Above(r) {
				w.Skipped = append(w.Skipped, Skip{Post: p, Member: c, Holds: own})
				continue
			}
			next = c
			break
		}
		if next == "" {
			w.Final[p] = People{Holder: "", Candidates: s.Candidates, ReadyLater: s.ReadyLater}
			continue
		}
		promoted[next] = true
		w.Final[p] = People{Holder: next, Candidates: slices.DeleteFunc(slices.Clone(s.Candidates), func(c string) bool { return c == next }), ReadyLater: s.ReadyLater}
		pr := Promotion{Post: p, From: s.Holder, To: next}
		for _, own := range o.Held(next) {
			if own != p && state(own).Holder == next {
				pr.Leaves = append(pr.Leaves, own)
				left[own] = true
				heap.Push(q, own)
			}
		}
		w.Promotions = append(w.Promotions, pr)
	}
	for p, s := range w.Final {
		if s.Holder == "" && p.Holder != "" {
			w.Vacated = append(w.Vacated, p)
		}
	}
	w.leaderlessAndCutOff(o, state, gone, before, pl)
	if ordered && !pl.stopped() {
		sortPosts(o, w.Vacated)
		sortUnits(o, w.Leaderless)
		sortUnits(o, w.CutOff)
	}
	return w
}

// highestHeld is the most important post member holds now, besides p,
// and its rank: each post's rank is worked out once.
func (w *WhatIf) highestHeld(o *Org, member string, p *Post) (*Post, Rank) {
	var best *Post
	var br Rank
	for _, own := range o.Held(member) {
		// member held own in the plan: only a post that changed hands
		// may be theirs no more.
		if own == p {
			continue
		}
		if s, changed := w.Final[own]; changed && s.Holder != member {
			continue
		}
		if r := RankOf(o, own); best == nil || r.Above(br) || !br.Above(r) && placedBefore(o, own, best) {
			best, br = own, r
		}
	}
	return best, br
}

// removal is the members a simulation removes, asked of at every
// candidate: one or a few (a member, a unit's holders) compared in
// place, which costs less than hashing; more through a map.
type removal struct {
	ids []string
	set map[string]bool
}

// removalInPlace is how many ids are compared in place.
const removalInPlace = 8

func newRemoval(ids []string) removal {
	r := removal{ids: ids}
	if len(ids) > removalInPlace {
		r.set = make(map[string]bool, len(ids))
		for _, id := range ids {
			r.set[id] = true
		}
	}
	return r
}

func (r removal) has(id string) bool {
	if r.set != nil {
		return r.set[id]
	}
	return slices.Contains(r.ids, id)
}

// active is whether member id can act after the removal.
func (r removal) active(o *Org, id string) bool { return !r.has(id) && o.MemberActive(id) }

// holderLeft reports whether someone who can act holds p afterwards.
func holderLeft(s People, gone removal, o *Org) bool {
	return s.Holder != "" && gone.active(o, s.Holder)
}

// leaderlessAndCutOff finds the units the removal leaves with no one, and
// those it cuts off (see lines.go): connected before, with people left,
// and no working line after. Only units downstream of a change (a unit
// left with no one, a line whose liaison is removed) can lose their line:
// those alone are looked at, so one removal costs what it touches, not
// the whole plan.
func (w *WhatIf) leaderlessAndCutOff(o *Org, state func(*Post) People, gone removal, before *lines, pl *poll) {
	touched := map[*Unit]bool{}
	for p := range w.Final {
		touched[p.unit] = true
	}
	for _, id := range w.Removed {
		for _, p := range o.Held(id) {
			touched[p.unit] = true
		}
	}
	staffed := func(u *Unit) bool {
		if !touched[u] {
			// None of its posts changed hands and no one removed held
			// one: as staffed as now, asked of the posts themselves (at a
			// million units most of a big removal's reach is such).
			return staffedNow(u)
		}
		for _, p := range u.Posts {
			if holderLeft(state(p), gone, o) {
				return true
			}
		}
		return false
	}
	var changed []*Unit
	for u := range touched {
		if staffedNow(u) && !staffed(u) {
			w.Leaderless = append(w.Leaderless, u)
			changed = append(changed, u)
		}
	}
	for _, id := range w.Removed {
		changed = append(changed, o.idx.carriedBy[id]...)
	}
	if len(changed) == 0 {
		return
	}
	reach := o.downstream(changed, pl)
	after := &lines{o: o, active: func(id string) bool { return gone.active(o, id) }, staffed: staffed,
		known: func(u *Unit) (bool, bool) {
			if reach[u] {
				return false, false
			}
			return before.connected(u), true
		}}
	for u := range reach {
		if pl.stopped() {
			return
		}
		if before.connected(u) && staffed(u) && !after.connected(u) {
			w.CutOff = append(w.CutOff, u)
			if after.recoverable(u) {
				if w.Recoverable == nil {
					w.Recoverable = map[*Unit]bool{}
				}
				w.Recoverable[u] = true
			}
		}
	}
}

// benchAfter is the bench strength after the simulation: the bench
// before, with the posts whose people changed, or a candidate of which
// is removed, counted again. The others stand as they were, and a count
// of every post costs 0.8 s at a million units.
func (w *WhatIf) benchAfter(o *Org, gone removal) Bench {
	b := w.BenchBefore
	active := func(id string) bool { return gone.active(o, id) }
	seen := map[*Post]bool{}
	recount := func(p *Post) {
		if seen[p] {
			return
		}
		seen[p] = true
		now, any := standing(peopleOf(p), o.MemberActive)
		b.Ready -= oneIf(now)
		b.Any -= oneIf(any)
		now, any = standing(w.state(p), active)
		b.Ready += oneIf(now)
		b.Any += oneIf(any)
	}
	for p := range w.Final {
		recount(p)
	}
	for _, id := range gone.ids {
		for _, p := range o.Candidacies(id) {
			recount(p)
		}
	}
	return b
}

// standing is whether a post has an active candidate ready now, and
// ready at all (BenchStrength).
func standing(s People, active func(string) bool) (now, any bool) {
	for _, c := range s.Candidates {
		if active(c) && s.Holder != c {
			any = true
			now = now || indexOf(s.ReadyLater, c) < 0
		}
	}
	return now, any
}

func oneIf(b bool) int {
	if b {
		return 1
	}
	return 0
}

// SinglePoints lists the active members whose removal alone does damage
// (Risks), in member order: it agrees with Simulate by construction.
func SinglePoints(o *Org) []string { return SinglePointsProgress(o, nil) }

// SinglePointsProgress is SinglePoints, telling progress as Risks does.
func SinglePointsProgress(o *Org, progress func(done, total int)) []string {
	var out []string
	for _, r := range risksInOrder(o, runtime.GOMAXPROCS(0), progress) {
		out = append(out, r.Member)
	}
	return out
}

// UnitHolders lists the active holders of a unit's posts: who an arrest of
// that unit (the committee, say) would take.
func UnitHolders(o *Org, unitID string) []string {
	u := o.idx.units.get(unitID)
	if u == nil {
		return nil
	}
	var out []string
	for _, p := range u.Posts {
		if p.Holder != "" && !slices.Contains(out, p.Holder) {
			out = append(out, p.Holder)
		}
	}
	return out
}

// Apply builds the one undoable change that makes the simulation real: the
// removed members are marked arrested and every post takes its new people.
func (w WhatIf) Apply(o *Org) Op {
	var ops []Op
	for _, id := range w.Removed {
		if op, err := o.SetStatus(id, StatusArrested); err == nil {
			ops = append(ops, op)
		}
	}
	posts := make([]*Post, 0, len(w.Final))
	for p := range w.Final {
		posts = append(posts, p)
	}
	sortPosts(o, posts)
	for _, p := range posts {
		s := w.Final[p]
		ops = append(ops, SetPeople{Post: p.ID, Holder: s.Holder, Candidates: s.Candidates, ReadyLater: s.ReadyLater})
	}
	return Batch{Ops: ops, Name: "apply what-if: remove " + joinLabels(o, w.Removed)}
}

func joinLabels(o *Org, ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		if i == 3 {
			return s + "…"
		}
		s += o.MemberLabel(id)
	}
	return s
}

// postQueue orders posts by importance (ComparePosts).
type postQueue struct {
	o  *Org
	ps []*Post
}

func (q *postQueue) Len() int { return len(q.ps) }
func (q *postQueue) Less(i, j int) bool {
	return postBefore(q.o, q.ps[i], q.ps[j])
}
func (q *postQueue) Swap(i, j int) { q.ps[i], q.ps[j] = q.ps[j], q.ps[i] }
func (q *postQueue) Push(x any)    { q.ps = append(q.ps, x.(*Post)) }
func (q *postQueue) Pop() any {
	p := q.ps[len(q.ps)-1]
	q.ps = q.ps[:len(q.ps)-1]
	return p
}

func postBefore(o *Org, a, b *Post) bool { return ComparePosts(o, a, b) < 0 }

func sortPosts(o *Org, ps []*Post) {
	o.numberFor(len(ps))
	slices.SortStableFunc(ps, func(a, b *Post) int { return ComparePosts(o, a, b) })
}

func sortUnits(o *Org, us []*Unit) {
	o.numberFor(len(us))
	slices.SortStableFunc(us, func(a, b *Unit) int {
		if a == b {
			return 0
		}
		if o.unitBefore(a, b) {
			return -1
		}
		return 1
	})
}

// peopleOf is who holds and stands ready for p as the plan is.
func peopleOf(p *Post) People {
	return People{Holder: p.Holder, Candidates: p.Candidates, ReadyLater: p.ReadyLater}
}
