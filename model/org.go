package model

import (
	"slices"
	"strconv"
	"strings"
)

// Org is a whole plan: the catalogues of functions and kinds, the members
// and the forest of units.
//
// The exported fields are for reading and for building a new Org before
// Reindex. Once an Org is indexed, change it only through Apply (or a
// History), which keeps the indexes and the version right.
type Org struct {
	Name        string
	Description string
	AsOf        string // YYYY-MM-DD or ""
	Functions   []*Function
	Kinds       []*Kind
	Members     []*Member
	Units       []*Unit
	// Conflicts are what a merge left for someone to decide (ours is in
	// place meanwhile); each is an error in the checks until resolved.
	Conflicts []Conflict
	// Team is who the plan is encrypted to (empty: a passphrase, or none).
	Team []Organizer
	// ViewFor names whose need-to-know view this plan is ("": a whole
	// plan); the editor opens a view read-only.
	ViewFor string

	idx     index
	version uint64
	// gen and order are the generation of the plan and its units'
	// document-order numbers (see order.go).
	gen    uint64
	order  *numbering
	people uint64 // see PeopleVersion
	// touched are the posts whose holder, candidates, function, unit,
	// place or people's status changed since the last DrainTouched; all
	// says that everything may have (a new index, a catalogue change).
	touched      map[*Post]struct{}
	touchedUnits map[*Unit]struct{}  // units whose fields, posts or place changed
	touchedMem   map[string]struct{} // members whose posts or status changed
	touchedAll   bool
	touchedOrder bool // units moved: see Touched.Reordered
	// membersFrom is the first place in Members whose person.pos may be
	// out of date: an insertion or deletion moves everyone after it, and
	// they are renumbered only when a position is next asked for.
	membersFrom int
}

func (o *Org) touchMember(id string) {
	if o.touchedAll || id == "" {
		return
	}
	if o.touchedMem == nil {
		o.touchedMem = map[string]struct{}{}
	}
	o.touchedMem[id] = struct{}{}
}

// touch records a change to a post, and so to its unit.
func (o *Org) touch(p *Post) {
	if o.touchedAll {
		return
	}
	if o.touched == nil {
		o.touched = map[*Post]struct{}{}
	}
	o.touched[p] = struct{}{}
	if p.unit != nil {
		o.touchUnit(p.unit)
	}
}

func (o *Org) touchUnit(u *Unit) {
	if o.touchedAll {
		return
	}
	if o.touchedUnits == nil {
		o.touchedUnits = map[*Unit]struct{}{}
	}
	o.touchedUnits[u] = struct{}{}
}

// touchUnder touches every unit and post in a subtree that moved: what
// was kept in document order must be looked for from scratch.
func (o *Org) touchUnder(u *Unit) {
	o.touchedOrder = true
	WalkUnit(u, func(x *Unit) bool {
		o.touchUnit(x)
		for _, p := range x.Posts {
			o.touch(p)
		}
		return true
	})
}

// Touched is what changed since the last DrainTouched.
type Touched struct {
	Posts   []*Post  // posts whose holder, candidates, function or place changed
	Units   []*Unit  // units whose fields, posts or place changed, or that left
	Members []string // members whose posts, candidacies, status or membership changed
	All     bool     // everything may have: recompute
	// Reordered: units moved, so lists kept in document order hold them
	// out of place.
	Reordered bool
}

// DrainTouched returns what changed since the last call, for derived data
// kept up to date per edit, and starts afresh.
func (o *Org) DrainTouched() Touched {
	t := Touched{All: o.touchedAll, Reordered: o.touchedOrder}
	if !t.All {
		t.Posts = make([]*Post, 0, len(o.touched))
		for p := range o.touched {
			t.Posts = append(t.Posts, p)
		}
		t.Units = make([]*Unit, 0, len(o.touchedUnits))
		for u := range o.touchedUnits {
			t.Units = append(t.Units, u)
		}
		t.Members = make([]string, 0, len(o.touchedMem))
		for m := range o.touchedMem {
			t.Members = append(t.Members, m)
		}
	}
	o.touched, o.touchedUnits, o.touchedMem, o.touchedAll, o.touchedOrder = nil, nil, nil, false, false
	return t
}

