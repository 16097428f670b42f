package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Severity of a finding: errors break a rule of the plan's own kinds or
// leave a post in the hands of someone who cannot act; warnings are gaps.
type Severity string

// The severities.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// CheckInfo describes one check.
type CheckInfo struct {
	ID       string
	Severity Severity
	Finds    string
}

// The checks, by their place in Checks.
const (
	ckMergeConflict = iota
	ckMaxPosts
	ckRequiredFunction
	ckInactiveHolder
	ckUnconnected
	ckVacantPost
	ckNoCandidate
	ckFunctionNotAllowed
	ckJumble
	ckIdleMember
	ckCandidateOverload
	ckReportOverdue
	ckContacts
	ckNoLiaison
	ckLowCoverage
	ckSecrecyBridge
	nChecks
)

// Checks lists every check, in the order findings are reported.
var Checks = [nChecks]CheckInfo{
	ckMergeConflict:      {"merge-conflict", SevError, "a conflict a merge left for someone to decide (ours is in place meanwhile)"},
	ckMaxPosts:           {"max-posts", SevError, "more posts than the kind allows"},
	ckRequiredFunction:   {"required-function", SevError, "a unit lacking a post for a function its kind requires"},
	ckInactiveHolder:     {"inactive-holder", SevError, "a post held by an arrested, exiled or inactive member"},
	ckUnconnected:        {"unconnected", SevError, "a unit with people and no working line to a center, today (see the connection rule)"},
	ckVacantPost:         {"vacant-post", SevWarning, "a post with no holder"},
	ckNoCandidate:        {"no-candidate", SevWarning, "a post with no active candidate"},
	ckFunctionNotAllowed: {"function-not-allowed", SevWarning, "a post whose function its kind does not allow, or with no function where the kind names those it allows"},
	ckJumble:             {"jumble", SevWarning, "a member performing more than two distinct functions"},
	ckIdleMember:         {"idle-member", SevWarning, "an active member with no post and no candidacy"},
	ckCandidateOverload:  {"candidate-overload", SevWarning, "a member ready now to step into more than two posts: one person cannot fill them at once"},
	ckReportOverdue:      {"report-overdue", SevWarning, "lastReport + reportEveryDays before the as-of date"},
	ckContacts:           {"contacts-not-deposited", SevWarning, "a party unit of medium secrecy or more whose contacts are not deposited with the center"},
	ckNoLiaison:          {"no-liaison", SevWarning, "a unit of high or strict secrecy whose lines upward are carried by nobody named"},
	ckLowCoverage:        {"low-coverage", SevWarning, "fewer organizers than one per coverageRatio (default 10) of the unit's headcount"},
	ckSecrecyBridge:      {"secrecy-bridge", SevWarning, "a member sitting both in a strict unit and in an open or low one"},
}

// Finding is one weakness of the plan, and where it is.
type Finding struct {
	Check    string
	Severity Severity
	Message  string
	Unit     string // unit id, when the finding is about a unit or a post
	Post     string // post id, when about a post
	Member   string // member id, when about a member
	Path     string // where, for people: "Committee / Executive group › Treasurer"

	// at is the unit, post or member a finding of CheckAll is about,
	// until All words its Path: the paths of three million findings
	// held at once were half the memory of checking a million units.
	at any
}

