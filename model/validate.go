package model

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Problem is one thing wrong with a document: where (a JSON-Pointer-style
// path into the document, as the file format mirrors it) and what.
type Problem struct {
	Path string // e.g. "/units/0/posts/1/holder"
	Msg  string
}

func (p Problem) Error() string { return p.Path + ": " + p.Msg }

// DateLayout is the layout of every date in a plan.
const DateLayout = "2006-01-02"

// ValidDate reports whether s is a YYYY-MM-DD date. It reads the digits
// itself: a plan of 100,000 units has as many dates to check on loading.
func ValidDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	n := [3]int{}
	for i, part := range [3]string{s[0:4], s[5:7], s[8:10]} {
		for _, c := range []byte(part) {
			if c < '0' || c > '9' {
				return false
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	y, m, d := n[0], n[1], n[2]
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	// The last day of month m is the day before the first of m+1.
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Validate re-checks an indexed Org from scratch without changing it: the
// document's rules, and that every parent link is where it should be. The
// tests use it to prove that operations keep documents valid.
func (o *Org) Validate() []Problem {
	c := &Org{Name: o.Name, Description: o.Description, AsOf: o.AsOf,
		Functions: o.Functions, Kinds: o.Kinds, Members: o.Members, Units: o.Units, Conflicts: o.Conflicts, Team: o.Team}
	c.idx = newIndex(len(o.Members), len(o.Functions), len(o.Kinds))
	v := validator{o: c, checkOnly: true, was: o}
	v.run()
	return v.problems
}

// pathSeg is a document path built only when a problem needs it: the walk
// over a valid plan of 100,000 units makes no strings at all.
type pathSeg struct {
	up    *pathSeg
	field string
	index int // -1: the field itself, not an element of it
}

func (p *pathSeg) String() string {
	if p == nil {
		return ""
	}
	s := p.up.String() + "/" + p.field
	if p.index >= 0 {
		s += "/" + strconv.Itoa(p.index)
	}
	return s
}

func (p *pathSeg) at(field string, i int) pathSeg { return pathSeg{up: p, field: field, index: i} }
func (p *pathSeg) key(field string) pathSeg       { return pathSeg{up: p, field: field, index: -1} }

type validator struct {
	o         *Org
	checkOnly bool // compare parent links instead of setting them
	was       *Org // with checkOnly, the Org whose links are compared
	// oneWalk checks the units and links their people in one walk, the
	// problems in document order; otherwise two more walks link the
	// holders and the candidates alongside, on the other core.
	oneWalk  bool
	problems []Problem
	people   []person // the members' records, side by side
	// segs and post are the path being walked, a place per depth: a walk
	// over 100,000 units allocates none.
	segs [MaxDepth + 1]pathSeg
	post pathSeg
}

// unitSeg is the path of unit i in the list at depth, under at.
func (v *validator) unitSeg(at *pathSeg, depth, i int) *pathSeg {
	p := &v.segs[depth]
	*p = pathSeg{up: at, field: "units", index: i}
	return p
}

func (v *validator) run() {
	v.indexCatalogues()
	v.indexUnits()
	v.checkReferences()
	v.checkConflicts()
	v.checkTeam()
}

func (v *validator) add(path, format string, args ...any) {
	for i, a := range args {
		if v := reflect.ValueOf(a); v.Kind() == reflect.String { // ids, and levels such as Secrecy
			args[i] = quoted(v.String())
		}
	}
	v.problems = append(v.problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// quoted shortens a value a problem repeats: a problem is one line, and
// the value, up to MaxText long, is in the file at the place it names.
type quoted string

func (q quoted) Format(f fmt.State, verb rune) {
	const keep = 60
	s := string(q)
	if len(s) <= keep+8 {
		fmt.Fprintf(f, "%"+string(verb), s)
		return
	}
	cut := keep
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	fmt.Fprintf(f, "%"+string(verb)+" (%d bytes)", s[:cut]+"…", len(s))
}

func (v *validator) addAt(p pathSeg, format string, args ...any) {
	v.add(p.String(), format, args...)
}

func (v *validator) indexCatalogues() {
	o := v.o
	if o.AsOf != "" && !ValidDate(o.AsOf) {
		v.add("/asOf", "%q is not a date (YYYY-MM-DD)", o.AsOf)
	}
	for i, f := range o.Functions {
		at := (*pathSeg)(nil).at("functions", i)
		if v.checkID(&at, f.ID, o.idx.functions[f.ID] != nil, "function") {
			o.idx.functions[f.ID] = f
			o.noteID('f', f.ID)
		}
	}
	for i, k := range o.Kinds {
		p := "/kinds/" + strconv.Itoa(i)
		at := (*pathSeg)(nil).at("kinds", i)
		if v.checkID(&at, k.ID, o.idx.kinds[k.ID] != nil, "kind") {
			o.idx.kinds[k.ID] = k
			o.noteID('k', k.ID)
		}
		if k.Secrecy != "" && !k.Secrecy.Valid() {
			v.add(p+"/secrecy", "%q is not a secrecy level (open, low, medium, high, strict)", k.Secrecy)
		}
		if k.Affiliation != "" && !k.Affiliation.Valid() {
			v.add(p+"/affiliation", "%q is not an affiliation (party, associated, unaware)", k.Affiliation)
		}
		if k.MaxPosts < 0 {
			v.add(p+"/maxPosts", "must not be negative")
		}
		if k.ReportEveryDays < 0 {
			v.add(p+"/reportEveryDays", "must not be negative")
		}
		if k.CoverageRatio < 0 {
			v.add(p+"/coverageRatio", "must not be negative")
		}
	}
	// The members' records sit side by side: linking touches each a few
	// times, and 100,000 of them fit in the processor's cache this way.
	v.people = make([]person, len(o.Members))
	for i, m := range o.Members {
		at := (*pathSeg)(nil).at("members", i)
		if v.checkID(&at, m.ID, o.idx.members.get(m.ID) != nil, "member") {
			v.people[i] = o.idx.newPerson(m, i)
			o.idx.members.put(m.ID, &v.people[i])
			o.noteID('m', m.ID)
		}
		if m.Status != "" {
			if share(v, &m.Status, canonical(m.Status, Statuses)); !m.Status.Valid() {
				v.addAt(at.key("status"), "%q is not a status (active, arrested, exiled, inactive)", m.Status)
			}
		}
	}
	// Kinds name functions, so they are checked once functions are indexed.
	for i, k := range o.Kinds {
		p := "/kinds/" + strconv.Itoa(i)
		for j, f := range k.RequiredFunctions {
			v.checkRef(p+"/requiredFunctions/"+strconv.Itoa(j), f, o.idx.functions[f] != nil, "function")
		}
		for j, f := range k.AllowedFunctions {
			v.checkRef(p+"/allowedFunctions/"+strconv.Itoa(j), f, o.idx.functions[f] != nil, "function")
		}
	}
}

// insert indexes an id with one index operation: put reports whether
// the id was new (when not, the document is refused, so which of the
// two stays indexed does not matter).
func (v *validator) insert(at *pathSeg, id, what string, put func() bool) bool {
	if id == "" {
		v.addAt(at.key("id"), "%s id is empty", what)
		return false
	}
	if !put() {
		v.addAt(at.key("id"), "duplicate %s id %q", what, id)
		return false
	}
	return true
}

// checkID reports an empty or duplicate id and says whether to index it.
func (v *validator) checkID(at *pathSeg, id string, dup bool, what string) bool {
	switch {
	case id == "":
		v.addAt(at.key("id"), "%s id is empty", what)
		return false
	case dup:
		v.addAt(at.key("id"), "duplicate %s id %q", what, id)
		return false
	}
	return true
}

func (v *validator) checkRef(path, id string, ok bool, what string) {
	if !ok {
		v.add(path, "unknown %s %q", what, id)
	}
}

// MaxDepth is how deep units may nest: far beyond any real organization,
// and a bound on what a hostile file can make the editor draw.
const MaxDepth = 100

func (v *validator) indexUnits() {
	n, posts, names := 0, 0, 0
	v.o.Walk(func(u *Unit) bool {
		n++
		posts += len(u.Posts)
		for _, p := range u.Posts {
			names += len(p.Candidates)
		}
		return true
	})
	if n > v.o.idx.units.len() {
		v.o.idx.units = newByID[Unit]('u', n)
		v.o.idx.posts = newByID[Post]('p', posts)
	}
	if v.oneWalk || v.checkOnly {
		v.walkUnits(v.o.Units, nil, nil, 0)
		return
	}
	// The three walks share nothing they write: this one the unit and post
	// indexes and links, the others the members' lists of posts held and
	// of posts stood ready for.
	holders, cands := &validator{o: v.o, people: v.people}, &validator{o: v.o, people: v.people}
	var wg sync.WaitGroup
	wg.Go(func() { holders.link(false, posts) })
	wg.Go(func() { cands.link(true, names) })
	v.walkUnits(v.o.Units, nil, nil, 0)
	wg.Wait()
	v.problems = append(v.problems, holders.problems...)
	v.problems = append(v.problems, cands.problems...)
}

// link links every post to its holder (or, with cands, its candidates),
// each member's list made at its final size: a walk looks everyone up and
// counts, one block holds every list, and the names found fill them.
// The holders and the candidates are linked by two goroutines at once:
// they write different fields. names bounds how many are met, so that
// the lists are made once, not grown (at a million units, growing them
// was a tenth of the load).
func (v *validator) link(cands bool, names int) {
	o := v.o
	// Who each name in the walk is (nil when unknown), and on which post.
	refs := make([]*person, 0, names)
	posts := make([]*Post, 0, names)
	v.walkPosts(o.Units, nil, 0, func(post *Post, pp *pathSeg) {
		if !cands {
			if h := v.holder(post, pp); h != nil {
				h.nheld++
				refs, posts = append(refs, h), append(posts, post)
			}
			return
		}
		for k := range post.Candidates {
			if cp := v.candidate(post, k, pp); cp != nil {
				cp.ncand++
				refs, posts = append(refs, cp), append(posts, post)
			}
		}
		v.readyLater(post, pp)
	})
	block := make([]*Post, len(refs))
	for i := range v.people {
		p := &v.people[i]
		if p.m == nil {
			continue // a duplicate id: the document is refused anyway
		}
		// Capped at their size: a later append copies, never overruns.
		if cands {
			p.cand, block = block[:0:p.ncand], block[p.ncand:]
			p.ncand = 0
		} else {
			p.held, block = block[:0:p.nheld], block[p.nheld:]
			p.nheld = 0
		}
	}
	for i, p := range refs {
		if cands {
			p.cand = append(p.cand, posts[i])
		} else {
			p.held = append(p.held, posts[i])
		}
	}
}

func (v *validator) walkPosts(us []*Unit, at *pathSeg, depth int, fn func(*Post, *pathSeg)) {
	if depth >= MaxDepth {
		return // walkUnits reports it
	}
	for i, u := range us {
		p := v.unitSeg(at, depth, i)
		for j, post := range u.Posts {
			v.post = pathSeg{up: p, field: "posts", index: j}
			fn(post, &v.post)
		}
		v.walkPosts(u.Units, p, depth+1, fn)
	}
}

func (v *validator) walkUnits(us []*Unit, parent *Unit, at *pathSeg, depth int) {
	if depth >= MaxDepth && len(us) > 0 {
		v.addAt(at.key("units"), "units nest deeper than %d levels", MaxDepth)
		return
	}
	for i, u := range us {
		p := v.unitSeg(at, depth, i)
		if v.checkOnly && (u.parent != parent || int(u.depth) != depth) {
			v.addAt(*p, "unit %q has a stale parent link or depth", u.ID)
		}
		if !v.checkOnly {
			u.parent, u.depth = parent, int32(depth)
		}
		if v.insert(p, u.ID, "unit", func() bool { return v.o.idx.units.put(u.ID, u) }) {
			v.o.noteID('u', u.ID)
		}
		v.checkUnit(u, p)
		v.walkUnits(u.Units, u, p, depth+1)
	}
}

func (v *validator) checkUnit(u *Unit, p *pathSeg) {
	o := v.o
	if u.Kind != "" {
		if k := o.idx.kinds[u.Kind]; k != nil {
			share(v, &u.Kind, k.ID)
		} else {
			v.addAt(p.key("kind"), "unknown kind %q", u.Kind)
		}
	}
	if u.Secrecy != "" {
		if share(v, &u.Secrecy, canonical(u.Secrecy, SecrecyLevels)); !u.Secrecy.Valid() {
			v.addAt(p.key("secrecy"), "%q is not a secrecy level (open, low, medium, high, strict)", u.Secrecy)
		}
	}
	if u.Affiliation != "" {
		if share(v, &u.Affiliation, canonical(u.Affiliation, Affiliations)); !u.Affiliation.Valid() {
			v.addAt(p.key("affiliation"), "%q is not an affiliation (party, associated, unaware)", u.Affiliation)
		}
	}
	if u.ReportEveryDays < 0 {
		v.addAt(p.key("reportEveryDays"), "must not be negative")
	}
	if u.LastReport != "" && !ValidDate(u.LastReport) {
		v.addAt(p.key("lastReport"), "%q is not a date (YYYY-MM-DD)", u.LastReport)
	}
	if u.Headcount < 0 {
		v.addAt(p.key("headcount"), "must not be negative")
	}
	for j, post := range u.Posts {
		pp := p.at("posts", j)
		if v.checkOnly && post.unit != u {
			v.addAt(pp, "post %q has a stale unit link", post.ID)
		}
		if !v.checkOnly {
			post.unit = u
		}
		if v.insert(&pp, post.ID, "post", func() bool { return o.idx.posts.put(post.ID, post) }) {
			o.noteID('p', post.ID)
		}
		if post.Function != "" {
			if f := o.idx.functions[post.Function]; f != nil {
				share(v, &post.Function, f.ID)
			} else {
				v.addAt(pp.key("function"), "unknown function %q", post.Function)
			}
		}
		if v.oneWalk || v.checkOnly {
			v.linkPeople(post, &pp)
		}
	}
}

// linkPeople checks the members a post names and links it into their
// lists (what Org.link does), looking each up once.
func (v *validator) linkPeople(post *Post, pp *pathSeg) {
	if h := v.holder(post, pp); h != nil {
		h.held = append(h.held, post)
	}
	for k := range post.Candidates {
		if cp := v.candidate(post, k, pp); cp != nil {
			cp.cand = append(cp.cand, post)
		}
	}
	v.readyLater(post, pp)
}

// readyLater checks that those ready later are candidates, once each.
func (v *validator) readyLater(post *Post, pp *pathSeg) {
	for k, id := range post.ReadyLater {
		switch {
		case indexOf(post.Candidates, id) < 0:
			v.addAt(pp.at("readyLater", k), "member %q is ready later but is not a candidate", id)
		case indexOf(post.ReadyLater[:k], id) >= 0:
			v.addAt(pp.at("readyLater", k), "member %q is listed twice", id)
		}
	}
}

// holder is the member holding a post, or nil: none, or unknown (a
// problem).
func (v *validator) holder(post *Post, pp *pathSeg) *person {
	var h *person
	if post.Holder != "" {
		if h = v.o.idx.members.get(post.Holder); h == nil {
			v.unknown(pp.key("holder"), post.Holder)
		}
	}
	switch {
	case !v.checkOnly:
		post.holder = h
	case post.holder != v.was.idx.members.get(post.Holder):
		v.addAt(*pp, "post %q has a stale holder link", post.ID)
	}
	return h
}

// unknown reports a name that is no member.
func (v *validator) unknown(at pathSeg, id string) {
	v.addAt(at, "unknown member %q", id)
}

// candidate is the post's k-th candidate, or nil when unknown; a holder
// standing ready for their own post, or a candidate named twice, is a
// problem reported here.
func (v *validator) candidate(post *Post, k int, pp *pathSeg) *person {
	c := post.Candidates[k]
	cp := v.o.idx.members.get(c)
	switch {
	case cp == nil:
		v.unknown(pp.at("candidates", k), c)
	case c == post.Holder:
		v.addAt(pp.at("candidates", k), "member %q is both the holder and a candidate", c)
	case indexOf(post.Candidates[:k], c) >= 0:
		v.addAt(pp.at("candidates", k), "member %q is a candidate twice", c)
	}
	return cp
}

// checkReferences runs once every unit is indexed: reportsTo may point
// anywhere in the forest.
func (v *validator) checkReferences() {
	o := v.o
	var walk func(us []*Unit, at *pathSeg, depth int)
	walk = func(us []*Unit, at *pathSeg, depth int) {
		if depth >= MaxDepth {
			return
		}
		for i, u := range us {
			p := v.unitSeg(at, depth, i)
			for j, r := range u.ReportsTo {
				switch {
				case o.idx.units.get(r) == nil:
					v.addAt(p.at("reportsTo", j), "unknown unit %q", r)
				case r == u.ID:
					v.addAt(p.at("reportsTo", j), "unit %q reports to itself", r)
				}
			}
			v.checkLiaisons(u, p)
			o.linkReports(u)
			walk(u.Units, p, depth+1)
		}
	}
	walk(o.Units, nil, 0)
	if len(v.problems) == 0 {
		if cyc := o.reportCycle(); cyc != nil {
			names := make([]string, len(cyc))
			for i, u := range cyc {
				names[i] = u.ID
			}
			v.add(o.unitPath(cyc[0])+"/reportsTo", "reporting lines form a cycle: %s", strings.Join(names, " → "))
		}
	}
}

// checkLiaisons checks the members named to carry a unit's lines.
func (v *validator) checkLiaisons(u *Unit, p *pathSeg) {
	o := v.o
	// A top-level unit's liaison carries nothing until it is moved under
	// a unit again: it is kept, not refused.
	if u.Liaison != "" && o.idx.members.get(u.Liaison) == nil {
		v.unknown(p.key("liaison"), u.Liaison)
	}
	for j, l := range u.ReportLiaisons {
		at := p.at("reportLiaisons", j)
		switch {
		case indexOf(u.ReportsTo, l.To) < 0:
			v.addAt(at.key("to"), "unit %q is not one the unit reports to", l.To)
		case slices.ContainsFunc(u.ReportLiaisons[:j], func(e ReportLiaison) bool { return e.To == l.To }):
			v.addAt(at.key("to"), "the line to %q is named twice", l.To)
		case o.idx.members.get(l.Member) == nil:
			v.unknown(at.key("member"), l.Member)
		}
	}
}

// reportCycle finds a cycle in the graph of unit → parent and
// unit → reportsTo, or returns nil. Only reportsTo can close one.
func (o *Org) reportCycle() []*Unit {
	const (
		white = iota
		grey
		black
	)
	color := make(map[*Unit]int8, o.idx.units.len())
	var stack []*Unit
	var found []*Unit
	var visit func(u *Unit) bool
	visit = func(u *Unit) bool {
		color[u] = grey
		stack = append(stack, u)
		next := make([]*Unit, 0, len(u.ReportsTo)+1)
		if u.parent != nil {
			next = append(next, u.parent)
		}
		for _, r := range u.ReportsTo {
			if t := o.idx.units.get(r); t != nil {
				next = append(next, t)
			}
		}
		for _, t := range next {
			switch color[t] {
			case grey:
				i := len(stack) - 1
				for stack[i] != t {
					i--
				}
				found = append(append([]*Unit(nil), stack[i:]...), t)
				return true
			case white:
				if visit(t) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[u] = black
		return false
	}
	o.Walk(func(u *Unit) bool {
		// Only units that report sideways can start a cycle.
		return len(u.ReportsTo) == 0 || color[u] != white || !visit(u)
	})
	if found == nil {
		return nil
	}
	// Start the cycle at a unit with reportsTo, whose path is worth naming.
	for i, c := range found[:len(found)-1] {
		if len(c.ReportsTo) > 0 {
			return append(append([]*Unit(nil), found[i:len(found)-1]...), found[:i+1]...)
		}
	}
	return found
}

// unitPath is the document path of a unit: "/units/2/units/0".
func (o *Org) unitPath(u *Unit) string {
	var b strings.Builder
	for _, a := range o.Path(u) {
		b.WriteString("/units/")
		b.WriteString(strconv.Itoa(o.IndexOf(a)))
	}
	return b.String()
}

// canonical is the listed value equal to s, or s: a plan's millions of
// kinds, functions and levels then share the few strings the catalogues
// and the constants hold, so comparing one is comparing pointers and
// reading one is a cache hit (at a million units, reading each unit's
// own copy was a cache miss per unit, a tenth of the checks), and the
// copies decoding made are left to the collector.
func canonical[T ~string](s T, listed []T) T {
	for _, l := range listed {
		if l == s {
			return l
		}
	}
	return s
}

// share puts the shared copy of a field's value in its place; Validate,
// which must change nothing, leaves it.
func share[T ~string](v *validator, field *T, s T) {
	if !v.checkOnly {
		*field = s
	}
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func indexOfPost(ps []*Post, p *Post) int {
	for i, q := range ps {
		if q == p {
			return i
		}
	}
	return -1
}
