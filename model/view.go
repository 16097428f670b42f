package model

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
)

// A need-to-know view: the part of a plan one member may hold, as a plan
// of its own. Its scope is the units the member holds posts in or stands
// ready for, with their sub-units (to a depth), leaving out any unit more
// secret than the most secret of the member's own; above each, exactly
// one hop: the parent's name (not for an "unaware" unit, nor when the
// parent is more secret than the member's units) and one contact there,
// the unit's liaison or else a holder of the parent. People are shown by
// alias only; a candidate who holds nothing in the scope is "someone
// outside your unit". Every id is replaced by a keyed hash, the key
// derived from a secret and the member, so that two views cannot be
// joined by id. Fields are copied one by one: a field added to the
// format later is absent from views until it is added here.

// ViewOptions shape a view.
type ViewOptions struct {
	Depth  int    // sub-unit levels below the member's units; < 0: all
	Secret []byte // the view maker's secret; with the member, keys the ids
}

// Outsider is the alias of people who stand ready for a post in a view
// but hold nothing in its scope.
const Outsider = "someone outside your unit"

type viewer struct {
	o       *Org
	key     []byte
	scope   map[*Unit]bool
	members map[string]string // plan member id → view id
	v       *Org
	kinds   map[string]bool
	funcs   map[string]bool
	holders map[string]bool // members holding a post in the scope
	poll    *poll           // nil: never called off
}

// View makes member's view of the plan.
func View(o *Org, member string, opt ViewOptions) (*Org, error) {
	m := o.Member(member)
	if m == nil {
		return nil, errors.New("no such member")
	}
	mac := hmac.New(sha256.New, opt.Secret)
	mac.Write([]byte("orgplan view\x00" + member))
	w := &viewer{o: o, key: mac.Sum(nil), scope: map[*Unit]bool{}, members: map[string]string{},
		kinds: map[string]bool{}, funcs: map[string]bool{}, holders: map[string]bool{}}
	roots, most := w.roots(member)
	if len(roots) == 0 {
		return nil, errors.New("they hold no post and stand ready for none: their view is empty")
	}
	for _, r := range roots {
		w.take(r, opt.Depth, most)
	}
	for u := range w.scope {
		for _, p := range u.Posts {
			if p.Holder != "" {
				w.holders[p.Holder] = true
			}
		}
	}
	w.v = &Org{Name: "View for " + m.Label(), AsOf: o.AsOf, ViewFor: m.Label()}
	shells := map[*Unit]*Unit{}
	for _, r := range roots {
		if !w.scope[r] || r.parent != nil && w.scope[r.parent] {
			continue // inside another root's subtree
		}
		u := w.unit(r)
		if r.parent == nil {
			w.v.Units = append(w.v.Units, u)
			continue
		}
		shell := shells[r.parent]
		if shell == nil {
			shell = w.shell(r, most)
			shells[r.parent] = shell
			w.v.Units = append(w.v.Units, shell)
		}
		shell.Units = append(shell.Units, u)
	}
	for _, f := range o.Functions {
		if w.funcs[f.ID] {
			w.v.Functions = append(w.v.Functions, &Function{ID: f.ID, Name: f.Name})
		}
	}
	for _, k := range o.Kinds {
		if w.kinds[k.ID] {
			w.v.Kinds = append(w.v.Kinds, &Kind{ID: k.ID, Name: k.Name, Secrecy: k.Secrecy, Affiliation: k.Affiliation,
				MaxPosts: k.MaxPosts, ReportEveryDays: k.ReportEveryDays, CoverageRatio: k.CoverageRatio,
				RequiredFunctions: w.known(k.RequiredFunctions), AllowedFunctions: w.known(k.AllowedFunctions)})
		}
	}
	if p := w.v.Reindex(); len(p) > 0 {
		return nil, errors.New("the view is not a valid plan: " + p[0].Error())
	}
	return w.v, nil
}

// roots are the units member sits in, in document order, and the most
// secret of them.
func (w *viewer) roots(member string) ([]*Unit, int) {
	var roots []*Unit
	most := -1
	for _, p := range append(append([]*Post(nil), w.o.Held(member)...), w.o.Candidacies(member)...) {
		if !slices.Contains(roots, p.unit) {
			roots = append(roots, p.unit)
			most = max(most, w.o.UnitSecrecy(p.unit).Rank())
		}
	}
	sortUnits(w.o, roots)
	return roots, most
}

// take adds u and its sub-units to depth, leaving out those more secret
// than most (and what is under them).
func (w *viewer) take(u *Unit, depth, most int) {
	if w.o.UnitSecrecy(u).Rank() > most || w.poll != nil && w.poll.stopped() {
		return
	}
	w.scope[u] = true
	if depth == 0 {
		return
	}
	for _, c := range u.Units {
		w.take(c, depth-1, most)
	}
}

// id is a plan id's id in this view.
func (w *viewer) id(prefix byte, id string) string {
	mac := hmac.New(sha256.New, w.key)
	mac.Write([]byte{prefix, 0})
	mac.Write([]byte(id))
	return string(prefix) + hex.EncodeToString(mac.Sum(nil)[:6])
}

