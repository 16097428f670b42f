// Package model holds an organization plan as data: its units, posts and
// members, the edit operations on them (each one undoable), validation, the
// checks and the analyses. It knows nothing of terminals or files.
package model

import "slices"

// Secrecy is how closely a unit guards itself, from open to strict.
type Secrecy string

// The secrecy levels, least to most strict.
const (
	SecrecyOpen   Secrecy = "open"
	SecrecyLow    Secrecy = "low"
	SecrecyMedium Secrecy = "medium"
	SecrecyHigh   Secrecy = "high"
	SecrecyStrict Secrecy = "strict"
)

// SecrecyLevels lists the secrecy levels in increasing order.
var SecrecyLevels = []Secrecy{SecrecyOpen, SecrecyLow, SecrecyMedium, SecrecyHigh, SecrecyStrict}

// Rank orders secrecy levels: open is 0, strict 4, anything unknown -1.
func (s Secrecy) Rank() int {
	for i, l := range SecrecyLevels {
		if l == s {
			return i
		}
	}
	return -1
}

// Valid reports whether s is one of the five levels.
func (s Secrecy) Valid() bool { return s.Rank() >= 0 }

// Affiliation is how a unit stands towards the organization: a member of it,
// associated with it, or unaware of the connection.
type Affiliation string

// The affiliations.
const (
	AffiliationParty      Affiliation = "party"
	AffiliationAssociated Affiliation = "associated"
	AffiliationUnaware    Affiliation = "unaware"
)

// Affiliations lists the affiliations, closest first.
var Affiliations = []Affiliation{AffiliationParty, AffiliationAssociated, AffiliationUnaware}

// Valid reports whether a is a known affiliation.
func (a Affiliation) Valid() bool {
	return a == AffiliationParty || a == AffiliationAssociated || a == AffiliationUnaware
}

// Status is whether a member can act.
type Status string

// The member statuses. Only active members hold posts in good order or step in.
const (
	StatusActive   Status = "active"
	StatusArrested Status = "arrested"
	StatusExiled   Status = "exiled"
	StatusInactive Status = "inactive"
)

// Statuses lists the member statuses.
var Statuses = []Status{StatusActive, StatusArrested, StatusExiled, StatusInactive}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	return s == StatusActive || s == StatusArrested || s == StatusExiled || s == StatusInactive
}

// Defaults used where neither a unit nor its kind says otherwise.
const (
	DefaultSecrecy     = SecrecyMedium
	DefaultAffiliation = AffiliationParty
)

// Function is a definite function a member can be charged with.
type Function struct {
	ID          string
	Name        string
	Description string
}

// Kind is a type of unit and the defaults and rules that go with it.
type Kind struct {
	ID                string
	Name              string
	Description       string
	Secrecy           Secrecy     // default for units of this kind; "" for none
	Affiliation       Affiliation // default for units of this kind; "" for none
	MaxPosts          int         // 0: no limit
	RequiredFunctions []string
	AllowedFunctions  []string // empty: every function is allowed
	ReportEveryDays   int      // 0: no regular reports expected
	// CoverageRatio is how many people one organizer can cover in units
	// of this kind (0: DefaultCoverageRatio).
	CoverageRatio int
}

// DefaultCoverageRatio is one organizer per ten people ("one to ten").
const DefaultCoverageRatio = 10

// Ratio is the kind's coverage ratio, or the default.
func (k *Kind) Ratio() int {
	if k == nil || k.CoverageRatio <= 0 {
		return DefaultCoverageRatio
	}
	return k.CoverageRatio
}

// Allows reports whether a post with the given function fits this kind.
func (k *Kind) Allows(function string) bool {
	if len(k.AllowedFunctions) == 0 || function == "" {
		return true
	}
	for _, f := range k.AllowedFunctions {
		if f == function {
			return true
		}
	}
	return false
}

// Member is a person in the plan, known by an alias.
type Member struct {
	ID         string
	Alias      string
	Name       string // real name; hidden by default and dropped by redaction
	Background string
	Status     Status // "" reads as active
	Skills     []string
	Notes      string
}

// Active reports whether the member can act.
func (m *Member) Active() bool { return m.Status == "" || m.Status == StatusActive }

// Label is the alias, or the id when there is none.
func (m *Member) Label() string {
	if m.Alias != "" {
		return m.Alias
	}
	return m.ID
}