// AsOf is the date checks measure against: the override if given, else the
// plan's asOf, else today.
func AsOf(o *Org, override string, today time.Time) (time.Time, error) {
	s := override
	if s == "" {
		s = o.AsOf
	}
	if s == "" {
		y, m, d := today.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return t, nil
}

// CheckPlan runs every check and returns the findings, errors first, each
// severity in the order of Checks, then in document order.
func CheckPlan(o *Org, asOf time.Time) []Finding {
	f := CheckAll(o, asOf)
	out := make([]Finding, 0, f.Len())
	for x := range f.All() {
		out = append(out, x)
	}
	return out
}

// checker runs the checks of one unit or member at a time, each check's
// findings kept apart, in the order met.
type checker struct {
	o    *Org
	asOf time.Time
	// bare leaves out messages and paths: where the findings are is all a
	// CheckState keeps.
	bare bool
	// lazy leaves the paths to the reader of the findings.
	lazy bool
	out  [nChecks][]Finding
	ln   *lines // the plan's lines, worked out as asked; nil after a change
	// cover is each headcount unit's organizers, counted for all at once
	// when the whole plan is checked; nil when a few units are.
	cover map[*Unit]int
	// inStrict says, by person number, who holds or stands ready for a
	// post of a strict unit, when the whole plan is checked; nil when a
	// few members are. See strictPeople.
	inStrict []bool
	// cur is the unit or member being checked, and curPath the unit's
	// path once made: its findings name it without looking it up by id
	// or making its path again for each (15–30% of CheckPlan at 100k
	// units), and share one path string.
	cur     *Unit
	curM    *Member
	curPath string
}

// connected asks the plan's lines, as they are.
func (c *checker) connected(u *Unit) bool {
	if c.ln == nil {
		c.ln = linesNow(c.o)
	}
	return c.ln.connected(u)
}

func (c *checker) reset() {
	for i := range c.out {
		c.out[i] = c.out[i][:0]
	}
}

// add records a finding; its message and path are worked out only now,
// for the places that have something to report, and only if wanted (the
// path when the finding is read, if lazy).
func (c *checker) add(ck int, f Finding, msg func() string) {
	f.Check, f.Severity = Checks[ck].ID, Checks[ck].Severity
	if !c.bare {
		f.Message = msg()
		switch {
		case f.Member != "" && c.curM != nil && c.curM.ID == f.Member:
			f.at = c.curM
		case f.Member != "":
		case f.Post != "":
			f.at = c.post(f.Post)
		case f.Unit != "":
			u := c.cur
			if u == nil || u.ID != f.Unit {
				u = c.o.idx.units.get(f.Unit)
			}
			f.at = u
		}
		if !c.lazy {
			f.Path, f.at = c.o.findingPath(&f, c.pathOf), nil
		}
	}
	c.out[ck] = append(c.out[ck], f)
}

// findingPath words where a finding is, a unit's path made by unitPath.
func (o *Org) findingPath(f *Finding, unitPath func(*Unit) string) string {
	switch at := f.at.(type) {
	case *Unit:
		return unitPath(at)
	case *Post, *Member:
		return string(o.appendFindingPath(nil, f, appending(unitPath)))
	}
	if f.Member != "" {
		return "member " + o.MemberLabel(f.Member)
	}
	return ""
}

// appendFindingPath appends findingPath's words to dst, a unit's path
// appended by appendPath.
func (o *Org) appendFindingPath(dst []byte, f *Finding, appendPath func([]byte, *Unit) []byte) []byte {
	switch at := f.at.(type) {
	case *Member:
		return append(append(dst, "member "...), at.Label()...)
	case *Post:
		return appendPostPath(dst, at, appendPath)
	case *Unit:
		return appendPath(dst, at)
	}
	return append(dst, o.findingPath(f, nil)...)
}

// appending is unitPath as an appender.
func appending(unitPath func(*Unit) string) func([]byte, *Unit) []byte {
	return func(dst []byte, u *Unit) []byte { return append(dst, unitPath(u)...) }
}

// post finds a post of the unit being checked without the index.
func (c *checker) post(id string) *Post {
	if c.cur != nil {
		for _, p := range c.cur.Posts {
			if p.ID == id {
				return p
			}
		}
	}
	return c.o.idx.posts.get(id)
}

// pathOf is a unit's path, made once for the unit being checked.
func (c *checker) pathOf(u *Unit) string {
	if u != c.cur {
		return c.o.PathString(u)
	}
	if c.curPath == "" {
		c.curPath = c.o.PathString(u)
	}
	return c.curPath
}

// PostPath names a post by its unit's path and its title.
func (o *Org) PostPathString(p *Post) string { return postPath(p, o.PathString) }

// postPath is PostPathString with the unit's path made by unitPath.
func postPath(p *Post, unitPath func(*Unit) string) string {
	if p.unit == nil {
		return p.Title
	}
	return string(appendPostPath(nil, p, appending(unitPath)))
}

func appendPostPath(dst []byte, p *Post, appendPath func([]byte, *Unit) []byte) []byte {
	if p.unit != nil {
		dst = append(appendPath(dst, p.unit), " › "...)
	}
	return append(dst, p.Title...)
}

func (c *checker) unit(u *Unit) {
	c.cur, c.curM, c.curPath = u, nil, ""
	defer func() { c.cur, c.curPath = nil, "" }()
	o := c.o
	k := o.idx.kinds[u.Kind]
	at := Finding{Unit: u.ID}
	if k != nil {
		if k.MaxPosts > 0 && len(u.Posts) > k.MaxPosts {
			c.add(ckMaxPosts, at, func() string {
				return fmt.Sprintf("%d posts; a %s has at most %d", len(u.Posts), kindLabel(k), k.MaxPosts)
			})
		}
		for _, f := range k.RequiredFunctions {
			has := false
			for _, p := range u.Posts {
				if p.Function == f {
					has = true
					break
				}
			}
			if !has {
				c.add(ckRequiredFunction, at, func() string {
					return fmt.Sprintf("no %s post; a %s requires one", strings.ToLower(o.FunctionName(f)), kindLabel(k))
				})
			}
		}
	}
	for _, p := range u.Posts {
		pat := Finding{Unit: u.ID, Post: p.ID}
		switch {
		case p.Holder == "":
			c.add(ckVacantPost, pat, func() string { return "vacant" })
		case !p.activeHolder():
			c.add(ckInactiveHolder, pat, func() string {
				m := o.Member(p.Holder)
				return fmt.Sprintf("held by %s, who is %s", m.Label(), m.Status)
			})
		}
		if !o.HasActiveCandidate(p) {
			c.add(ckNoCandidate, pat, func() string {
				switch {
				case len(p.Candidates) == 0:
					return "no candidate ready to step in"
				case o.HasAnyActiveCandidate(p):
					return "no candidate ready now; ready later: " + c.labels(p.ReadyLater)
				}
				return "no active candidate: " + c.labels(p.Candidates)
			})
		}
		switch {
		case k == nil || len(k.AllowedFunctions) == 0:
		case p.Function == "":
			c.add(ckFunctionNotAllowed, pat, func() string {
				return fmt.Sprintf("no function; a %s allows only %s", kindLabel(k), c.functionNames(k.AllowedFunctions))
			})
		case !k.Allows(p.Function):
			c.add(ckFunctionNotAllowed, pat, func() string {
				return fmt.Sprintf("%s is not a function of a %s", strings.ToLower(o.FunctionName(p.Function)), kindLabel(k))
			})
		}
	}
	if staffedNow(u) && !c.connected(u) {
		c.add(ckUnconnected, at, func() string { return "cut off today: " + c.whyCut(u) })
	}
	if every := o.UnitReportEveryDays(u); every > 0 {
		switch u.LastReport {
		case "":
			c.add(ckReportOverdue, at, func() string {
				return fmt.Sprintf("no report on record; one is due every %d days", every)
			})
		default:
			last, err := time.Parse(DateLayout, u.LastReport)
			if err == nil {
				due := last.AddDate(0, 0, every)
				if due.Before(c.asOf) {
					c.add(ckReportOverdue, at, func() string {
						return fmt.Sprintf("last report %s; due every %d days, overdue since %s", u.LastReport, every, due.Format(DateLayout))
					})
				}
			}
		}
	}
	if o.UnitAffiliation(u) == AffiliationParty && o.UnitSecrecy(u).Rank() >= SecrecyMedium.Rank() && !u.ContactsDeposited {
		c.add(ckContacts, at, func() string {
			return fmt.Sprintf("contacts not deposited with the center (%s secrecy)", o.UnitSecrecy(u))
		})
	}
	if u.parent != nil && len(u.Posts) > 0 && o.UnitSecrecy(u).Rank() >= SecrecyHigh.Rank() && len(u.liaisons()) == 0 {
		c.add(ckNoLiaison, at, func() string {
			return fmt.Sprintf("reports to %s through nobody named (%s secrecy): name the liaison who carries the line", u.parent.Name, o.UnitSecrecy(u))
		})
	}
	if u.Headcount > 0 {
		cv := Coverage{Unit: u, Headcount: u.Headcount, Ratio: o.idx.kinds[u.Kind].Ratio()}
		if n, ok := c.cover[u]; ok {
			cv.Organizers = n
		} else {
			cv = CoverageOf(o, u)
		}
		if cv.Short() > 0 {
			c.add(ckLowCoverage, at, func() string {
				return fmt.Sprintf("%s for %d people (1 per %d wanted): needs %d more", count(cv.Organizers, "organizer"), cv.Headcount, cv.Ratio, cv.Short())
			})
		}
	}
}

// count is "1 organizer", "3 organizers".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// functionNames lists functions by name, lower case.
func (c *checker) functionNames(ids []string) string {
	names := make([]string, len(ids))
	for i, f := range ids {
		names[i] = strings.ToLower(c.o.FunctionName(f))
	}
	return strings.Join(names, ", ")
}

// whyCut says where a unit's lines stop.
func (c *checker) whyCut(u *Unit) string {
	if u.parent == nil {
		return "a top-level unit with posts and no active holder is no center"
	}
	var parts []string
	for _, to := range append([]string{u.parent.ID}, u.ReportsTo...) {
		t := c.o.idx.units.get(to)
		if t == nil {
			continue
		}
		switch m := u.LiaisonTo(to); {
		case m != "" && !c.o.MemberActive(m):
			parts = append(parts, fmt.Sprintf("the line to %s is carried by %s, who cannot act", t.Name, c.o.MemberLabel(m)))
		case !c.connected(t):
			parts = append(parts, fmt.Sprintf("%s is cut off itself", t.Name))
		}
	}
	return strings.Join(parts, "; ")
}

func (c *checker) labels(ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		m := c.o.Member(id)
		parts[i] = c.o.MemberLabel(id)
		if m != nil && !m.Active() {
			parts[i] += " (" + string(m.Status) + ")"
		}
	}
	return strings.Join(parts, ", ")
}

