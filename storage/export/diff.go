package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
)

// DiffReport is the JSON shape of `orgplan diff --format json`
// (orgplan-diff/1). Values are ids as in the file; a private field
// (real name, background, member notes) is shown only with --names.
type DiffReport struct {
	Format  string         `json:"format"` // "orgplan-diff/1"
	Old     string         `json:"old"`
	New     string         `json:"new"`
	Changes []ChangeReport `json:"changes"`
}

// ChangeReport is one change.
type ChangeReport struct {
	Record    string `json:"record"`
	ID        string `json:"id"`
	Change    string `json:"change"` // added, removed, changed, reordered
	Field     string `json:"field,omitempty"`
	From      any    `json:"from,omitempty"`
	To        any    `json:"to,omitempty"`
	Hidden    bool   `json:"hidden,omitzero"` // a private value, left out
	Where     string `json:"where"`
	WhereFrom string `json:"whereFrom,omitempty"`
}

// DiffSides is the two plans a diff compares, with their file names.
type DiffSides struct {
	Old, New         *model.Org
	OldName, NewName string
	Names            bool // show private fields' values
}

// Diff writes changes as text (one line each), JSON, or with stat the
// counts alone.
func Diff(w io.Writer, format string, stat bool, s DiffSides, cs []model.Change) error {
	switch {
	case stat && format == "json":
		return writeJSON(w, diffStat(cs))
	case stat:
		_, err := fmt.Fprintln(w, statLine(cs))
		return err
	case format == "json":
		r := DiffReport{Format: "orgplan-diff/1", Old: s.OldName, New: s.NewName, Changes: make([]ChangeReport, len(cs))}
		for i, c := range cs {
			r.Changes[i] = changeReport(c, s.Names)
		}
		return writeJSON(w, r)
	}
	for _, c := range cs {
		if _, err := fmt.Fprintln(w, visible.String(s.line(c))); err != nil {
			return err
		}
	}
	return nil
}

func changeKind(c model.Change) string {
	switch {
	case c.Added:
		return "added"
	case c.Removed:
		return "removed"
	case c.Field == "units" || c.Field == "posts":
		return "reordered"
	}
	return "changed"
}

func private(c model.Change) bool {
	f, ok := model.FieldOf(c.Key.Kind, c.Field)
	return ok && f.Private
}

func changeReport(c model.Change, names bool) ChangeReport {
	r := ChangeReport{Record: string(c.Key.Kind), ID: c.Key.ID, Change: changeKind(c), Field: c.Field,
		Where: c.Where, WhereFrom: c.WhereFrom}
	if c.Field == "" {
		return r
	}
	if private(c) && !names {
		r.Hidden = true
		return r
	}
	val := func(v model.Value) any {
		f, ok := model.FieldOf(c.Key.Kind, c.Field)
		if c.Field == "units" || c.Field == "posts" || ok && f.IsList() {
			return append([]string{}, v.List...)
		}
		return v.Text
	}
	r.From, r.To = val(c.From), val(c.To)
	return r
}

// line is a change in words: "post p15 holder: Committee › Treasurer:
// Ira → Osip".
func (s DiffSides) line(c model.Change) string {
	head := string(c.Key.Kind)
	if c.Key.Kind != model.RecPlan {
		head += " " + c.Key.ID
	}
	switch {
	case c.Added:
		return head + " added: " + c.Where
	case c.Removed:
		return head + " removed: " + c.Where
	case c.Field == "units" || c.Field == "posts":
		return fmt.Sprintf("%s %s reordered: %s: %s → %s", head, c.Field, c.Where, s.names(c.Field, c.From.List, s.Old), s.names(c.Field, c.To.List, s.New))
	case c.Field == "parent" || c.Field == "unit":
		return head + " moved: " + c.WhereFrom + " → " + c.Where
	case private(c) && !s.Names:
		return head + " " + c.Field + " changed: " + c.Where + " (shown with --names)"
	}
	f, _ := model.FieldOf(c.Key.Kind, c.Field)
	if c.Field == "holder" {
		switch {
		case c.From.Text == "":
			return head + " filled: " + c.Where + ": " + s.New.MemberLabel(c.To.Text)
		case c.To.Text == "":
			return head + " vacated: " + c.Where + " (was " + s.Old.MemberLabel(c.From.Text) + ")"
		}
	}
	if f.IsList() {
		return head + " " + c.Field + ": " + c.Where + ": " + s.listChange(f, c.From.List, c.To.List)
	}
	return head + " " + c.Field + ": " + c.Where + ": " + s.value(f, c.From.Text, s.Old) + " → " + s.value(f, c.To.Text, s.New)
}

