package model

import (
	"fmt"
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

// Checks lists every check, in the order findings are reported.
var Checks = []CheckInfo{
	{"max-posts", SevError, "more posts than the kind allows"},
	{"required-function", SevError, "a unit lacking a post for a function its kind requires"},
	{"inactive-holder", SevError, "a post held by an arrested, exiled or inactive member"},
	{"vacant-post", SevWarning, "a post with no holder"},
	{"no-candidate", SevWarning, "a post with no active candidate"},
	{"function-not-allowed", SevWarning, "a post whose function its kind does not allow"},
	{"jumble", SevWarning, "a member performing more than two distinct functions"},
	{"idle-member", SevWarning, "an active member with no post and no candidacy"},
	{"report-overdue", SevWarning, "lastReport + reportEveryDays before the as-of date"},
	{"contacts-not-deposited", SevWarning, "a party unit of medium secrecy or more whose contacts are not deposited with the center"},
	{"secrecy-bridge", SevWarning, "a member sitting both in a strict unit and in an open or low one"},
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
	c := checker{o: o, asOf: asOf}
	o.Walk(func(u *Unit) bool {
		c.unit(u)
		return true
	})
	c.members()
	// Group by check, in the order of Checks, keeping document order
	// within each: a bucket per check, no sort.
	rank := map[string]int{}
	for i, ci := range Checks {
		rank[ci.ID] = i
	}
	buckets := make([][]Finding, len(Checks))
	for _, f := range c.out {
		r := rank[f.Check]
		buckets[r] = append(buckets[r], f)
	}
	out := c.out[:0]
	for _, b := range buckets {
		out = append(out, b...)
	}
	return out
}

type checker struct {
	o    *Org
	asOf time.Time
	out  []Finding
}

// add records a finding; its path is worked out only now, for the places
// that have something to report.
func (c *checker) add(check string, sev Severity, f Finding, format string, args ...any) {
	f.Check, f.Severity, f.Message = check, sev, fmt.Sprintf(format, args...)
	if f.Path == "" {
		switch {
		case f.Post != "":
			f.Path = c.o.PostPathString(c.o.idx.posts[f.Post])
		case f.Unit != "":
			f.Path = c.o.PathString(c.o.idx.units[f.Unit])
		}
	}
	c.out = append(c.out, f)
}

// PostPath names a post by its unit's path and its title.
func (o *Org) PostPathString(p *Post) string {
	if p.unit == nil {
		return p.Title
	}
	return o.PathString(p.unit) + " › " + p.Title
}

func (c *checker) unit(u *Unit) {
	o := c.o
	k := o.idx.kinds[u.Kind]
	at := Finding{Unit: u.ID}
	if k != nil {
		if k.MaxPosts > 0 && len(u.Posts) > k.MaxPosts {
			c.add("max-posts", SevError, at, "%d posts; a %s has at most %d", len(u.Posts), kindLabel(k), k.MaxPosts)
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
				c.add("required-function", SevError, at, "no %s post; a %s requires one", strings.ToLower(o.FunctionName(f)), kindLabel(k))
			}
		}
	}
	for _, p := range u.Posts {
		pat := Finding{Unit: u.ID, Post: p.ID}
		switch {
		case p.Holder == "":
			c.add("vacant-post", SevWarning, pat, "vacant")
		case !o.MemberActive(p.Holder):
			m := o.Member(p.Holder)
			c.add("inactive-holder", SevError, pat, "held by %s, who is %s", m.Label(), m.Status)
		}
		if !o.HasActiveCandidate(p) {
			if len(p.Candidates) == 0 {
				c.add("no-candidate", SevWarning, pat, "no candidate ready to step in")
			} else {
				c.add("no-candidate", SevWarning, pat, "no active candidate: %s", c.labels(p.Candidates))
			}
		}
		if k != nil && !k.Allows(p.Function) {
			c.add("function-not-allowed", SevWarning, pat, "%s is not a function of a %s", strings.ToLower(o.FunctionName(p.Function)), kindLabel(k))
		}
	}
	if every := o.UnitReportEveryDays(u); every > 0 {
		switch {
		case u.LastReport == "":
			c.add("report-overdue", SevWarning, at, "no report on record; one is due every %d days", every)
		default:
			last, err := time.Parse(DateLayout, u.LastReport)
			if err == nil {
				due := last.AddDate(0, 0, every)
				if due.Before(c.asOf) {
					c.add("report-overdue", SevWarning, at, "last report %s; due every %d days, overdue since %s", u.LastReport, every, due.Format(DateLayout))
				}
			}
		}
	}
	if o.UnitAffiliation(u) == AffiliationParty && o.UnitSecrecy(u).Rank() >= SecrecyMedium.Rank() && !u.ContactsDeposited {
		c.add("contacts-not-deposited", SevWarning, at, "contacts not deposited with the center (%s secrecy)", o.UnitSecrecy(u))
	}
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

func (c *checker) members() {
	o := c.o
	for _, m := range o.Members {
		at := Finding{Member: m.ID, Path: "member " + m.Label()}
		held, cand := o.Held(m.ID), o.Candidacies(m.ID)
		if fs := o.MemberFunctions(m.ID); m.Active() && len(fs) > JumbleThreshold {
			names := make([]string, len(fs))
			for i, f := range fs {
				names[i] = strings.ToLower(o.FunctionName(f))
			}
			c.add("jumble", SevWarning, at, "performs %d functions: %s", len(fs), strings.Join(names, ", "))
		}
		if m.Active() && len(held) == 0 && len(cand) == 0 {
			c.add("idle-member", SevWarning, at, "active, with no post and no candidacy")
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
			c.add("secrecy-bridge", SevWarning, at, "sits in %s (strict) and in %s (%s)", strict.Name, open.Name, o.UnitSecrecy(open))
		}
	}
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
