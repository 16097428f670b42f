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
		{Name: "reportEveryDays"}},
	RecMember: {{Name: "alias"}, {Name: "name", Private: true}, {Name: "background", Private: true}, {Name: "status"},
		{Name: "skills", list: setList}, {Name: "notes", Private: true}},
	RecUnit: {{Name: "parent", Ref: RecUnit}, {Name: "name"}, {Name: "kind", Ref: RecKind}, {Name: "secrecy"}, {Name: "affiliation"},
		{Name: "purpose"}, {Name: "reportsTo", list: setList, Ref: RecUnit}, {Name: "reportEveryDays"}, {Name: "lastReport"},
		{Name: "contactsDeposited"}, {Name: "notes"}},
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

// Record is one record's fields (a field absent from the map is empty).
type Record map[string]Value

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
		return "u:" + r["parent"].Text
	case RecPost:
		return "p:" + r["unit"].Text
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

// Flatten turns a plan into records.
func Flatten(o *Org) *Records {
	rs := &Records{ByKey: map[RecordKey]Record{}, Seq: map[string][]string{}}
	put := func(k RecordKey, r Record) {
		for f, v := range r {
			if v.Text == "" && len(v.List) == 0 {
				delete(r, f)
			}
		}
		rs.ByKey[k] = r
		if k.Kind != RecPlan {
			s := seqOf(k, r)
			rs.Seq[s] = append(rs.Seq[s], k.ID)
		}
	}
	put(RecordKey{RecPlan, ""}, Record{"name": text(o.Name), "description": text(o.Description), "asOf": text(o.AsOf)})
	for _, f := range o.Functions {
		put(RecordKey{RecFunction, f.ID}, Record{"name": text(f.Name), "description": text(f.Description)})
	}
	for _, k := range o.Kinds {
		put(RecordKey{RecKind, k.ID}, Record{"name": text(k.Name), "description": text(k.Description),
			"secrecy": text(string(k.Secrecy)), "affiliation": text(string(k.Affiliation)), "maxPosts": number(k.MaxPosts),
			"requiredFunctions": list(k.RequiredFunctions), "allowedFunctions": list(k.AllowedFunctions),
			"reportEveryDays": number(k.ReportEveryDays)})
	}
	for _, m := range o.Members {
		put(RecordKey{RecMember, m.ID}, Record{"alias": text(m.Alias), "name": text(m.Name), "background": text(m.Background),
			"status": text(string(m.Status)), "skills": list(m.Skills), "notes": text(m.Notes)})
	}
	var walk func(us []*Unit, parent string)
	walk = func(us []*Unit, parent string) {
		for _, u := range us {
			put(RecordKey{RecUnit, u.ID}, Record{"parent": text(parent), "name": text(u.Name), "kind": text(u.Kind),
				"secrecy": text(string(u.Secrecy)), "affiliation": text(string(u.Affiliation)), "purpose": text(u.Purpose),
				"reportsTo": list(u.ReportsTo), "reportEveryDays": number(u.ReportEveryDays), "lastReport": text(u.LastReport),
				"contactsDeposited": flag(u.ContactsDeposited), "notes": text(u.Notes)})
			for _, p := range u.Posts {
				put(RecordKey{RecPost, p.ID}, Record{"unit": text(u.ID), "title": text(p.Title), "function": text(p.Function),
					"holder": text(p.Holder), "candidates": list(p.Candidates), "readyLater": list(p.ReadyLater), "notes": text(p.Notes)})
			}
			walk(u.Units, u.ID)
		}
	}
	walk(o.Units, "")
	return rs
}

// Equal reports whether two records of one kind agree on every field.
func (r Record) Equal(s Record, k RecordKind) bool {
	for _, f := range Fields[k] {
		if !r[f.Name].equal(s[f.Name], f.list) {
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
	o.Name, o.Description, o.AsOf = p["name"].Text, p["description"].Text, p["asOf"].Text
	num := func(v Value) int { n, _ := strconv.Atoi(v.Text); return n }
	for _, id := range rs.Seq[string(RecFunction)] {
		r := rs.ByKey[RecordKey{RecFunction, id}]
		o.Functions = append(o.Functions, &Function{ID: id, Name: r["name"].Text, Description: r["description"].Text})
	}
	for _, id := range rs.Seq[string(RecKind)] {
		r := rs.ByKey[RecordKey{RecKind, id}]
		o.Kinds = append(o.Kinds, &Kind{ID: id, Name: r["name"].Text, Description: r["description"].Text,
			Secrecy: Secrecy(r["secrecy"].Text), Affiliation: Affiliation(r["affiliation"].Text), MaxPosts: num(r["maxPosts"]),
			RequiredFunctions: r["requiredFunctions"].List, AllowedFunctions: r["allowedFunctions"].List,
			ReportEveryDays: num(r["reportEveryDays"])})
	}
	for _, id := range rs.Seq[string(RecMember)] {
		r := rs.ByKey[RecordKey{RecMember, id}]
		o.Members = append(o.Members, &Member{ID: id, Alias: r["alias"].Text, Name: r["name"].Text,
			Background: r["background"].Text, Status: Status(r["status"].Text), Skills: r["skills"].List, Notes: r["notes"].Text})
	}
	var units func(seq string, depth int) []*Unit
	units = func(seq string, depth int) []*Unit {
		var us []*Unit
		for _, id := range rs.Seq[seq] {
			r := rs.ByKey[RecordKey{RecUnit, id}]
			u := &Unit{ID: id, Name: r["name"].Text, Kind: r["kind"].Text, Secrecy: Secrecy(r["secrecy"].Text),
				Affiliation: Affiliation(r["affiliation"].Text), Purpose: r["purpose"].Text, ReportsTo: r["reportsTo"].List,
				ReportEveryDays: num(r["reportEveryDays"]), LastReport: r["lastReport"].Text,
				ContactsDeposited: r["contactsDeposited"].Text == "true", Notes: r["notes"].Text}
			for _, pid := range rs.Seq["p:"+id] {
				pr := rs.ByKey[RecordKey{RecPost, pid}]
				u.Posts = append(u.Posts, &Post{ID: pid, Title: pr["title"].Text, Function: pr["function"].Text,
					Holder: pr["holder"].Text, Candidates: pr["candidates"].List, ReadyLater: pr["readyLater"].List,
					Notes: pr["notes"].Text})
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
	return c
}
