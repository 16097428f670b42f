package model

import (
	"fmt"
	"slices"
)

// AddMember adds a member at Index in the member list (-1: last).
type AddMember struct {
	Index  int
	Member Member
}

// Label implements Op.
func (a AddMember) Label() string { return "add member " + quote(a.Member.Alias) }

func (a AddMember) apply(o *Org) (Op, error) {
	m := cloneMember(&a.Member)
	if m.ID == "" || o.idx.members.get(m.ID) != nil {
		return nil, fmt.Errorf("member id %q is empty or taken", m.ID)
	}
	if m.Status != "" && !m.Status.Valid() {
		return nil, fmt.Errorf("%q is not a status", m.Status)
	}
	i := a.Index
	if i < 0 || i > len(o.Members) {
		i = len(o.Members)
	}
	o.Members = insertAt(o.Members, i, m)
	p := o.idx.newPerson(m, i)
	o.idx.members.put(m.ID, &p)
	o.membersMoved(i + 1)
	o.touchMember(m.ID)
	o.noteID('m', m.ID)
	return DeleteMember{ID: m.ID}, nil
}

func cloneMember(m *Member) *Member {
	c := *m
	c.Skills = cloneStrings(m.Skills)
	return &c
}

// EditMember replaces a member's fields (all but the id).
type EditMember struct {
	Member Member
}

// Label implements Op.
func (e EditMember) Label() string { return "edit member " + quote(e.Member.Alias) }

func (e EditMember) apply(o *Org) (Op, error) {
	m := o.Member(e.Member.ID)
	if m == nil {
		return nil, fmt.Errorf("no member %q", e.Member.ID)
	}
	if e.Member.Status != "" && !e.Member.Status.Valid() {
		return nil, fmt.Errorf("%q is not a status", e.Member.Status)
	}
	old := *cloneMember(m)
	*m = *cloneMember(&e.Member)
	o.idx.members.get(m.ID).active = m.Active()
	o.touchMember(m.ID)
	for _, p := range o.Held(m.ID) {
		o.touch(p)
	}
	for _, p := range o.Candidacies(m.ID) {
		o.touch(p)
	}
	return EditMember{Member: old}, nil
}

// SetStatus builds the Op that changes only a member's status.
func (o *Org) SetStatus(memberID string, s Status) (Op, error) {
	m := o.Member(memberID)
	if m == nil {
		return nil, fmt.Errorf("no member %q", memberID)
	}
	c := *cloneMember(m)
	c.Status = s
	return EditMember{Member: c}, nil
}

// DeleteMember removes a member. The posts they hold fall vacant, their
// candidacies end and the lines they carried fall back to their units'
// holders; undo puts all of it back.
type DeleteMember struct{ ID string }

// Label implements Op.
func (d DeleteMember) Label() string { return "delete member " + d.ID }

func (d DeleteMember) apply(o *Org) (Op, error) {
	m := o.Member(d.ID)
	if m == nil {
		return nil, fmt.Errorf("no member %q", d.ID)
	}
	// Every post they touch, once, in a stable order for a stable undo.
	touched := append([]*Post(nil), o.Held(d.ID)...)
	for _, p := range o.Candidacies(d.ID) {
		if !slices.Contains(touched, p) {
			touched = append(touched, p)
		}
	}
	restore := make([]Op, 0, len(touched)+1)
	i := indexOfPtr(o.Members, m)
	restore = append(restore, AddMember{Index: i, Member: *cloneMember(m)})
	for _, p := range touched {
		restore = append(restore, SetPeople{Post: p.ID, Holder: p.Holder, Candidates: cloneStrings(p.Candidates), ReadyLater: cloneStrings(p.ReadyLater)})
		o.unlink(p)
		if p.Holder == d.ID {
			p.Holder = ""
		}
		p.Candidates = slices.DeleteFunc(cloneStrings(p.Candidates), func(c string) bool { return c == d.ID })
		p.ReadyLater = keepCandidates(p.ReadyLater, p.Candidates)
		o.link(p)
	}
	// The lines they carried fall back to their units' holders.
	carried := slices.Clone(o.idx.carriedBy[d.ID])
	slices.SortFunc(carried, func(a, b *Unit) int { return CompareIDs(a.ID, b.ID) })
	for _, u := range carried {
		dt := u.Details()
		restore = append(restore, SetDetails{ID: u.ID, Details: u.Details()})
		if dt.Liaison == d.ID {
			dt.Liaison = ""
		}
		dt.ReportLiaisons = slices.DeleteFunc(dt.ReportLiaisons, func(l ReportLiaison) bool { return l.Member == d.ID })
		o.unlinkReports(u)
		u.setDetails(dt)
		o.linkReports(u)
		o.touchUnit(u)
	}
	o.Members = deleteAt(o.Members, i)
	o.idx.members.del(d.ID)
	o.membersMoved(i)
	o.touchMember(d.ID)
	if len(restore) == 1 {
		return restore[0], nil
	}
	return Batch{Ops: restore, Name: "restore member " + quote(m.Alias)}, nil
}
