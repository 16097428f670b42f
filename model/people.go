package model

import (
	"context"
	"slices"
	"sort"
)

// Vacancy is a post that needs attention: no holder, or no active
// candidate ready to step in, or both.
type Vacancy struct {
	Post        *Post
	Vacant      bool // no holder
	NoCandidate bool // no active candidate
	Required    bool // the post's function is one its unit's kind requires
	Depth       int  // of its unit; shallower posts lead more
}

// Vacancies lists the posts with no holder or no active candidate, most
// important first: the shallower the unit, the more it leads; at the same
// depth, posts for a function the kind requires come first, then vacant
// posts before merely unbacked ones, then document order.
func Vacancies(o *Org) []Vacancy {
	out, _ := VacanciesContext(context.Background(), o)
	return out
}

// VacanciesContext is Vacancies giving up once ctx is done.
func VacanciesContext(ctx context.Context, o *Org) ([]Vacancy, error) {
	var out []Vacancy
	pl := &poll{ctx: ctx}
	o.Walk(func(u *Unit) bool {
		if pl.stopped() {
			return false
		}
		k := o.idx.kinds[u.Kind]
		depth := -1
		for _, p := range u.Posts {
			v := Vacancy{Post: p, Vacant: p.Holder == "", NoCandidate: !o.HasActiveCandidate(p)}
			if !v.Vacant && !v.NoCandidate {
				continue
			}
			if depth < 0 {
				depth = u.Depth()
			}
			v.Depth = depth
			v.Required = k != nil && indexOf(k.RequiredFunctions, p.Function) >= 0 && p.Function != ""
			out = append(out, v)
		}
		return true
	})
	if pl.err != nil {
		return nil, pl.err
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Depth != b.Depth {
			return a.Depth < b.Depth
		}
		if a.Required != b.Required {
			return a.Required
		}
		return a.Vacant && !b.Vacant
	})
	return out, nil
}

// MaxIncremental is how many changed posts UpdateVacancies takes one by
// one; past it, recomputing the list is cheaper.
const MaxIncremental = 500

// UpdateVacancies brings a list made by Vacancies up to date after the
// touched posts changed (see DrainTouched), in the same order Vacancies
// gives, without walking the tree: each changed post leaves the list and
// comes back, if it still needs attention, at the place a binary search
// finds. ok is false when there are too many to be worth it.
func UpdateVacancies(o *Org, list []Vacancy, touched []*Post) (_ []Vacancy, ok bool) {
	if len(touched) > MaxIncremental {
		return list, false
	}
	if len(touched) == 0 {
		return list, true
	}
	gone := make(map[*Post]bool, len(touched))
	for _, p := range touched {
		gone[p] = true
	}
	list = slices.DeleteFunc(list, func(v Vacancy) bool { return gone[v.Post] })
	for _, p := range touched {
		if o.idx.posts.get(p.ID) != p {
			continue // deleted
		}
		v, need := o.vacancyOf(p)
		if !need {
			continue
		}
		i := sort.Search(len(list), func(i int) bool { return o.vacancyBefore(v, list[i]) })
		list = slices.Insert(list, i, v)
	}
	return list, true
}

// vacancyOf says whether a post needs attention, and how much.
func (o *Org) vacancyOf(p *Post) (Vacancy, bool) {
	v := Vacancy{Post: p, Vacant: p.Holder == "", NoCandidate: !o.HasActiveCandidate(p)}
	if !v.Vacant && !v.NoCandidate {
		return v, false
	}
	v.Depth = p.unit.Depth()
	k := o.idx.kinds[p.unit.Kind]
	v.Required = k != nil && p.Function != "" && indexOf(k.RequiredFunctions, p.Function) >= 0
	return v, true
}

// vacancyBefore is the order of Vacancies: depth, required first, vacant
// first, then document order.
func (o *Org) vacancyBefore(a, b Vacancy) bool {
	ra, rb := Rank{a.Depth, a.Required}, Rank{b.Depth, b.Required}
	switch {
	case ra.Above(rb) || rb.Above(ra):
		return ra.Above(rb)
	case a.Vacant != b.Vacant:
		return a.Vacant
	case a.Post.unit != b.Post.unit:
		return o.unitBefore(a.Post.unit, b.Post.unit)
	}
	return indexOfPost(a.Post.unit.Posts, a.Post) < indexOfPost(b.Post.unit.Posts, b.Post)
}

// HasActiveCandidate reports whether someone active stands ready now for
// p: a candidate ready later does not count.
func (o *Org) HasActiveCandidate(p *Post) bool {
	for _, c := range p.Candidates {
		if o.MemberActive(c) && !p.Later(c) {
			return true
		}
	}
	return false
}

// HasAnyActiveCandidate reports whether someone active stands ready for p,
// now or later.
func (o *Org) HasAnyActiveCandidate(p *Post) bool {
	for _, c := range p.Candidates {
		if o.MemberActive(c) {
			return true
		}
	}
	return false
}

// Candidacy is a post a member stands ready for, and their place in line
// (1: first).
type Candidacy struct {
	Post     *Post
	Position int
}