// Post is one place in a unit, held by at most one member, with an ordered
// list of candidates ready to step in.
type Post struct {
	ID         string
	Title      string
	Function   string // a Function id, or ""
	Holder     string // a Member id, or "" when vacant
	Candidates []string
	// ReadyLater names the candidates who are ready later (in training,
	// in a year or two), not now: they are listed, but never step in.
	// The others are ready now.
	ReadyLater []string
	Notes      string

	unit *Unit
	// holder is Holder's record, kept by every link and unlink: the
	// whole-plan checks ask after millions of holders, and at a million
	// members a lookup by id was three cache misses each. In the room
	// the struct's size class had spare.
	holder *person
}

// Later reports whether candidate id is ready later rather than now.
func (p *Post) Later(id string) bool { return indexOf(p.ReadyLater, id) >= 0 }

// Unit returns the unit the post belongs to (nil if it is not in an Org).
func (p *Post) Unit() *Unit { return p.unit }

// Unit is a committee, group or circle. Units form a forest.
type Unit struct {
	ID                string
	Name              string
	Kind              string      // a Kind id, or ""
	Secrecy           Secrecy     // "": the kind's default
	Affiliation       Affiliation // "": the kind's default
	Purpose           string
	ReportsTo         []string // units other than the parent that it reports to
	ReportEveryDays   int      // 0: the kind's default
	LastReport        string   // YYYY-MM-DD or ""
	ContactsDeposited bool
	Notes             string
	// Liaison is the member who carries the unit's line to its parent;
	// ReportLiaisons who carries each line to a unit in ReportsTo. A line
	// with nobody named is carried by the unit's active holders.
	Liaison        string
	ReportLiaisons []ReportLiaison
	// Headcount is how many people the unit organizes (workers in a
	// shop, tenants in a building); 0 when not recorded.
	Headcount int
	Posts     []*Post
	Units     []*Unit

	parent *Unit
	// depth is the number of units above, kept wherever parent is set:
	// ranking posts asks it millions of times at a million units, and a
	// climb to the root is a cache miss a step.
	depth int32
	// pre is the unit's place in document order, when the plan's units
	// are numbered (see order.go).
	pre int32
}

// ReportLiaison names who carries a unit's line to a unit it reports to.
type ReportLiaison struct {
	To     string // a unit in ReportsTo
	Member string
}

// LiaisonTo is who carries u's line to unit to (its parent or a unit it
// reports to), "" when nobody is named.
func (u *Unit) LiaisonTo(to string) string {
	if u.parent != nil && u.parent.ID == to {
		return u.Liaison
	}
	for _, l := range u.ReportLiaisons {
		if l.To == to {
			return l.Member
		}
	}
	return ""
}

// Parent returns the parent unit, or nil for a top-level unit.
func (u *Unit) Parent() *Unit { return u.parent }

// Depth is 0 for a top-level unit.
func (u *Unit) Depth() int { return int(u.depth) }

// placeUnder sets a subtree's parent and the depth of every unit in it.
func (u *Unit) placeUnder(parent *Unit) {
	u.parent = parent
	var d int32
	if parent != nil {
		d = parent.depth + 1
	}
	if u.depth == d {
		return // the same depth: so is every unit under it
	}
	u.depth = d
	for _, c := range u.Units {
		c.placeUnder(u)
	}
}

// Details are the fields of a unit edited together in its details form.
type Details struct {
	Kind              string
	Secrecy           Secrecy
	Affiliation       Affiliation
	Purpose           string
	ReportsTo         []string
	ReportEveryDays   int
	LastReport        string
	ContactsDeposited bool
	Notes             string
	Liaison           string
	ReportLiaisons    []ReportLiaison
	Headcount         int
}

// Details returns a copy of the unit's editable details.
func (u *Unit) Details() Details {
	return Details{
		Kind: u.Kind, Secrecy: u.Secrecy, Affiliation: u.Affiliation, Purpose: u.Purpose,
		ReportsTo: cloneStrings(u.ReportsTo), ReportEveryDays: u.ReportEveryDays,
		LastReport: u.LastReport, ContactsDeposited: u.ContactsDeposited, Notes: u.Notes,
		Liaison: u.Liaison, ReportLiaisons: slices.Clone(u.ReportLiaisons), Headcount: u.Headcount,
	}
}

func (u *Unit) setDetails(d Details) {
	u.Kind, u.Secrecy, u.Affiliation, u.Purpose = d.Kind, d.Secrecy, d.Affiliation, d.Purpose
	u.ReportsTo, u.ReportEveryDays, u.LastReport = cloneStrings(d.ReportsTo), d.ReportEveryDays, d.LastReport
	u.ContactsDeposited, u.Notes = d.ContactsDeposited, d.Notes
	u.Liaison, u.ReportLiaisons, u.Headcount = d.Liaison, slices.Clone(d.ReportLiaisons), d.Headcount
}

func cloneStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}
