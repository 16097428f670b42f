package model

import (
	"slices"
	"strconv"
)

// A plan seen as records: the plan itself and each function, kind,
// member, unit and post is a record known by its kind and id, with named
// fields. The diff and the three-way merge work on records, so they go by
// id and field by field, whatever the order of the file. Where a record
// sits (a unit's parent, a post's unit) is a field like the others; the
// order of siblings is kept apart, in sequences.

// RecordKind is what a record describes.
type RecordKind string

// The kinds of record, in the order reports list them.
const (
	RecPlan     RecordKind = "plan"
	RecFunction RecordKind = "function"
	RecKind     RecordKind = "kind"
	RecMember   RecordKind = "member"
	RecUnit     RecordKind = "unit"
	RecPost     RecordKind = "post"
)

// RecordKinds lists the kinds of record in report order.
var RecordKinds = []RecordKind{RecPlan, RecFunction, RecKind, RecMember, RecUnit, RecPost}

// RecordKey names a record: the plan's own record has the id "".
type RecordKey struct {
	Kind RecordKind
	ID   string
}

// Value is a field's value: text, or a list for list fields.
type Value struct {
	Text string
	List []string
}

// Equal compares two values of one field as the field's kind wants:
// sets compare without order.
func (v Value) equal(w Value, k listKind) bool {
	if v.Text != w.Text || len(v.List) != len(w.List) {
		return false
	}
	if k == setList {
		return sameStrings(v.List, w.List)
	}
	return slices.Equal(v.List, w.List)
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

type listKind uint8

const (
	scalar      listKind = iota
	orderedList          // order means something (candidates: first in line)
	setList              // order means nothing
)

// FieldSpec describes one field of a record.
type FieldSpec struct {
	Name string
	list listKind
	Ref  RecordKind // the kind of record its values name, or ""
	// Private fields (real names, notes) are shown only when asked.
	Private bool
}

// IsList reports whether the field holds a list.
func (f FieldSpec) IsList() bool { return f.list != scalar }

// Fields lists each kind of record's fields, in report order.
var Fields = map[RecordKind][]FieldSpec{
	RecPlan:     {{Name: "name"}, {Name: "description"}, {Name: "asOf"}},
	RecFunction: {{Name: "name"}, {Name: "description"}},
	RecKind: {{Name: "name"}, {Name: "description"}, {Name: "secrecy"}, {Name: "affiliation"}, {Name: "maxPosts"},
		{Name: "requiredFunctions", list: setList, Ref: RecFunction}, {Name: "allowedFunctions", list: setList, Ref: RecFunction},
		{Name: "reportEveryDays"}, {Name: "coverageRatio"}},
	RecMember: {{Name: "alias"}, {Name: "name", Private: true}, {Name: "background", Private: true}, {Name: "status"},
		{Name: "skills", list: setList}, {Name: "notes", Private: true}},
	RecUnit: {{Name: "parent", Ref: RecUnit}, {Name: "name"}, {Name: "kind", Ref: RecKind}, {Name: "secrecy"}, {Name: "affiliation"},
		{Name: "purpose"}, {Name: "reportsTo", list: setList, Ref: RecUnit}, {Name: "reportEveryDays"}, {Name: "lastReport"},
		{Name: "contactsDeposited"}, {Name: "notes"}, {Name: "liaison", Ref: RecMember},
		// "to member" pairs: tidy drops those naming what is gone.
		{Name: "reportLiaisons", list: setList}, {Name: "headcount"}},
	RecPost: {{Name: "unit", Ref: RecUnit}, {Name: "title"}, {Name: "function", Ref: RecFunction}, {Name: "holder", Ref: RecMember},
		{Name: "candidates", list: orderedList, Ref: RecMember}, {Name: "readyLater", list: setList, Ref: RecMember}, {Name: "notes"}},
}

// FieldOf returns a kind of record's field by name.
func FieldOf(k RecordKind, name string) (FieldSpec, bool) {
	for _, f := range Fields[k] {
		if f.Name == name {
			return f, true
		}
	}
	return FieldSpec{}, false
}

// Record is one record's fields, in the order of Fields for its kind.
type Record []Value

// The places of the fields the merge looks at by name.
const (
	fUnitParent         = 0
	fUnitReportsTo      = 6
	fUnitReportLiaisons = 12
	fPostUnit           = 0
	fPostHolder         = 3
	fPostCandidates     = 4
	fPostReadyLater     = 5
)

// fieldIndex is the place of a kind of record's field, or -1.
func fieldIndex(k RecordKind, name string) int {
	for i, f := range Fields[k] {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// at is field i of r, empty when r is none (a record a side lacks).
func (r Record) at(i int) Value {
	if i < len(r) {
		return r[i]
	}
	return Value{}
}

// Get is a field's value by name (empty for no such field).
func (r Record) Get(k RecordKind, name string) Value {
	if i := fieldIndex(k, name); i >= 0 && i < len(r) {
		return r[i]
	}
	return Value{}
}

// Records is a plan as records, with the order of each sequence: the
// members, the functions, the kinds, the top-level units (seqTop), the
// units under a unit ("u:" + id) and the posts of a unit ("p:" + id).
type Records struct {
	ByKey map[RecordKey]Record
	Seq   map[string][]string
}

const seqTop = "u:"

// seqOf is the sequence a record belongs to.
func seqOf(k RecordKey, r Record) string {
	switch k.Kind {
	case RecUnit:
		return "u:" + r[fUnitParent].Text
	case RecPost:
		return "p:" + r[fPostUnit].Text
	}
	return string(k.Kind)
}

func text(s string) Value   { return Value{Text: s} }
func list(s []string) Value { return Value{List: slices.Clone(s)} }
func number(n int) Value {
	if n == 0 {
		return Value{}
	}
	return text(strconv.Itoa(n))
}
func flag(b bool) Value {
	if b {
		return text("true")
	}
	return Value{}
}

// pairs and unpair turn the lines' liaisons into a list of quoted
// "to" "member" pairs and back: any id survives.
func pairs(ls []ReportLiaison) Value {
	if len(ls) == 0 {
		return Value{}
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strconv.Quote(l.To) + strconv.Quote(l.Member)
	}
	return Value{List: out}
}

func unpair(v Value) []ReportLiaison {
	var out []ReportLiaison
	for _, s := range v.List {
		if l, ok := unquotePair(s); ok {
			out = append(out, l)
		}
	}
	return out
}

func unquotePair(s string) (ReportLiaison, bool) {
	first, err := strconv.QuotedPrefix(s)
	if err != nil {
		return ReportLiaison{}, false
	}
	to, err1 := strconv.Unquote(first)
	m, err2 := strconv.Unquote(s[len(first):])
	return ReportLiaison{To: to, Member: m}, err1 == nil && err2 == nil
}

// Flatten turns a plan into records.
func Flatten(o *Org) *Records {
	rs := &Records{ByKey: map[RecordKey]Record{}, Seq: map[string][]string{}}
	put := func(k RecordKey, r Record) {
		rs.ByKey[k] = r
		if k.Kind != RecPlan {
			s := seqOf(k, r)
			rs.Seq[s] = append(rs.Seq[s], k.ID)
		}
	}
	// Positional, in the order of Fields.
	put(RecordKey{RecPlan, ""}, Record{text(o.Name), text(o.Description), text(o.AsOf)})
	for _, f := range o.Functions {
		put(RecordKey{RecFunction, f.ID}, Record{text(f.Name), text(f.Description)})
	}
	for _, k := range o.Kinds {
		put(RecordKey{RecKind, k.ID}, Record{text(k.Name), text(k.Description), text(string(k.Secrecy)),
			text(string(k.Affiliation)), number(k.MaxPosts), list(k.RequiredFunctions), list(k.AllowedFunctions),
			number(k.ReportEveryDays), number(k.CoverageRatio)})
	}
	for _, m := range o.Members {
		put(RecordKey{RecMember, m.ID}, Record{text(m.Alias), text(m.Name), text(m.Background),
			text(string(m.Status)), list(m.Skills), text(m.Notes)})
	}
	var walk func(us []*Unit, parent string)
	walk = func(us []*Unit, parent string) {
		for _, u := range us {
			put(RecordKey{RecUnit, u.ID}, Record{text(parent), text(u.Name), text(u.Kind), text(string(u.Secrecy)),
				text(string(u.Affiliation)), text(u.Purpose), list(u.ReportsTo), number(u.ReportEveryDays),
				text(u.LastReport), flag(u.ContactsDeposited), text(u.Notes), text(u.Liaison),
				pairs(u.ReportLiaisons), number(u.Headcount)})
			for _, p := range u.Posts {
				put(RecordKey{RecPost, p.ID}, Record{text(u.ID), text(p.Title), text(p.Function), text(p.Holder),
					list(p.Candidates), list(p.ReadyLater), text(p.Notes)})
			}
			walk(u.Units, u.ID)
		}
	}
	walk(o.Units, "")
	return rs
}

// Equal reports whether two records of one kind agree on every field.
func (r Record) Equal(s Record, k RecordKind) bool {
	if len(r) != len(s) {
		return false
	}
	for i, f := range Fields[k] {
		if !r[i].equal(s[i], f.list) {
			return false
		}
	}
	return true
}

// build makes a plan of records (which must be consistent: every parent
// and unit named exists, no cycles), in the order of their sequences, and
// indexes it.
func (rs *Records) build() (*Org, []Problem) {
	o := &Org{}
	p := rs.ByKey[RecordKey{RecPlan, ""}]
	o.Name, o.Description, o.AsOf = p[0].Text, p[1].Text, p[2].Text
	num := func(v Value) int { n, _ := strconv.Atoi(v.Text); return n }
	for _, id := range rs.Seq[string(RecFunction)] {
		r := rs.ByKey[RecordKey{RecFunction, id}]
		o.Functions = append(o.Functions, &Function{ID: id, Name: r[0].Text, Description: r[1].Text})
	}
	for _, id := range rs.Seq[string(RecKind)] {
		r := rs.ByKey[RecordKey{RecKind, id}]
		o.Kinds = append(o.Kinds, &Kind{ID: id, Name: r[0].Text, Description: r[1].Text,
			Secrecy: Secrecy(r[2].Text), Affiliation: Affiliation(r[3].Text), MaxPosts: num(r[4]),
			RequiredFunctions: r[5].List, AllowedFunctions: r[6].List,
			ReportEveryDays: num(r[7]), CoverageRatio: num(r[8])})
	}
	for _, id := range rs.Seq[string(RecMember)] {
		r := rs.ByKey[RecordKey{RecMember, id}]
		o.Members = append(o.Members, &Member{ID: id, Alias: r[0].Text, Name: r[1].Text,
			Background: r[2].Text, Status: Status(r[3].Text), Skills: r[4].List, Notes: r[5].Text})
	}
	var units func(seq string, depth int) []*Unit
	units = func(seq string, depth int) []*Unit {
		var us []*Unit
		for _, id := range rs.Seq[seq] {
			r := rs.ByKey[RecordKey{RecUnit, id}]
			u := &Unit{ID: id, Name: r[1].Text, Kind: r[2].Text, Secrecy: Secrecy(r[3].Text),
				Affiliation: Affiliation(r[4].Text), Purpose: r[5].Text, ReportsTo: r[6].List,
				ReportEveryDays: num(r[7]), LastReport: r[8].Text,
				ContactsDeposited: r[9].Text == "true", Notes: r[10].Text, Liaison: r[11].Text,
				ReportLiaisons: unpair(r[12]), Headcount: num(r[13])}
			for _, pid := range rs.Seq["p:"+id] {
				pr := rs.ByKey[RecordKey{RecPost, pid}]
				u.Posts = append(u.Posts, &Post{ID: pid, Title: pr[1].Text, Function: pr[2].Text,
					Holder: pr[3].Text, Candidates: pr[4].List, ReadyLater: pr[5].List,
					Notes: pr[6].Text})
			}
			if depth <= MaxDepth { // one past: Reindex then refuses it
				u.Units = units("u:"+id, depth+1)
			}
			us = append(us, u)
		}
		return us
	}
	o.Units = units(seqTop, 0)
	return o, o.Reindex()
}

// Clone is a deep copy of the plan, indexed.
func (o *Org) Clone() *Org {
	c, _ := Flatten(o).build()
	c.Conflicts = slices.Clone(o.Conflicts)
	c.Team = slices.Clone(o.Team)
	c.ViewFor = o.ViewFor
	return c
}