// MemberSummary is what a member is charged with.
type MemberSummary struct {
	Member      *Member
	Held        []*Post     // in document order
	Functions   []string    // distinct functions performed
	Candidacies []Candidacy // in document order
	Units       []*Unit     // where they hold or stand ready, in document order
	Lines       []Line      // the lines they carry, in document order of From
	Exposure    int         // see Exposure
}

// Line is a unit's line to its parent or to a unit it reports to.
type Line struct{ From, To *Unit }

// LinesOf lists the lines member carries as the one named for them, in
// document order of the unit they come from.
func LinesOf(o *Org, member string) []Line {
	var out []Line
	for _, u := range o.idx.carriedBy[member] {
		if u.Liaison == member && u.parent != nil {
			out = append(out, Line{u, u.parent})
		}
		for _, l := range u.ReportLiaisons {
			if t := o.idx.units.get(l.To); l.Member == member && t != nil {
				out = append(out, Line{u, t})
			}
		}
	}
	// Stable: a unit's parent line, put first above, stays first.
	sort.SliceStable(out, func(i, j int) bool { return out[i].From != out[j].From && o.unitBefore(out[i].From, out[j].From) })
	return out
}

// Summarize gathers a member's posts, candidacies and units from the
// indexes, without walking the tree.
func Summarize(o *Org, memberID string) (MemberSummary, bool) {
	m := o.Member(memberID)
	if m == nil {
		return MemberSummary{}, false
	}
	s := MemberSummary{Member: m, Functions: o.MemberFunctions(memberID)}
	s.Held = append(s.Held, o.Held(memberID)...)
	for _, p := range o.Candidacies(memberID) {
		s.Candidacies = append(s.Candidacies, Candidacy{Post: p, Position: indexOf(p.Candidates, memberID) + 1})
	}
	order := o.postOrder(append(append([]*Post(nil), s.Held...), postsOf(s.Candidacies)...))
	sort.SliceStable(s.Held, func(i, j int) bool { return order[s.Held[i]] < order[s.Held[j]] })
	sort.SliceStable(s.Candidacies, func(i, j int) bool { return order[s.Candidacies[i].Post] < order[s.Candidacies[j].Post] })
	seen := map[*Unit]bool{}
	for _, p := range s.Held {
		if !seen[p.unit] {
			seen[p.unit] = true
			s.Units = append(s.Units, p.unit)
		}
	}
	for _, c := range s.Candidacies {
		if !seen[c.Post.unit] {
			seen[c.Post.unit] = true
			s.Units = append(s.Units, c.Post.unit)
		}
	}
	sort.SliceStable(s.Units, func(i, j int) bool { return o.unitBefore(s.Units[i], s.Units[j]) })
	s.Lines = LinesOf(o, memberID)
	s.Exposure = Exposure(o, memberID)
	return s, true
}

func postsOf(cs []Candidacy) []*Post {
	ps := make([]*Post, len(cs))
	for i, c := range cs {
		ps[i] = c.Post
	}
	return ps
}

// postOrder ranks a few posts in document order by comparing their paths,
// so a member's summary never walks the whole tree.
func (o *Org) postOrder(ps []*Post) map[*Post]int {
	sorted := append([]*Post(nil), ps...)
	sort.SliceStable(sorted, func(i, j int) bool { return placedBefore(o, sorted[i], sorted[j]) })
	rank := make(map[*Post]int, len(sorted))
	for i, p := range sorted {
		rank[p] = i
	}
	return rank
}

// unitBefore reports whether a comes before b in document order, by
// comparing their ancestries.
func (o *Org) unitBefore(a, b *Unit) bool {
	// Climb to one depth, then together to the children of the common
	// ancestor: no paths are built (this runs inside every sort of posts).
	if a == b {
		return false
	}
	if o.numbered() {
		return a.pre < b.pre
	}
	da, db := a.Depth(), b.Depth()
	for ; da > db; da-- {
		if a = a.parent; a == b {
			return false // b is an ancestor of a: it comes first
		}
	}
	for ; db > da; db-- {
		if b = b.parent; b == a {
			return true
		}
	}
	for a.parent != b.parent {
		a, b = a.parent, b.parent
	}
	return o.IndexOf(a) < o.IndexOf(b)
}

// Exposure counts the distinct other members who share a unit with the
// member, as holder or candidate, or sit in a unit whose line they carry:
// the people an arrest would put at risk.
func Exposure(o *Org, memberID string) int {
	seen := map[string]bool{}
	units := map[*Unit]bool{}
	for _, u := range o.idx.carriedBy[memberID] {
		units[u] = true
	}
	for _, p := range o.Held(memberID) {
		units[p.unit] = true
	}
	for _, p := range o.Candidacies(memberID) {
		units[p.unit] = true
	}
	for u := range units {
		for _, p := range u.Posts {
			if p.Holder != "" {
				seen[p.Holder] = true
			}
			for _, c := range p.Candidates {
				seen[c] = true
			}
		}
	}
	delete(seen, memberID)
	return len(seen)
}