// index is what lets every lookup and every edit avoid walking the tree.
type index struct {
	units      byID[Unit]
	posts      byID[Post]
	members    byID[person] // member id → the member and their posts
	functions  map[string]*Function
	kinds      map[string]*Kind
	reportedBy map[string][]*Unit // unit id → units naming it in reportsTo
	carriedBy  map[string][]*Unit // member id → units whose lines they carry
	next       [256]int           // id prefix → the highest number seen
	// people is how many person records have been made: each has its
	// own number below it, for dense tables (see person.n).
	people int32
}

// person is a member with the posts they hold and stand ready for: one
// map lookup finds all three, which keeps loading and linking fast.
type person struct {
	m          *Member
	held, cand []*Post
	pos        int // place in Members; see Org.membersFrom
	// active is m.Active(), kept beside the lists: the checks ask it of
	// every holder and candidate, and at a million members reading the
	// member for it was a fifth of their time. Set by newPerson and by
	// EditMember, the only ways a member's status changes.
	active bool
	// n numbers the record among the index's people, once and for good:
	// a whole-plan walk keeps what it notes of each in a table n
	// indexes, where a map of a million was a tenth of its time, and
	// work reading the plan beside the editor may read it.
	n int32
	// nheld and ncand count names while linking, to size the lists.
	nheld, ncand int
}

func (x *index) newPerson(m *Member, pos int) person {
	x.people++
	return person{m: m, pos: pos, active: m.Active(), n: x.people - 1}
}

// activeHolder reports whether p's holder can act.
func (p *Post) activeHolder() bool { return p.holder != nil && p.holder.active }

// New returns an empty, indexed organization with the given name.
func New(name string) *Org {
	o := &Org{Name: name}
	o.Reindex()
	return o
}

// Version counts the changes applied since the Org was indexed; derived
// data (panels, checks) is recomputed only when it moves.
func (o *Org) Version() uint64 { return o.version }

// Unit returns the unit with the given id, or nil.
func (o *Org) Unit(id string) *Unit { return o.idx.units.get(id) }

// Post returns the post with the given id, or nil.
func (o *Org) Post(id string) *Post { return o.idx.posts.get(id) }

// Member returns the member with the given id, or nil.
func (o *Org) Member(id string) *Member {
	if p := o.idx.members.get(id); p != nil {
		return p.m
	}
	return nil
}

// Function returns the function with the given id, or nil.
func (o *Org) Function(id string) *Function { return o.idx.functions[id] }

// Kind returns the kind with the given id, or nil.
func (o *Org) Kind(id string) *Kind { return o.idx.kinds[id] }

// UnitCount is the number of units in the whole forest.
func (o *Org) UnitCount() int { return o.idx.units.len() }

// PostCount is the number of posts in the whole forest.
func (o *Org) PostCount() int { return o.idx.posts.len() }

// Held returns the posts a member holds, in no particular order.
func (o *Org) Held(memberID string) []*Post {
	if p := o.idx.members.get(memberID); p != nil {
		return p.held
	}
	return nil
}

// Candidacies returns the posts a member is a candidate for.
func (o *Org) Candidacies(memberID string) []*Post {
	if p := o.idx.members.get(memberID); p != nil {
		return p.cand
	}
	return nil
}

// FunctionName is the function's name, or its id when it is not in the
// catalogue.
func (o *Org) FunctionName(id string) string {
	if f := o.idx.functions[id]; f != nil && f.Name != "" {
		return f.Name
	}
	return id
}

// KindName is the kind's name, or its id.
func (o *Org) KindName(id string) string {
	if k := o.idx.kinds[id]; k != nil && k.Name != "" {
		return k.Name
	}
	return id
}

// MemberLabel is the member's alias, or the id when unknown.
func (o *Org) MemberLabel(id string) string {
	if p := o.idx.members.get(id); p != nil {
		return p.m.Label()
	}
	return id
}

// MemberIndex is the member's place in Members, or -1.
func (o *Org) MemberIndex(id string) int {
	p := o.idx.members.get(id)
	if p == nil {
		return -1
	}
	if o.membersFrom < len(o.Members) {
		for i := o.membersFrom; i < len(o.Members); i++ {
			o.idx.members.get(o.Members[i].ID).pos = i
		}
		o.membersFrom = len(o.Members)
	}
	return p.pos
}

// membersMoved notes that the members from place i on have moved.
func (o *Org) membersMoved(i int) { o.membersFrom = min(o.membersFrom, i) }

// MemberActive reports whether id names a member who can act.
func (o *Org) MemberActive(id string) bool {
	p := o.idx.members.get(id)
	return p != nil && p.active
}