// member adds a person to the view, by alias or as an outsider.
func (w *viewer) member(id string, outsider bool) string {
	if vid, ok := w.members[id]; ok {
		return vid
	}
	m := w.o.Member(id)
	if m == nil {
		return ""
	}
	vid := w.id('m', id)
	alias := m.Label()
	if outsider {
		alias = Outsider
	}
	w.members[id] = vid
	w.v.Members = append(w.v.Members, &Member{ID: vid, Alias: alias, Status: m.Status})
	return vid
}

func (w *viewer) people(ids []string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, w.member(id, !w.holders[id]))
	}
	return out
}

func (w *viewer) known(fs []string) []string {
	var out []string
	for _, f := range fs {
		if w.funcs[f] {
			out = append(out, f)
		}
	}
	return out
}

// unit copies a unit of the scope, its posts and its sub-units in scope.
func (w *viewer) unit(u *Unit) *Unit {
	c := &Unit{ID: w.id('u', u.ID), Name: u.Name, Kind: u.Kind, Secrecy: u.Secrecy, Affiliation: u.Affiliation,
		Purpose: u.Purpose, Headcount: u.Headcount, ReportEveryDays: u.ReportEveryDays, LastReport: u.LastReport,
		ContactsDeposited: u.ContactsDeposited}
	if u.Kind != "" {
		w.kinds[u.Kind] = true
	}
	if u.Liaison != "" {
		c.Liaison = w.member(u.Liaison, false)
	}
	for _, r := range u.ReportsTo {
		if t := w.o.idx.units.get(r); t != nil && w.scope[t] {
			c.ReportsTo = append(c.ReportsTo, w.id('u', r))
			if l := u.LiaisonTo(r); l != "" {
				c.ReportLiaisons = append(c.ReportLiaisons, ReportLiaison{To: w.id('u', r), Member: w.member(l, false)})
			}
		}
	}
	for _, p := range u.Posts {
		q := &Post{ID: w.id('p', p.ID), Title: p.Title, Function: p.Function}
		if p.Function != "" {
			w.funcs[p.Function] = true
		}
		if p.Holder != "" {
			q.Holder = w.member(p.Holder, false)
		}
		q.Candidates = w.people(p.Candidates)
		for _, l := range p.ReadyLater {
			q.ReadyLater = append(q.ReadyLater, w.members[l])
		}
		c.Posts = append(c.Posts, q)
	}
	for _, s := range u.Units {
		if w.scope[s] {
			c.Units = append(c.Units, w.unit(s))
		}
	}
	return c
}

// shell is the one hop above a root: the parent's name (unless the root
// is unaware of it, or the parent is more secret than the member's units)
// and one contact there.
func (w *viewer) shell(root *Unit, most int) *Unit {
	p := root.parent
	name := p.Name
	if w.o.UnitAffiliation(root) == AffiliationUnaware || w.o.UnitSecrecy(p).Rank() > most {
		name = "the unit above"
	}
	s := &Unit{ID: w.id('u', p.ID), Name: name}
	if contact := w.contact(root); contact != "" {
		s.Posts = []*Post{{ID: w.id('p', p.ID+"\x00contact"), Title: "Contact", Holder: w.member(contact, false)}}
	}
	return s
}

// contact is who a root's view meets one hop up: the root's liaison, or
// else an active holder of its parent.
func (w *viewer) contact(root *Unit) string {
	if root.Liaison != "" {
		return root.Liaison
	}
	for _, q := range root.parent.Posts {
		if q.Holder != "" && w.o.MemberActive(q.Holder) {
			return q.Holder
		}
	}
	return ""
}

// Reveals is what a seized view of member would give away: how many
// other members and how many units it names. It counts the scope View
// takes, without making the view.
func Reveals(o *Org, member string) (members, units int) {
	members, units, _ = RevealsContext(context.Background(), o, member)
	return members, units
}

// RevealsContext is Reveals giving up once ctx is done.
func RevealsContext(ctx context.Context, o *Org, member string) (members, units int, err error) {
	w := &viewer{o: o, scope: map[*Unit]bool{}, poll: &poll{ctx: ctx}}
	roots, most := w.roots(member)
	for _, r := range roots {
		w.take(r, -1, most)
	}
	people := map[string]bool{}
	shells := map[*Unit]bool{}
	for u := range w.scope {
		if w.poll.stopped() {
			return 0, 0, w.poll.err
		}
		for _, p := range u.Posts {
			if p.Holder != "" {
				people[p.Holder] = true
			}
			for _, c := range p.Candidates {
				people[c] = true
			}
		}
		if u.Liaison != "" {
			people[u.Liaison] = true
		}
		for _, l := range u.ReportLiaisons {
			if t := w.o.idx.units.get(l.To); t != nil && w.scope[t] {
				people[l.Member] = true
			}
		}
	}
	for _, r := range roots { // in document order, as View meets them
		if p := r.parent; w.scope[r] && p != nil && !w.scope[p] && !shells[p] {
			shells[p] = true
			if c := w.contact(r); c != "" {
				people[c] = true
			}
		}
	}
	if w.poll.err != nil {
		return 0, 0, w.poll.err
	}
	delete(people, member)
	return len(people), len(w.scope) + len(shells), nil
}