func kindLabel(k *Kind) string {
	if k.Name != "" {
		return strings.ToLower(k.Name)
	}
	return k.ID
}

func (c *checker) member(m *Member) {
	c.cur, c.curM, c.curPath = nil, m, ""
	defer func() { c.curM = nil }()
	o := c.o
	at := Finding{Member: m.ID}
	var held, cand []*Post
	p := o.idx.members.get(m.ID)
	if p != nil {
		held, cand = p.held, p.cand
	}
	if m.Active() && moreFunctionsThan(held, JumbleThreshold) {
		c.add(ckJumble, at, func() string {
			fs := o.MemberFunctions(m.ID)
			names := make([]string, len(fs))
			for i, f := range fs {
				names[i] = strings.ToLower(o.FunctionName(f))
			}
			return fmt.Sprintf("performs %d functions: %s", len(fs), strings.Join(names, ", "))
		})
	}
	if m.Active() && len(held) == 0 && len(cand) == 0 {
		c.add(ckIdleMember, at, func() string { return "active, with no post and no candidacy" })
	}
	if m.Active() && len(cand) > MaxCandidateLoad {
		if load := CandidateLoad(m.ID, cand); load > MaxCandidateLoad {
			c.add(ckCandidateOverload, at, func() string {
				return fmt.Sprintf("ready now to step into %d posts; one person fills one", load)
			})
		}
	}
	if c.inStrict != nil && (p == nil || !c.inStrict[p.n]) {
		return // nowhere strict: no bridge
	}
	var strict, open *Unit
	for _, ps := range [][]*Post{held, cand} {
		for _, p := range ps {
			switch r := o.UnitSecrecy(p.unit).Rank(); {
			case r == SecrecyStrict.Rank() && (strict == nil || o.unitBefore(p.unit, strict)):
				strict = p.unit
			case r <= SecrecyLow.Rank() && (open == nil || o.unitBefore(p.unit, open)):
				open = p.unit
			}
		}
	}
	if strict != nil && open != nil {
		c.add(ckSecrecyBridge, at, func() string {
			return fmt.Sprintf("sits in %s (strict) and in %s (%s)", strict.Name, open.Name, o.UnitSecrecy(open))
		})
	}
}