// UnitSecrecy is the unit's secrecy, falling back to its kind's, then to
// DefaultSecrecy.
func (o *Org) UnitSecrecy(u *Unit) Secrecy {
	if u.Secrecy != "" {
		return u.Secrecy
	}
	if k := o.idx.kinds[u.Kind]; k != nil && k.Secrecy != "" {
		return k.Secrecy
	}
	return DefaultSecrecy
}

// UnitAffiliation is the unit's affiliation, falling back to its kind's.
func (o *Org) UnitAffiliation(u *Unit) Affiliation {
	if u.Affiliation != "" {
		return u.Affiliation
	}
	if k := o.idx.kinds[u.Kind]; k != nil && k.Affiliation != "" {
		return k.Affiliation
	}
	return DefaultAffiliation
}

// UnitReportEveryDays is the unit's reporting interval or its kind's.
func (o *Org) UnitReportEveryDays(u *Unit) int {
	if u.ReportEveryDays > 0 {
		return u.ReportEveryDays
	}
	if k := o.idx.kinds[u.Kind]; k != nil {
		return k.ReportEveryDays
	}
	return 0
}

// Siblings returns the slice a unit sits in: its parent's children or the
// top-level units.
func (o *Org) Siblings(u *Unit) []*Unit {
	if u.parent == nil {
		return o.Units
	}
	return u.parent.Units
}

// IndexOf is the unit's position among its siblings, or -1.
func (o *Org) IndexOf(u *Unit) int {
	for i, s := range o.Siblings(u) {
		if s == u {
			return i
		}
	}
	return -1
}

// Path is the unit's ancestry, top first, including the unit itself.
func (o *Org) Path(u *Unit) []*Unit {
	n := u.Depth() + 1
	p := make([]*Unit, n)
	for c := u; c != nil; c = c.parent {
		n--
		p[n] = c
	}
	return p
}

// pathSep is between the names of a unit's path.
const pathSep = " / "

// PathString names the unit by its ancestry: "Committee / District group".
// It is made in one allocation of its length (the ancestors of a unit
// less than 16 deep are listed on the stack): a report of a million
// units' findings words a path for each.
func (o *Org) PathString(u *Unit) string {
	var near [16]*Unit
	up := near[:0]
	n := -len(pathSep)
	for a := u; a != nil; a = a.parent {
		up = append(up, a)
		n += len(pathSep) + len(a.Name)
	}
	var b strings.Builder
	b.Grow(max(n, 0))
	for i := len(up) - 1; i >= 0; i-- {
		b.WriteString(up[i].Name)
		if i > 0 {
			b.WriteString(pathSep)
		}
	}
	return b.String()
}

// Walk calls fn for every unit, depth first in document order, until fn
// returns false.
func (o *Org) Walk(fn func(u *Unit) bool) {
	var walk func(us []*Unit) bool
	walk = func(us []*Unit) bool {
		for _, u := range us {
			if !fn(u) || !walk(u.Units) {
				return false
			}
		}
		return true
	}
	walk(o.Units)
}

// NewID returns an unused id for a collection: 'u' units, 'p' posts,
// 'm' members, 'f' functions, 'k' kinds.
func (o *Org) NewID(prefix byte) string {
	for {
		n := o.idx.next[prefix] + 1
		o.idx.next[prefix] = n
		id := string(prefix) + strconv.Itoa(n)
		if !o.idUsed(prefix, id) {
			return id
		}
	}
}

func (o *Org) idUsed(prefix byte, id string) bool {
	switch prefix {
	case 'u':
		return o.idx.units.get(id) != nil
	case 'p':
		return o.idx.posts.get(id) != nil
	case 'm':
		return o.idx.members.get(id) != nil
	case 'f':
		return o.idx.functions[id] != nil
	case 'k':
		return o.idx.kinds[id] != nil
	}
	return false
}

// noteID raises the id counter past an id of the form prefix+digits, so that
// NewID rarely has to probe.
func (o *Org) noteID(prefix byte, id string) {
	if len(id) < 2 || id[0] != prefix {
		return
	}
	// Digits by hand: an id like "u-north" costs no error value.
	n := 0
	for _, c := range []byte(id[1:]) {
		if c < '0' || c > '9' || n > 1e15 {
			return
		}
		n = n*10 + int(c-'0')
	}
	if n > o.idx.next[prefix] {
		o.idx.next[prefix] = n
	}
}