// listChange says what was added and removed, or how the order changed.
func (s DiffSides) listChange(f model.FieldSpec, from, to []string) string {
	var parts []string
	for _, id := range to {
		if !contains(from, id) {
			parts = append(parts, "+ "+s.value(f, id, s.New))
		}
	}
	for _, id := range from {
		if !contains(to, id) {
			parts = append(parts, "− "+s.value(f, id, s.Old))
		}
	}
	if len(parts) == 0 {
		return "reordered " + s.names(f.Name, from, s.Old) + " → " + s.names(f.Name, to, s.New)
	}
	return strings.Join(parts, ", ")
}

func contains(s []string, id string) bool {
	for _, x := range s {
		if x == id {
			return true
		}
	}
	return false
}

func (s DiffSides) names(field string, ids []string, o *model.Org) string {
	f := model.FieldSpec{Ref: model.RecUnit}
	if field == "posts" {
		f.Ref = model.RecPost
	} else if spec, ok := model.FieldOf(model.RecPost, field); ok {
		f = spec
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = s.value(f, id, o)
	}
	return strings.Join(out, ", ")
}

// value shows one value: a member by alias, a unit or post by name, a
// catalogue entry by name, text quoted.
func (s DiffSides) value(f model.FieldSpec, v string, o *model.Org) string {
	if v == "" {
		return "none"
	}
	switch f.Ref {
	case model.RecMember:
		return o.MemberLabel(v)
	case model.RecUnit:
		if u := o.Unit(v); u != nil {
			return u.Name
		}
	case model.RecPost:
		if p := o.Post(v); p != nil {
			return p.Title
		}
	case model.RecFunction:
		return o.FunctionName(v)
	case model.RecKind:
		return o.KindName(v)
	default:
		return fmt.Sprintf("%q", v)
	}
	return v
}

// StatReport is the JSON of `orgplan diff --stat --format json`: per kind
// of record with changes, how many were added, removed and changed.
type StatReport struct {
	Format  string      `json:"format"` // "orgplan-diff-stat/1"
	Records []StatCount `json:"records"`
}

// StatCount counts one kind of record's changes.
type StatCount struct {
	Record  string `json:"record"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
	Changed int    `json:"changed"`
}

func diffStat(cs []model.Change) StatReport {
	r := StatReport{Format: "orgplan-diff-stat/1", Records: []StatCount{}}
	seen := map[model.RecordKey]bool{}
	for _, k := range model.RecordKinds {
		n := StatCount{Record: string(k)}
		for _, c := range cs {
			switch {
			case c.Key.Kind != k:
			case c.Added:
				n.Added++
			case c.Removed:
				n.Removed++
			case !seen[c.Key]:
				n.Changed++
			}
			if c.Key.Kind == k {
				seen[c.Key] = true
			}
		}
		if n.Added+n.Removed+n.Changed > 0 {
			r.Records = append(r.Records, n)
		}
	}
	return r
}

func statLine(cs []model.Change) string {
	var parts []string
	for _, n := range diffStat(cs).Records {
		var bits []string
		for _, b := range []struct {
			n    int
			what string
		}{{n.Added, "added"}, {n.Removed, "removed"}, {n.Changed, "changed"}} {
			if b.n > 0 {
				bits = append(bits, fmt.Sprintf("%d %s", b.n, b.what))
			}
		}
		parts = append(parts, n.Record+": "+strings.Join(bits, ", "))
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, "; ")
}