// strictPeople marks, by person number, everyone holding or standing
// ready for a post of a strict unit: strict units are few, and only
// their people can sit on a secrecy bridge, where reading the unit of
// every post of a million members was a fifth of the checks.
func strictPeople(pl *poll, o *Org) []bool {
	in := make([]bool, o.idx.people)
	mark := func(p *person) {
		if p != nil {
			in[p.n] = true
		}
	}
	o.Walk(func(u *Unit) bool {
		if o.UnitSecrecy(u) == SecrecyStrict {
			for _, p := range u.Posts {
				mark(p.holder)
				for _, c := range p.Candidates {
					mark(o.idx.members.get(c))
				}
			}
		}
		return !pl.stopped()
	})
	return in
}

// MaxCandidateLoad is how many posts one member may stand ready now for
// before the check warns: the bench counts them once each, but one person
// can fill one post at a time.
const MaxCandidateLoad = 2

// CandidateLoad is how many of the posts name member as a candidate ready
// now.
func CandidateLoad(member string, posts []*Post) int {
	n := 0
	for _, p := range posts {
		if !p.Later(member) {
			n++
		}
	}
	return n
}

// moreFunctionsThan says whether the posts have more than n distinct
// functions, without making the list.
func moreFunctionsThan(posts []*Post, n int) bool {
	if len(posts) <= n {
		return false
	}
	seen := make([]string, 0, n+1)
	for _, p := range posts {
		if p.Function != "" && !slices.Contains(seen, p.Function) {
			if seen = append(seen, p.Function); len(seen) > n {
				return true
			}
		}
	}
	return false
}

// Count tallies findings by severity.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == SevError {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// conflictFindings is one error per conflict a merge left.
func conflictFindings(o *Org) []Finding {
	out := make([]Finding, 0, len(o.Conflicts))
	for _, c := range o.Conflicts {
		f := Finding{Check: Checks[ckMergeConflict].ID, Severity: SevError, Message: c.Message(o), Path: c.Path}
		switch c.Key.Kind {
		case RecUnit:
			f.Unit = c.Key.ID
		case RecPost:
			f.Post = c.Key.ID
			if p := o.Post(c.Key.ID); p != nil {
				f.Unit = p.unit.ID
			}
		case RecMember:
			f.Member = c.Key.ID
		}
		out = append(out, f)
	}
	return out
}