// Reindex rebuilds every index and parent link from the exported fields and
// returns what is wrong with the document; an Org with problems must not be
// edited. It resets the version.
func (o *Org) Reindex() []Problem {
	probs := o.reindex(false)
	if len(probs) > 0 {
		// The two walks of the fast pass find problems in two orders: walk
		// once more, alone, to report them in document order.
		probs = o.reindex(true)
	}
	return probs
}

func (o *Org) reindex(oneWalk bool) []Problem {
	o.version = 0
	o.order = &numbering{}
	o.changed()
	o.touched, o.touchedUnits, o.touchedMem, o.touchedAll = nil, nil, nil, true
	o.idx = newIndex(len(o.Members), len(o.Functions), len(o.Kinds))
	v := validator{o: o, oneWalk: oneWalk}
	v.run()
	o.membersFrom = len(o.Members)
	return v.problems
}

func newIndex(members, functions, kinds int) index {
	return index{
		units:      newByID[Unit]('u', 0),
		posts:      newByID[Post]('p', 0),
		members:    newByID[person]('m', members),
		functions:  make(map[string]*Function, functions),
		kinds:      make(map[string]*Kind, kinds),
		reportedBy: map[string][]*Unit{},
		carriedBy:  map[string][]*Unit{},
	}
}

// link records a post's holder and candidates in their members' lists.
// References to unknown members are skipped: validation reports them.
func (o *Org) link(p *Post) {
	o.touchPeople(p)
	p.holder = o.idx.members.get(p.Holder)
	if h := p.holder; h != nil {
		h.held = append(h.held, p)
	}
	for _, c := range p.Candidates {
		if cp := o.idx.members.get(c); cp != nil {
			cp.cand = append(cp.cand, p)
		}
	}
}

// touchPeople touches a post and everyone on it: a candidacy gained or
// lost changes whether a member is idle.
func (o *Org) touchPeople(p *Post) {
	o.touch(p)
	o.touchMember(p.Holder)
	for _, c := range p.Candidates {
		o.touchMember(c)
	}
}

// unlink is the inverse of link.
func (o *Org) unlink(p *Post) {
	o.touchPeople(p)
	if h := p.holder; h != nil {
		h.held = removePost(h.held, p)
	}
	p.holder = nil
	for _, c := range p.Candidates {
		if cp := o.idx.members.get(c); cp != nil {
			cp.cand = removePost(cp.cand, p)
		}
	}
}

func removePost(ps []*Post, p *Post) []*Post {
	for i, q := range ps {
		if q == p {
			return append(ps[:i:i], ps[i+1:]...)
		}
	}
	return ps
}

func removeUnit(us []*Unit, u *Unit) []*Unit {
	for i, q := range us {
		if q == u {
			return append(us[:i:i], us[i+1:]...)
		}
	}
	return us
}

// linkReports records u's reportsTo and liaisons in the reverse indexes.
func (o *Org) linkReports(u *Unit) {
	for _, r := range u.ReportsTo {
		o.idx.reportedBy[r] = append(o.idx.reportedBy[r], u)
	}
	for _, m := range u.liaisons() {
		o.idx.carriedBy[m] = append(o.idx.carriedBy[m], u)
		o.touchMember(m)
	}
}

func (o *Org) unlinkReports(u *Unit) {
	for _, r := range u.ReportsTo {
		o.idx.reportedBy[r] = removeUnit(o.idx.reportedBy[r], u)
		if len(o.idx.reportedBy[r]) == 0 {
			delete(o.idx.reportedBy, r)
		}
	}
	for _, m := range u.liaisons() {
		o.idx.carriedBy[m] = removeUnit(o.idx.carriedBy[m], u)
		if len(o.idx.carriedBy[m]) == 0 {
			delete(o.idx.carriedBy, m)
		}
		o.touchMember(m)
	}
}

// liaisons are the members named to carry u's lines, once each.
func (u *Unit) liaisons() []string {
	if u.Liaison == "" && len(u.ReportLiaisons) == 0 {
		return nil
	}
	var out []string
	if u.Liaison != "" {
		out = append(out, u.Liaison)
	}
	for _, l := range u.ReportLiaisons {
		if l.Member != "" && !slices.Contains(out, l.Member) {
			out = append(out, l.Member)
		}
	}
	return out
}

// Carries lists the units whose lines member id carries, in no order.
func (o *Org) Carries(id string) []*Unit { return o.idx.carriedBy[id] }
